#pragma once
// Tables the CLI prints: aligned text for people, JSON (--json) for scripts, from one structure.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ms::cli {

struct Table {
    std::string title;
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;
    nlohmann::json json;  // what --json prints; built by the command alongside the text

    std::string toText() const;
    std::string toCsv() const;       // RFC 4180 quoting
    std::string toMarkdown() const;  // a GitHub table
    // "text", "csv", "markdown" or "json"; anything else is a UsageError.
    std::string render(const std::string& format) const;
};

std::string percent(double fraction, int decimals = 1);
// A plain number with `decimals` digits after the point.
std::string fixed(double value, int decimals = 3);

}  // namespace ms::cli
