#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <map>

#include "cli_args.h"
#include "commands.h"
#include "core/data/corruptions.h"
#include "core/run/device.h"

namespace ms::cli {

namespace {
volatile std::sig_atomic_t interrupted = 0;
void onInterrupt(int) { interrupted = 1; }
}  // namespace

std::set<std::string> withCommonValues(std::set<std::string> values) {
    values.insert({"threads", "device"});
    return values;
}

std::set<std::string> withCommonFlags(std::set<std::string> flags) {
    flags.insert({"json", "help", "quiet"});
    return flags;
}

std::string applyCommon(const Args& args) {
    const int threads = args.getInt("threads", 0);
    if (threads < 0) throw UsageError("--threads must be 0 (all cores) or more");
    setThreadCount(threads);
    return args.get("device", "cpu");
}

std::vector<std::string> splitCommas(const std::string& text) {
    std::vector<std::string> items;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t comma = text.find(',', start);
        std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!item.empty()) items.push_back(item);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return items;
}

CorruptionChoice corruptionOption(const Args& args) {
    CorruptionChoice choice;
    if (!args.has("corruption")) return choice;
    choice.id = data::corruptionId(data::parseCorruption(args.get("corruption")));
    choice.severity = args.getInt("severity", 3);
    if (choice.severity < data::kMinSeverity || choice.severity > data::kMaxSeverity)
        throw UsageError("--severity must be 1..5");
    return choice;
}

Callbacks consoleCallbacks(bool quiet) {
    std::signal(SIGINT, onInterrupt);  // Ctrl-C stops between steps, leaving no half-written file
    Callbacks callbacks;
    callbacks.cancelled = [] { return interrupted != 0; };
    callbacks.log = [quiet](const std::string& line) {
        if (!quiet) std::fprintf(stderr, "%s\n", line.c_str());
    };
    if (quiet) return callbacks;
    const bool terminal = isatty(STDERR_FILENO);
    auto lastDecile = std::make_shared<std::map<std::string, int64_t>>();
    callbacks.progress = [terminal, lastDecile](int64_t done, int64_t total, const std::string& stage) {
        if (total <= 0) return;
        const int64_t pct = done * 100 / total;
        if (terminal) {
            std::fprintf(stderr, "\r\033[K%-28s %3lld%%  (%lld/%lld)", stage.c_str(), (long long)pct, (long long)done,
                         (long long)total);
            if (done >= total) std::fprintf(stderr, "\n");
            return;
        }
        const int64_t decile = pct / 10;
        auto& last = (*lastDecile)[stage];
        if (decile > last || done == total) {
            last = decile;
            std::fprintf(stderr, "%s: %lld%% (%lld/%lld)\n", stage.c_str(), (long long)pct, (long long)done, (long long)total);
        }
    };
    return callbacks;
}

}  // namespace ms::cli
