#include "accuracy_report.h"

#include "cli_args.h"

#include <cmath>

namespace ms::cli {

Table accuracyTable(const std::vector<eval::AccuracyRow>& rows, const std::string& title) {
    Table table;
    table.title = title;
    const eval::AccuracyRow* individual = nullptr;
    for (const auto& row : rows)
        if (row.method == "Individual") individual = &row;
    table.columns = {"method"};
    if (!rows.empty())
        for (const auto& t : rows.front().tasks) table.columns.push_back(t.task);
    table.columns.push_back("average");
    if (individual) table.columns.push_back("normalised");
    table.json["title"] = title;
    for (const auto& row : rows) {
        std::vector<std::string> cells{row.method};
        nlohmann::json j{{"method", row.method}, {"average", row.average()}};
        for (const auto& t : row.tasks) {
            cells.push_back(percent(t.accuracy()));
            j["tasks"][t.task] = {{"accuracy", t.accuracy()},         {"correct", t.correct},
                                  {"total", t.total},                 {"entropy", t.meanEntropy()},
                                  {"entropy_correct", t.meanEntropyCorrect()}, {"entropy_wrong", t.meanEntropyWrong()}};
        }
        cells.push_back(percent(row.average()));
        if (individual) {
            const double normalised = individual->average() > 0 ? row.average() / individual->average() : 0.0;
            cells.push_back(percent(normalised));
            j["normalised_average"] = normalised;
        }
        table.rows.push_back(cells);
        table.json["rows"].push_back(j);
    }
    return table;
}

namespace {

// A method's entropies pooled over the test images of all its tasks: every wrong answer weighs the
// same, whichever task it belongs to. NaN where there is no such image.
struct PooledEntropy {
    double all, right, wrong;
};

PooledEntropy pooledEntropy(const eval::AccuracyRow& row) {
    double sum = 0.0, sumRight = 0.0;
    int64_t total = 0, correct = 0;
    for (const auto& t : row.tasks) {
        sum += t.entropySum;
        sumRight += t.entropySumCorrect;
        total += t.total;
        correct += t.correct;
    }
    const double none = eval::TaskAccuracy::kNoValue;
    return {total ? sum / double(total) : none, correct ? sumRight / double(correct) : none,
            total > correct ? (sum - sumRight) / double(total - correct) : none};
}

std::string nats(double value) { return std::isnan(value) ? "–" : fixed(value, 3); }

}  // namespace

Table entropyTable(const std::vector<eval::AccuracyRow>& rows) {
    Table table;
    table.title = "confidence: mean prediction entropy (nats) over all test images, the right and the wrong ones";
    table.columns = {"method", "accuracy", "entropy", "when right", "when wrong"};
    for (const auto& row : rows) {
        const auto e = pooledEntropy(row);
        table.rows.push_back({row.method, percent(row.average()), nats(e.all), nats(e.right), nats(e.wrong)});
    }
    return table;
}

std::string renderAccuracy(const std::vector<eval::AccuracyRow>& rows, const std::string& title, const std::string& format,
                           bool withEntropy) {
    Table accuracy = accuracyTable(rows, title);
    if (!withEntropy || format == "json") return accuracy.render(format);  // JSON carries them per task
    if (format == "csv") {
        // One CSV table: the entropies as three more columns.
        for (const char* c : {"entropy", "entropy_right", "entropy_wrong"}) accuracy.columns.push_back(c);
        for (size_t r = 0; r < rows.size(); ++r) {
            const auto e = pooledEntropy(rows[r]);
            for (double v : {e.all, e.right, e.wrong}) accuracy.rows[r].push_back(std::isnan(v) ? "" : nats(v));
        }
        return accuracy.render(format);
    }
    return accuracy.render(format) + "\n" + entropyTable(rows).render(format);
}

std::string outputFormat(const Args& args) { return args.has("json") ? "json" : args.get("format", "text"); }

}  // namespace ms::cli
