// mergescope-cli compare: one accuracy table of every method on the chosen tasks (the paper's
// Table 1 for your pool): pretrained, individual, averaging, task arithmetic, TIES, layer-wise
// AdaMerging and WEMoE.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <sstream>

#include "accuracy_report.h"
#include "cli_args.h"
#include "commands.h"
#include "core/adapt/entropy_adaptation.h"
#include "core/eval/pool_evaluator.h"
#include "core/merge/merge_inputs.h"
#include "core/merge/merge_method.h"
#include "core/pool/pool_manifest.h"
#include "core/run/device.h"
#include "core/util/error.h"
#include "core/util/atomic_file.h"

namespace ms::cli {

namespace {

const char* kCompareUsage = R"(Usage: mergescope-cli compare [--pool P] [--tasks a,b,...] [--methods m1,m2,...]
                             [--steps N] [--lr X] [--params method.name=value,...] [--seed N]
                             [--max-images N] [--format text|csv|markdown|json] [--out FILE] [--entropy]

Evaluates the pretrained model, the individual experts and each merge method (default: average,
task_arithmetic, ties, adamerging, wemoe, each at its defaults; adaptive methods adapt first, on
the unlabeled test images) and prints one table: accuracy per task, average, and the average
normalised by the individual experts'. --steps and --lr override the adaptive methods' steps and
learning rate; --params sets any method's parameters, named by method (e.g.
wemoe.router_depth=1,ties.k=30; 'mergescope-cli methods' lists them), over --steps and --lr.
--corruption ID --severity 1..5 runs the whole comparison on corrupted test images (robustness).
--out also writes the table (format from the file's extension: .csv, .md, .json; else text). --entropy adds each
method's mean prediction entropy on all, right and wrong test images: adaptation lowers the first,
and helps only where the wrong answers are the unsure ones.
)";

std::string formatForFile(const std::string& path) {
    auto ends = [&](const std::string& s) { return path.size() >= s.size() && path.compare(path.size() - s.size(), s.size(), s) == 0; };
    if (ends(".csv")) return "csv";
    if (ends(".md")) return "markdown";
    if (ends(".json")) return "json";
    return "text";
}

// --params wemoe.router_depth=1,ties.k=30 → {"wemoe": {"router_depth": 1}, "ties": {"k": 30}}; every
// prefix must name a compared method (the names themselves are checked by the method).
std::map<std::string, nlohmann::json> parametersByMethod(const std::string& text, const std::vector<std::string>& methods) {
    std::map<std::string, nlohmann::json> out;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ',')) {
        if (item.empty()) continue;
        const auto eq = item.find('='), dot = item.find('.');
        if (eq == std::string::npos || dot == std::string::npos || dot == 0 || dot + 1 >= eq)
            throw UsageError("--params: '" + item + "' is not of the form method.name=value");
        const std::string method = item.substr(0, dot);
        if (std::find(methods.begin(), methods.end(), method) == methods.end())
            throw UsageError("--params: '" + method + "' is not one of the compared methods");
        out[method].update(merge::parseParamList(item.substr(dot + 1)));  // the value as adapt --params reads it
    }
    return out;
}

}  // namespace

int runCompare(const std::vector<std::string>& argv) {
    const Args args(argv, withCommonValues({"pool", "tasks", "methods", "steps", "lr", "params", "seed", "max-images", "format", "out", "corruption", "severity"}),
                    withCommonFlags({"entropy"}));
    if (args.has("help")) {
        std::fputs(kCompareUsage, stdout);
        return kOk;
    }
    const torch::Device device = parseDevice(applyCommon(args));
    const auto callbacks = consoleCallbacks(args.has("quiet") || args.has("json"));
    const auto pool = model::loadPoolModels(args.get("pool", pool::defaultZooFolder()), args.get("tasks"), true);
    const auto inputs = merge::MergeInputs::fromPool(pool, device, args.getUint64("seed", 0));
    eval::EvalSettings settings;
    settings.device = device;
    settings.maxImages = args.getInt("max-images", 0);
    const auto corruption = corruptionOption(args);
    settings.corruption = corruption.id;
    settings.severity = corruption.severity;
    settings.corruptionSeed = args.getUint64("seed", 0);
    eval::PoolEvaluator evaluator(pool, settings, callbacks);

    const std::vector<std::string> methods = args.has("methods")
        ? splitCommas(args.get("methods"))
        : std::vector<std::string>{"average", "task_arithmetic", "ties", "adamerging", "wemoe"};
    // Every method and parameter is checked before any work: a typo fails at once, not after an hour.
    struct Planned {
        const merge::MergeMethod* method;
        nlohmann::json params;
    };
    std::vector<Planned> plan;
    const auto overrides = parametersByMethod(args.get("params"), methods);
    for (const auto& id : methods) {
        const auto& method = merge::findMethod(id);
        auto params = method.info().defaults();
        if (method.info().kind == merge::MethodKind::Adaptive) {
            if (args.has("steps")) params["steps"] = args.getInt("steps", 0);
            if (args.has("lr")) params["lr"] = args.getDouble("lr", 0.0);
        }
        if (const auto given = overrides.find(id); given != overrides.end()) params.update(given->second);
        plan.push_back({&method, method.info().resolve(params)});
    }

    std::vector<eval::AccuracyRow> rows;
    rows.push_back(evaluator.evaluateShared("Pretrained", pool.pretrained.tensors));
    rows.push_back(evaluator.evaluateIndividual());
    std::vector<adapt::AdaptTask> adaptTasks;
    for (const auto& [methodPointer, params] : plan) {
        const auto& method = *methodPointer;
        const auto start = std::chrono::steady_clock::now();
        auto model = method.build(inputs, params, callbacks);
        if (method.info().kind == merge::MethodKind::Adaptive) {
            if (adaptTasks.empty()) adaptTasks = evaluator.adaptationTasks();
            adapt::EntropyAdapter adapter(*model, adaptTasks, pool.pretrained.preprocess,
                                          adapt::AdaptSettings::fromParams(params, inputs.seed));
            adapter.run(callbacks);
        }
        rows.push_back(evaluator.evaluateModel(method.info().name, *model));
        callbacks.info(method.info().name + ": " + percent(rows.back().average()) + " % in " +
                       std::to_string(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()) + " s");
    }
    const std::string title = "accuracy (%) on the test sets of " + pool.manifest.path;
    std::printf("%s", renderAccuracy(rows, title, outputFormat(args), args.has("entropy")).c_str());
    if (args.has("out"))
        writeFileAtomically(args.get("out"), renderAccuracy(rows, title, formatForFile(args.get("out")), args.has("entropy")));
    return kOk;
}

}  // namespace ms::cli
