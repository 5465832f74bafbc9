// mergescope-cli analyze: the analyses of ALGORITHM.md §6 as tables (text, CSV, Markdown, JSON).
#include <cmath>
#include <cstdio>

#include <torch/torch.h>

#include "accuracy_report.h"
#include "analyze_diagnostics.h"
#include "cli_args.h"
#include "commands.h"
#include "core/analysis/entropy_signal.h"
#include "core/analysis/oracle_routing.h"
#include "core/analysis/routing_stats.h"
#include "core/analysis/sweeps.h"
#include "core/analysis/task_vector_geometry.h"
#include "core/merge/merge_inputs.h"
#include "core/pool/pool_manifest.h"
#include "core/run/device.h"
#include "core/run/merge_result.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace ms::cli {

namespace {

const char* kAnalyzeUsage = R"(Usage: mergescope-cli analyze <analysis> [--pool P] [--tasks a,b,...] [options]
                                    [--format text|csv|markdown|json] [--out FILE]

Analyses:
  cosine      task-vector cosine similarity [T x T]; --layer L and --group all|attention|mlp
              narrow it (default: whole model)
  conflicts   TIES sign-conflict rate per layer after trimming to the top --k % (default 20)
  lambda      accuracy of task arithmetic against λ (--values 0,0.1,...,1 by default), with the
              mean prediction entropy: is the surest λ (least entropy) the most accurate one?
  topk        accuracy of TIES against k (--values 5,10,20,40,60,80,100; --lambda 0.3), with the
              mean prediction entropy
  oracle      accuracy when each image's MLPs use only its own task vector (--coefficient 1,
              --lambda 0.3): the ceiling of WEMoE's routing on this pool, next to the experts and
              to task arithmetic at λ, where adaptation starts; --entropy adds how sure each is;
              --path 0,0.25,0.5,0.75,1 also walks from the WEMoE start to the oracle (each image's
              MLP coefficients at (1 − α)·λ for every task vector, plus α·c for its own) with
              accuracy and each task's entropy: where a task's entropy rises on the way, its
              gradient leads elsewhere
  signal      what test-time adaptation will follow, before it starts: for each task's test
              images, how much each task vector's MLP coefficient (at --lambda 0.3) changes their
              mean prediction entropy (nats per unit; negative = surer), per layer and in all;
              routers can only learn to tell tasks apart where a task's own vector is the one
              that makes it surest
  routing     from an adapt result (--result DIR): mean routing weight per task and layer, the
              first-choice matrix and the spread of routing per layer, on the test sets

Diagnostics: will WEMoE work on this pool? Each ends with a one-line verdict against the demo
zoo's targets and measures --images 200 test images per task (evenly spread):
  identifiability  per layer, the held-out accuracy of a linear probe reading an image's task
              from the router's input (token mean of LN2, task arithmetic at --lambda 0.3):
              what a router can see (target: ≥ 95 % in at least one layer)
  disentanglement  Ortiz-Jimenez et al.'s error ξ(α_s, α_t): the share of two tasks' predictions
              that adding the other task's vector changes, over the grid --values
              0.25,0.5,0.75,1 squared, for every pair or --pairs a:b,c:d (target: ≤ 0.05)
  alignment   per task alone (perfect task identity), accuracy at per-layer MLP coefficients
              fitted to minimise entropy (no labels) and cross-entropy (labels), beside the
              oracle and the start (--steps 200, --lr 5e-3: the reach of 1000 steps at 1e-3):
              can entropy find the experts at all? (target: within 3 points of the oracle)
)";

Table matrixTable(const std::string& title, const std::vector<std::string>& rowNames,
                  const std::vector<std::string>& columnNames, const torch::Tensor& m, bool asPercent) {
    Table table;
    table.title = title;
    table.columns = {""};
    for (const auto& c : columnNames) table.columns.push_back(c);
    table.json["title"] = title;
    table.json["rows"] = rowNames;
    table.json["columns"] = columnNames;
    for (int64_t r = 0; r < m.size(0); ++r) {
        std::vector<std::string> cells{rowNames[size_t(r)]};
        std::vector<double> values;
        for (int64_t c = 0; c < m.size(1); ++c) {
            const double v = m[r][c].item<double>();
            values.push_back(v);
            cells.push_back(asPercent ? percent(v) : fixed(v));
        }
        table.rows.push_back(cells);
        table.json["values"].push_back(values);
    }
    return table;
}

Table sweepTable(const std::string& title, const char* parameter, const std::vector<analysis::SweepPoint>& points) {
    Table table;
    table.title = title;
    table.columns = {parameter};
    for (const auto& t : points.front().accuracy.tasks) table.columns.push_back(t.task);
    // The mean prediction entropy beside the accuracy: where test-time adaptation would go.
    for (const char* c : {"average", "min", "max", "entropy"}) table.columns.push_back(c);
    table.json["title"] = title;
    for (const auto& p : points) {
        std::vector<std::string> cells{fixed(p.value, 2)};
        double lo = 1.0, hi = 0.0;
        nlohmann::json j{{parameter, p.value}, {"average", p.accuracy.average()}};
        for (const auto& t : p.accuracy.tasks) {
            cells.push_back(percent(t.accuracy()));
            lo = std::min(lo, t.accuracy());
            hi = std::max(hi, t.accuracy());
            j["tasks"][t.task] = t.accuracy();
        }
        const double entropy = p.accuracy.meanEntropy();
        j["entropy"] = entropy;
        cells.push_back(percent(p.accuracy.average()));
        cells.push_back(percent(lo));
        cells.push_back(percent(hi));
        cells.push_back(fixed(entropy, 3));
        table.rows.push_back(cells);
        table.json["points"].push_back(j);
    }
    return table;
}

// Each task's mean prediction entropy at each point of a sweep: where one task's images get surer
// or less sure, which the average hides.
Table sweepEntropyTable(const std::string& title, const char* parameter, const std::vector<analysis::SweepPoint>& points) {
    Table table;
    table.title = title;
    table.columns = {parameter};
    for (const auto& t : points.front().accuracy.tasks) table.columns.push_back(t.task);
    table.columns.push_back("average");
    table.json["title"] = title;
    for (const auto& p : points) {
        std::vector<std::string> cells{fixed(p.value, 2)};
        nlohmann::json j{{parameter, p.value}, {"entropy", p.accuracy.meanEntropy()}};
        for (const auto& t : p.accuracy.tasks) {
            cells.push_back(fixed(t.meanEntropy(), 3));
            j["tasks"][t.task] = t.meanEntropy();
        }
        cells.push_back(fixed(p.accuracy.meanEntropy(), 3));
        table.rows.push_back(cells);
        table.json["points"].push_back(j);
    }
    return table;
}

}  // namespace

int runAnalyze(const std::vector<std::string>& argv) {
    const Args args(argv, withCommonValues({"pool", "tasks", "layer", "group", "k", "values", "lambda", "coefficient",
                                            "path", "result", "format", "out", "max-images", "images", "steps", "lr",
                                            "pairs"}),
                    withCommonFlags({"entropy"}));
    if (args.has("help") || args.positional().size() != 1) {
        if (!args.has("help")) throw UsageError("name one analysis: cosine, conflicts, lambda, topk, oracle, signal, routing, "
                                                     "identifiability, disentanglement or alignment");
        std::fputs(kAnalyzeUsage, stdout);
        return kOk;
    }
    const std::string what = args.positional().front();
    const torch::Device device = parseDevice(applyCommon(args));
    const auto callbacks = consoleCallbacks(args.has("quiet") || args.has("json"));
    eval::EvalSettings settings;
    settings.device = device;
    settings.maxImages = args.getInt("max-images", 0);
    // Lists of numbers are read before anything is loaded: a typo fails at once.
    const auto values = what == "lambda" ? parseNumberList(args, "values", {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0})
                      : what == "topk"   ? parseNumberList(args, "values", {5, 10, 20, 40, 60, 80, 100})
                      : what == "oracle" ? parseNumberList(args, "path", {})
                      : what == "disentanglement" ? parseNumberList(args, "values", {0.25, 0.5, 0.75, 1.0})
                                         : std::vector<double>{};
    std::string verdict;

    std::vector<Table> tables;
    if (what == "routing") {
        auto merged = run::loadResult(args.require("result"), device, callbacks);
        if (!merged->model->routes()) throw Error(args.get("result"), "holds a " + merged->method->info().name + " result, which does not route");
        eval::PoolEvaluator evaluator(merged->pool, settings, callbacks);
        std::vector<eval::TaskRouting> routing;
        evaluator.evaluateModel(merged->method->info().name, *merged->model, &routing);
        const auto& tasks = merged->inputs.taskNames;
        const int layers = merged->pool.config().numLayers;
        std::vector<std::string> layerNames;
        for (int l = 0; l < layers; ++l) layerNames.push_back("layer " + std::to_string(l));
        tables.push_back(matrixTable("first-choice matrix: % of a task's images whose largest weight is its own task vector",
                                     tasks, layerNames, analysis::firstChoiceMatrix(routing), true));
        const auto mean = analysis::meanRouting(routing);  // [task, layer, expert]
        for (int l = 0; l < layers; ++l)
            tables.push_back(matrixTable("mean routing weight, layer " + std::to_string(l) + " (rows: images of task, columns: task vector)",
                                         tasks, tasks, mean.select(1, l), false));
        tables.push_back(matrixTable("routing spread per layer (bits; log2 T = even mix)", {"spread"}, layerNames,
                                     analysis::routingSpread(routing).unsqueeze(0), false));
    } else {
        const auto pool = model::loadPoolModels(args.get("pool", pool::defaultZooFolder()), args.get("tasks"), true);
        const auto inputs = merge::MergeInputs::fromPool(pool, device);
        const auto& tasks = inputs.taskNames;
        const int layers = pool.config().numLayers;
        if (isDiagnostic(what)) {
            eval::PoolEvaluator evaluator(pool, settings, callbacks);
            tables = runDiagnostic(what, args, pool, inputs, evaluator, values, callbacks, verdict);
        } else if (what == "cosine") {
            analysis::VectorScope scope;
            scope.layer = args.getInt("layer", -2);
            const auto group = args.get("group", "all");
            if (group != "all" && group != "attention" && group != "mlp") throw UsageError("--group must be all, attention or mlp");
            scope.group = group == "attention" ? analysis::TensorGroup::Attention
                        : group == "mlp"       ? analysis::TensorGroup::Mlp
                                               : analysis::TensorGroup::All;
            tables.push_back(matrixTable("task-vector cosine similarity (" + scope.describe() + ")", tasks, tasks,
                                         analysis::cosineMatrix(merge::taskVectors(inputs), scope), false));
        } else if (what == "conflicts") {
            const double k = args.getDouble("k", 20.0);
            const auto c = analysis::signConflictRate(merge::taskVectors(inputs), layers, k);
            Table t;
            t.title = "TIES sign conflicts after keeping the top " + fixed(k, 0) + " % (all " + fixed(100 * c.overall, 1) +
                      " % of entries)";
            t.columns = {"layer", "conflict %"};
            for (int l = 0; l < layers; ++l) {
                t.rows.push_back({std::to_string(l), percent(c.perLayer[size_t(l)], 2)});
                t.json["per_layer"].push_back(c.perLayer[size_t(l)]);
            }
            t.json["overall"] = c.overall;
            t.json["k"] = k;
            tables.push_back(t);
        } else if (what == "signal") {
            eval::PoolEvaluator evaluator(pool, settings, callbacks);
            const auto signal = analysis::entropySignal(evaluator, inputs, pool.pretrained.preprocess,
                                                        args.getDouble("lambda", 0.3), 32, callbacks);
            tables.push_back(matrixTable("entropy signal, all layers: d entropy / d coefficient (rows: images of task, "
                                         "columns: task vector; negative = surer)",
                                         tasks, tasks, signal.total(), false));
            std::vector<std::string> layerNames;
            for (int l = 0; l < layers; ++l) layerNames.push_back("layer " + std::to_string(l));
            tables.push_back(matrixTable("% of tasks whose own vector makes them surest, per layer", {"own first"},
                                         layerNames, signal.ownVectorFirst().unsqueeze(0), true));
            for (int l = 0; l < layers; ++l)
                tables.push_back(matrixTable("entropy signal, layer " + std::to_string(l), tasks, tasks,
                                             signal.perLayer[l], false));
        } else if (what == "lambda" || what == "topk" || what == "oracle") {
            eval::PoolEvaluator evaluator(pool, settings, callbacks);
            if (what == "lambda") {
                tables.push_back(sweepTable("task arithmetic: accuracy (%) against λ", "lambda",
                                            analysis::taskArithmeticSweep(evaluator, inputs, values, callbacks)));
            } else if (what == "topk") {
                tables.push_back(sweepTable("TIES: accuracy (%) against k", "k",
                                            analysis::tiesTopKSweep(evaluator, inputs, values, args.getDouble("lambda", 0.3), callbacks)));
            } else {
                // The experts, the start of adaptation (task arithmetic at the routers' initial λ) and
                // the ceiling of routing.
                const double lambda = args.getDouble("lambda", 0.3);
                std::vector<eval::AccuracyRow> rows{evaluator.evaluateIndividual()};
                rows.push_back(analysis::taskArithmeticSweep(evaluator, inputs, {lambda}, callbacks).front().accuracy);
                char name[64];
                std::snprintf(name, sizeof name, "Task arithmetic (λ=%g)", lambda);
                rows.back().method = name;
                const double coefficient = args.getDouble("coefficient", 1.0);
                rows.push_back(analysis::oracleRouting(evaluator, inputs, coefficient, lambda, callbacks));
                tables.push_back(accuracyTable(rows, "oracle routing: each image's MLPs use only its own task vector"));
                if (args.has("entropy") && outputFormat(args) != "json") tables.push_back(entropyTable(rows));
                if (!values.empty()) {  // --path
                    const auto path = analysis::oracleRoutingPath(evaluator, inputs, values, coefficient, lambda, callbacks);
                    tables.push_back(sweepTable("from the WEMoE start (α = 0) to the oracle (α = 1): accuracy (%)", "alpha", path));
                    tables.push_back(sweepEntropyTable("mean prediction entropy (nats) on the way to the oracle", "alpha", path));
                }
            }
        } else {
            throw UsageError("unknown analysis '" + what + "' (cosine, conflicts, lambda, topk, oracle, signal, routing, "
                             "identifiability, disentanglement, alignment)");
        }
    }
    const std::string format = outputFormat(args);
    std::string text;
    if (format == "json") {
        nlohmann::json all = nlohmann::json::array();
        for (const auto& t : tables) all.push_back(t.json);
        text = (tables.size() == 1 ? tables.front().json : all).dump(2) + "\n";
    } else {
        for (const auto& t : tables) text += t.render(format) + "\n";
        if (!verdict.empty()) text += "verdict: " + verdict + "\n";
    }
    std::printf("%s", text.c_str());
    if (args.has("out")) writeFileAtomically(args.get("out"), text);
    return kOk;
}

}  // namespace ms::cli
