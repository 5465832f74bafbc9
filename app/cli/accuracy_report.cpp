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
            j["tasks"][t.task] = {{"accuracy", t.accuracy()}, {"correct", t.correct}, {"total", t.total}};
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

std::string outputFormat(const Args& args) { return args.has("json") ? "json" : args.get("format", "text"); }

}  // namespace ms::cli
