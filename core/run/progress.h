#pragma once
// The plain callbacks long work takes (DESIGN.md): progress, cancellation and log lines. The GUI
// turns them into signals on a worker thread; the CLI prints them.
#include <cstdint>
#include <functional>
#include <string>

namespace ms {

struct Callbacks {
    std::function<void(int64_t done, int64_t total, const std::string& stage)> progress;
    std::function<bool()> cancelled;
    std::function<void(const std::string& line)> log;

    void report(int64_t done, int64_t total, const std::string& stage) const {
        if (progress) progress(done, total, stage);
    }
    bool shouldStop() const { return cancelled && cancelled(); }
    void info(const std::string& line) const {
        if (log) log(line);
    }
};

// Thrown between steps when Callbacks::cancelled() says so.
struct Cancelled {};

}  // namespace ms
