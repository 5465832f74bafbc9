#include "table.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

#include "cli_args.h"

namespace ms::cli {

std::string percent(double fraction, int decimals) { return fixed(fraction * 100.0, decimals); }

std::string fixed(double value, int decimals) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(decimals) << value;
    return out.str();
}

namespace {

// Display width of UTF-8 text: count the bytes that start a code point.
size_t displayWidth(const std::string& s) {
    return size_t(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

std::string Table::toText() const {
    std::vector<size_t> width(columns.size(), 0);
    for (size_t c = 0; c < columns.size(); ++c) width[c] = displayWidth(columns[c]);
    for (const auto& row : rows)
        for (size_t c = 0; c < row.size() && c < width.size(); ++c) width[c] = std::max(width[c], displayWidth(row[c]));
    std::ostringstream out;
    if (!title.empty()) out << title << "\n";
    auto line = [&](const std::vector<std::string>& cells) {
        for (size_t c = 0; c < columns.size(); ++c) {
            const std::string cell = c < cells.size() ? cells[c] : "";
            const std::string pad(width[c] - displayWidth(cell), ' ');
            out << (c ? "  " : "") << (c == 0 ? cell + pad : pad + cell);  // first column left, numbers right
        }
        out << "\n";
    };
    line(columns);
    size_t total = 0;
    for (size_t w : width) total += w;
    out << std::string(total + 2 * (columns.empty() ? 0 : columns.size() - 1), '-') << "\n";
    for (const auto& row : rows) line(row);
    return out.str();
}

namespace {

std::string csvCell(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

}  // namespace

std::string Table::toCsv() const {
    std::ostringstream out;
    auto line = [&](const std::vector<std::string>& cells) {
        for (size_t c = 0; c < cells.size(); ++c) out << (c ? "," : "") << csvCell(cells[c]);
        out << "\n";
    };
    line(columns);
    for (const auto& row : rows) line(row);
    return out.str();
}

std::string Table::toMarkdown() const {
    std::ostringstream out;
    if (!title.empty()) out << "**" << title << "**\n\n";
    auto line = [&](const std::vector<std::string>& cells) {
        out << "|";
        for (const auto& cell : cells) out << " " << cell << " |";
        out << "\n";
    };
    line(columns);
    out << "|";
    for (size_t c = 0; c < columns.size(); ++c) out << (c == 0 ? "---|" : "---:|");
    out << "\n";
    for (const auto& row : rows) line(row);
    return out.str();
}

std::string Table::render(const std::string& format) const {
    if (format == "text") return toText();
    if (format == "csv") return toCsv();
    if (format == "markdown" || format == "md") return toMarkdown();
    if (format == "json") return json.dump(2) + "\n";
    throw UsageError("--format must be text, csv, markdown or json, not '" + format + "'");
}

}  // namespace ms::cli
