#include "table.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace ms::cli {

std::string percent(double fraction, int decimals) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(decimals) << fraction * 100.0;
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

}  // namespace ms::cli
