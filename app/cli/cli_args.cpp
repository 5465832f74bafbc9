#include "cli_args.h"

#include <cmath>
#include <cstdlib>
#include <sstream>

namespace ms::cli {

Args::Args(const std::vector<std::string>& argv, const std::set<std::string>& valueOptions,
           const std::set<std::string>& flagOptions) {
    for (size_t i = 0; i < argv.size(); ++i) {
        const std::string& arg = argv[i];
        if (arg.rfind("--", 0) != 0 || arg == "--") {
            positional_.push_back(arg);
            continue;
        }
        std::string name = arg.substr(2), value;
        bool inlineValue = false;
        if (auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
            inlineValue = true;
        }
        if (flagOptions.count(name)) {
            if (inlineValue) throw UsageError("option --" + name + " takes no value");
            flags_.insert(name);
        } else if (valueOptions.count(name)) {
            if (!inlineValue) {
                if (i + 1 >= argv.size()) throw UsageError("option --" + name + " needs a value");
                value = argv[++i];
            }
            values_[name] = value;
            allValues_[name].push_back(value);
        } else {
            throw UsageError("unknown option --" + name);
        }
    }
}

bool Args::has(const std::string& name) const { return flags_.count(name) || values_.count(name); }

std::string Args::get(const std::string& name, const std::string& fallback) const {
    auto it = values_.find(name);
    return it == values_.end() ? fallback : it->second;
}

std::vector<std::string> Args::getAll(const std::string& name) const {
    auto it = allValues_.find(name);
    return it == allValues_.end() ? std::vector<std::string>{} : it->second;
}

std::string Args::require(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end() || it->second.empty()) throw UsageError("option --" + name + " is required");
    return it->second;
}

int Args::getInt(const std::string& name, int fallback) const {
    if (!values_.count(name)) return fallback;
    const std::string& text = values_.at(name);
    char* end = nullptr;
    const long value = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0') throw UsageError("option --" + name + " needs an integer, not '" + text + "'");
    return int(value);
}

uint64_t Args::getUint64(const std::string& name, uint64_t fallback) const {
    if (!values_.count(name)) return fallback;
    const std::string& text = values_.at(name);
    char* end = nullptr;
    const unsigned long long value = std::strtoull(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || text[0] == '-')
        throw UsageError("option --" + name + " needs a non-negative integer, not '" + text + "'");
    return uint64_t(value);
}

double Args::getDouble(const std::string& name, double fallback) const {
    if (!values_.count(name)) return fallback;
    const std::string& text = values_.at(name);
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0') throw UsageError("option --" + name + " needs a number, not '" + text + "'");
    return value;
}

std::vector<double> parseNumberList(const Args& args, const std::string& option, std::vector<double> fallback) {
    if (!args.has(option)) return fallback;
    std::vector<double> out;
    std::stringstream stream(args.get(option));
    std::string item;
    while (std::getline(stream, item, ',')) {
        if (item.empty()) continue;
        char* end = nullptr;
        const double value = std::strtod(item.c_str(), &end);
        if (end == item.c_str() || *end != '\0' || !std::isfinite(value))
            throw UsageError("--" + option + ": '" + item + "' is not a number");
        out.push_back(value);
    }
    if (out.empty()) throw UsageError("--" + option + " needs comma-separated numbers, e.g. 0,0.5,1");
    return out;
}

}  // namespace ms::cli
