#pragma once
// A small, strict command-line parser: `--name value`, `--name=value` and `--flag`, positional
// arguments, and a list of the options each command accepts so typos are errors.
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace ms::cli {

// Thrown for a malformed command line; main() prints it with the usage and exits with 2.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Args {
public:
    // `valueOptions` take a value, `flagOptions` do not. Both without the leading dashes.
    Args(const std::vector<std::string>& argv, const std::set<std::string>& valueOptions,
         const std::set<std::string>& flagOptions);

    bool has(const std::string& name) const;
    std::string get(const std::string& name, const std::string& fallback = "") const;
    std::string require(const std::string& name) const;
    // Every value an option was given, in order (`--expert a=x --expert b=y`); get() has the last.
    std::vector<std::string> getAll(const std::string& name) const;
    int getInt(const std::string& name, int fallback) const;
    double getDouble(const std::string& name, double fallback) const;
    uint64_t getUint64(const std::string& name, uint64_t fallback) const;
    const std::vector<std::string>& positional() const { return positional_; }

private:
    std::map<std::string, std::string> values_;
    std::map<std::string, std::vector<std::string>> allValues_;
    std::set<std::string> flags_;
    std::vector<std::string> positional_;
};

// A comma-separated list of numbers given as --<option>; `fallback` when the option is absent.
// A non-number or an empty list is a UsageError naming the option.
std::vector<double> parseNumberList(const Args& args, const std::string& option, std::vector<double> fallback);

}  // namespace ms::cli
