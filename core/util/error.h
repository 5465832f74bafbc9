#pragma once
// One exception type for everything the user can get wrong: a broken file, a wrong path,
// mismatched shapes. The message names the file (when there is one) and the problem, so the
// CLI and the GUI can show it as is.
#include <stdexcept>
#include <string>

namespace ms {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
    Error(const std::string& path, const std::string& problem)
        : std::runtime_error(path + ": " + problem), path_(path) {}

    // The file the problem is about; empty when it is not about a file.
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

}  // namespace ms
