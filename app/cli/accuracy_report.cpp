#include "accuracy_report.h"

#include "cli_args.h"

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

Table entropyTable(const std::vector<eval::AccuracyRow>& rows) {
    Table table;
    table.title = "confidence: mean prediction entropy (nats) over all test images, the right and the wrong ones";
    table.columns = {"method", "accuracy", "entropy", "when right", "when wrong"};
    auto mean = [](const eval::AccuracyRow& row, double (eval::TaskAccuracy::*value)() const) {
        double sum = 0.0;
        for (const auto& t : row.tasks) sum += (t.*value)();
        return row.tasks.empty() ? 0.0 : sum / double(row.tasks.size());
    };
    auto nats = [](double value) {
        char text[32];
        std::snprintf(text, sizeof text, "%.3f", value);
        return std::string(text);
    };
    for (const auto& row : rows) {
        table.rows.push_back({row.method, percent(row.average()), nats(mean(row, &eval::TaskAccuracy::meanEntropy)),
                              nats(mean(row, &eval::TaskAccuracy::meanEntropyCorrect)),
                              nats(mean(row, &eval::TaskAccuracy::meanEntropyWrong))});
    }
    return table;
}

std::string renderAccuracy(const std::vector<eval::AccuracyRow>& rows, const std::string& title, const std::string& format,
                           bool withEntropy) {
    std::string text = accuracyTable(rows, title).render(format);
    if (withEntropy && format != "json") text += "\n" + entropyTable(rows).render(format);
    return text;
}

std::string outputFormat(const Args& args) { return args.has("json") ? "json" : args.get("format", "text"); }

}  // namespace ms::cli
