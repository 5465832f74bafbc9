// mergescope-cli: every capability of MergeScope, headless. Links ms_core only.
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include <c10/util/Exception.h>

#include "cli_args.h"
#include "commands.h"
#include "core/util/error.h"

namespace {

const char* kMainUsage = R"(mergescope-cli — merge vision transformers from the command line (MergeScope )" MERGESCOPE_VERSION R"()

Usage: mergescope-cli <command> [options]

Commands:
  info <checkpoint|head|shard|pool>   dimensions, parameters, dtypes, SHA-256
  zoo build [--out DIR] [--seed N]    build the demo zoo on the CPU
  zoo report [--pool P]               accuracy of pretrained, individual, averaging, task arithmetic
  zoo path                            print where the demo zoo lives by default
  methods                             the merge methods, their parameters and papers
  merge --method M --out DIR          a static merge (average, task_arithmetic, ties, dare)
  adapt --method M --out DIR          test-time adaptation (wemoe, e_wemoe, adamerging)
  eval [--pool P] [--checkpoint C | --result DIR]
                                      accuracy per task
  compare [--pool P] [--tasks ...]    one table: pretrained, individual and every method
  route --result DIR IMAGE...         routing weights (image x layer x task) and predictions
  analyze <what> [--pool P]           cosine, conflicts, lambda, topk, oracle, signal, routing
  bench wemoe [--quick]               time and memory of a WEMoE adaptation step, lean vs naive
  finetune --pool P --task NAME --train DIR --test DIR
                                      add a new expert to a pool from image folders
  pool new --pretrained DIR --expert NAME=DIR --test NAME=DIR ... --out DIR
                                      a pool from a CLIP folder, experts and test folders
  heads build --model DIR (--task NAME | --classes FILE) --out FILE
                                      a zero-shot head from CLIP's text tower

Common options: --threads N (0 = all cores), --device cpu|cuda|auto, --json, --quiet, --help
Run 'mergescope-cli <command> --help' for the options of a command.

Exit codes: 0 success, 1 bad input or failed run (the message says why), 2 wrong usage,
            3 cancelled (Ctrl-C), 4 internal error.
)";

}  // namespace

int main(int argc, char** argv) {
    using namespace ms::cli;
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "help")) {
        std::fputs(kMainUsage, argc < 2 ? stderr : stdout);
        return argc < 2 ? kUsage : kOk;
    }
    if (!std::strcmp(argv[1], "--version")) {
        std::printf("mergescope-cli %s\n", MERGESCOPE_VERSION);
        return kOk;
    }
    const std::string command = argv[1];
    const std::vector<std::string> args(argv + 2, argv + argc);
    try {
        if (command == "info") return runInfo(args);
        if (command == "zoo") return runZoo(args);
        if (command == "eval") return runEval(args);
        if (command == "finetune") return runFinetune(args);
        if (command == "methods") return runMethods(args);
        if (command == "merge") return runMerge(args);
        if (command == "adapt") return runAdapt(args);
        if (command == "compare") return runCompare(args);
        if (command == "analyze") return runAnalyze(args);
        if (command == "bench") return runBench(args);
        if (command == "route") return runRoute(args);
        if (command == "heads") return runHeads(args);
        if (command == "pool") return runPool(args);
        std::fprintf(stderr, "mergescope-cli: unknown command '%s'\n\n%s", command.c_str(), kMainUsage);
        return kUsage;
    } catch (const UsageError& e) {
        std::fprintf(stderr, "mergescope-cli %s: %s (see 'mergescope-cli %s --help')\n", command.c_str(), e.what(),
                     command.c_str());
        return kUsage;
    } catch (const ms::Error& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return kFailed;
    } catch (const ms::Cancelled&) {
        std::fprintf(stderr, "cancelled: nothing was written\n");
        return kCancelled;
    } catch (const c10::Error& e) {
        std::fprintf(stderr, "error (LibTorch): %s\n", e.what_without_backtrace());
        return kInternal;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "internal error: %s\n", e.what());
        return kInternal;
    }
}
