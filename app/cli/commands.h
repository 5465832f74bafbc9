#pragma once
// The subcommands of mergescope-cli. Each parses its own arguments and returns the exit code.
#include <set>
#include <string>
#include <vector>

#include "core/run/progress.h"

namespace ms::cli {

class Args;

enum ExitCode { kOk = 0, kFailed = 1, kUsage = 2, kCancelled = 3, kInternal = 4 };

int runInfo(const std::vector<std::string>& args);
int runZoo(const std::vector<std::string>& args);
int runEval(const std::vector<std::string>& args);
int runFinetune(const std::vector<std::string>& args);
int runMerge(const std::vector<std::string>& args);
int runAdapt(const std::vector<std::string>& args);
int runMethods(const std::vector<std::string>& args);
int runCompare(const std::vector<std::string>& args);
int runAnalyze(const std::vector<std::string>& args);
int runBench(const std::vector<std::string>& args);
int runRoute(const std::vector<std::string>& args);
int runHeads(const std::vector<std::string>& args);
int runPool(const std::vector<std::string>& args);

// Options every command takes: --threads N, --device D, --json, --help.
std::set<std::string> withCommonValues(std::set<std::string> values);
std::set<std::string> withCommonFlags(std::set<std::string> flags);
// Applies --threads; returns the device --device names (default cpu).
std::string applyCommon(const Args& args);

// "a,,b," → {"a", "b"}.
std::vector<std::string> splitCommas(const std::string& text);
// --corruption ID --severity 1..5 (default 3): the corruption's canonical id (empty when the
// option is absent) and its severity. Unknown ids are ms::Error, bad severities UsageError.
struct CorruptionChoice {
    std::string id;
    int severity = 3;
};
CorruptionChoice corruptionOption(const Args& args);

// `bench route` (cmd_bench_route.cpp), dispatched by `bench`.
int runBenchRoute(const Args& args);

// Progress on stderr: one updating line on a terminal, a line per 10 % otherwise.
Callbacks consoleCallbacks(bool quiet);

}  // namespace ms::cli
