#include "analyze_diagnostics.h"

#include <sstream>

#include <torch/torch.h>

#include "core/analysis/diagnostic_verdicts.h"

namespace ms::cli {

namespace {

// "a:b,c:d" → index pairs of chosen tasks; names must be chosen tasks.
std::vector<std::pair<size_t, size_t>> parsePairs(const std::string& text, const std::vector<std::string>& tasks) {
    std::vector<std::pair<size_t, size_t>> pairs;
    std::stringstream stream(text);
    std::string item;
    auto index = [&](const std::string& name) {
        for (size_t t = 0; t < tasks.size(); ++t)
            if (tasks[t] == name) return t;
        throw UsageError("--pairs: '" + name + "' is not one of the chosen tasks");
    };
    while (std::getline(stream, item, ',')) {
        if (item.empty()) continue;
        const auto colon = item.find(':');
        if (colon == std::string::npos) throw UsageError("--pairs: '" + item + "' is not of the form task:task");
        const auto a = index(item.substr(0, colon)), b = index(item.substr(colon + 1));
        if (a == b) throw UsageError("--pairs: '" + item + "' pairs a task with itself");
        pairs.emplace_back(a, b);
    }
    return pairs;
}

std::vector<Table> identifiabilityTables(const Args& args, const model::PoolModels& pool, const merge::MergeInputs& inputs,
                                         eval::PoolEvaluator& evaluator, const Callbacks& callbacks, std::string& verdict) {
    analysis::IdentifiabilitySettings settings;
    settings.lambda = args.getDouble("lambda", settings.lambda);
    settings.imagesPerTask = args.getInt("images", int(settings.imagesPerTask));
    const auto r = analysis::taskIdentifiability(evaluator, inputs, pool.pretrained.preprocess, settings, callbacks);
    const auto layers = int64_t(r.perLayer.size());
    Table perLayer;
    perLayer.title = "task identifiability: held-out accuracy of a linear probe reading the task from each layer's "
                     "router input (token mean of LN2, task arithmetic at λ " + fixed(settings.lambda, 2) + ", " +
                     std::to_string(r.heldOutPerTask) + " held-out images per task)";
    perLayer.columns = {"layer", "accuracy"};
    for (const auto& t : r.tasks) perLayer.columns.push_back(t);
    for (int64_t l = 0; l < layers; ++l) {
        std::vector<std::string> row{std::to_string(l), percent(r.perLayer[size_t(l)])};
        nlohmann::json j{{"layer", l}, {"accuracy", r.perLayer[size_t(l)]}};
        for (size_t t = 0; t < r.tasks.size(); ++t) {
            const double recall = r.recall[l][int64_t(t)].item<double>();
            row.push_back(percent(recall));
            j["recall"][r.tasks[t]] = recall;
        }
        perLayer.rows.push_back(row);
        perLayer.json["layers"].push_back(j);
    }
    perLayer.json["best_layer"] = r.bestLayer();
    perLayer.json["best"] = r.best();
    verdict = analysis::verdict(r).text;
    perLayer.json["verdict"] = verdict;
    return {perLayer};
}

std::vector<Table> disentanglementTables(const Args& args, const model::PoolModels& pool, const merge::MergeInputs& inputs,
                                         eval::PoolEvaluator& evaluator, const std::vector<double>& alphas,
                                         const Callbacks& callbacks, std::string& verdict) {
    analysis::DisentanglementSettings settings;
    settings.alphas = alphas;
    settings.pairs = parsePairs(args.get("pairs"), inputs.taskNames);
    settings.imagesPerTask = args.getInt("images", int(settings.imagesPerTask));
    const auto r = analysis::weightDisentanglement(evaluator, inputs, pool.pretrained.preprocess, settings, callbacks);
    std::vector<Table> tables;
    Table summary;
    summary.title = "disentanglement error ξ per pair (share of the two tasks' predictions the other vector changes), "
                    "mean over the α grid and at the largest α";
    summary.columns = {"pair", "mean ξ", "ξ at max α"};
    for (const auto& p : r.pairs) {
        const auto name = r.tasks[p.first] + " + " + r.tasks[p.second];
        const double mean = p.error.mean().item<double>();
        const double last = p.error[p.error.size(0) - 1][p.error.size(1) - 1].item<double>();
        summary.rows.push_back({name, fixed(mean, 3), fixed(last, 3)});
        nlohmann::json grid = nlohmann::json::array();
        for (int64_t i = 0; i < p.error.size(0); ++i) {
            std::vector<double> row;
            for (int64_t j = 0; j < p.error.size(1); ++j) row.push_back(p.error[i][j].item<double>());
            grid.push_back(row);
        }
        summary.json["pairs"].push_back({{"first", r.tasks[p.first]}, {"second", r.tasks[p.second]}, {"mean", mean},
                                         {"at_max", last}, {"grid", grid}});
    }
    summary.json["alphas"] = r.alphas;
    summary.json["mean"] = r.mean();
    summary.json["at_max"] = r.atLargest();
    tables.push_back(summary);
    if (r.pairs.size() == 1) {  // one pair: its heat map as a table
        const auto& p = r.pairs.front();
        std::vector<std::string> alphaNames;
        for (const double a : r.alphas) alphaNames.push_back(fixed(a, 2));
        Table grid;
        grid.title = "ξ(α " + r.tasks[p.first] + " ↓, α " + r.tasks[p.second] + " →)";
        grid.columns = {""};
        for (const auto& a : alphaNames) grid.columns.push_back(a);
        for (size_t i = 0; i < alphaNames.size(); ++i) {
            std::vector<std::string> row{alphaNames[i]};
            for (size_t j = 0; j < alphaNames.size(); ++j) row.push_back(fixed(p.error[int64_t(i)][int64_t(j)].item<double>(), 3));
            grid.rows.push_back(row);
        }
        tables.push_back(grid);
    }
    verdict = analysis::verdict(r).text;
    tables.front().json["verdict"] = verdict;
    return tables;
}

std::vector<Table> alignmentTables(const Args& args, const model::PoolModels& pool, const merge::MergeInputs& inputs,
                                   eval::PoolEvaluator& evaluator, const Callbacks& callbacks, std::string& verdict) {
    analysis::AlignmentSettings settings;
    settings.lambda = args.getDouble("lambda", settings.lambda);
    settings.steps = args.getInt("steps", int(settings.steps));
    settings.learningRate = args.getDouble("lr", settings.learningRate);
    settings.imagesPerTask = args.getInt("images", int(settings.imagesPerTask));
    const auto r = analysis::entropyAlignment(evaluator, inputs, pool.pretrained.preprocess, settings, callbacks);
    Table table;
    table.title = "alignment under perfect task identity: accuracy (%) and entropy (nats) at per-layer MLP coefficients "
                  "fitted on each task's images (" + std::to_string(settings.steps) + " Adam steps, lr " +
                  fixed(settings.learningRate, 4) + ")";
    table.columns = {"task", "start (λ)", "entropy-optimal", "oracle", "CE-optimal (labels)", "gap", "H start",
                     "H entropy-opt", "H oracle"};
    for (const auto& t : r.tasks) {
        table.rows.push_back({t.task, percent(t.start.accuracy), percent(t.entropyOptimal.accuracy), percent(t.oracle.accuracy),
                              percent(t.crossEntropyOptimal.accuracy), fixed(100 * t.gap(), 1), fixed(t.start.entropy, 3),
                              fixed(t.entropyOptimal.entropy, 3), fixed(t.oracle.entropy, 3)});
        auto point = [](const analysis::AlignmentPoint& p) {
            std::vector<std::vector<double>> c;
            for (int64_t l = 0; l < p.coefficients.size(0); ++l) {
                c.emplace_back();
                for (int64_t k = 0; k < p.coefficients.size(1); ++k) c.back().push_back(p.coefficients[l][k].item<double>());
            }
            return nlohmann::json{{"accuracy", p.accuracy}, {"entropy", p.entropy}, {"cross_entropy", p.crossEntropy}, {"coefficients", c}};
        };
        table.json["tasks"].push_back({{"task", t.task}, {"start", point(t.start)}, {"entropy_optimal", point(t.entropyOptimal)},
                                       {"oracle", point(t.oracle)}, {"cross_entropy_optimal", point(t.crossEntropyOptimal)}});
    }
    verdict = analysis::verdict(r).text;
    table.json["verdict"] = verdict;
    return {table};
}

}  // namespace

bool isDiagnostic(const std::string& what) {
    return what == "identifiability" || what == "disentanglement" || what == "alignment";
}

std::vector<Table> runDiagnostic(const std::string& what, const Args& args, const model::PoolModels& pool,
                                 const merge::MergeInputs& inputs, eval::PoolEvaluator& evaluator,
                                 const std::vector<double>& alphas, const Callbacks& callbacks, std::string& verdict) {
    if (what == "identifiability") return identifiabilityTables(args, pool, inputs, evaluator, callbacks, verdict);
    if (what == "disentanglement") return disentanglementTables(args, pool, inputs, evaluator, alphas, callbacks, verdict);
    return alignmentTables(args, pool, inputs, evaluator, callbacks, verdict);
}

}  // namespace ms::cli
