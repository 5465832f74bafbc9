#include "core/analysis/oracle_routing.h"

#include <torch/torch.h>

#include "core/merge/wemoe_model.h"

namespace ms::analysis {

eval::AccuracyRow oracleRouting(eval::PoolEvaluator& evaluator, const merge::MergeInputs& inputs,
                                double ownCoefficient, double lambda, const Callbacks& callbacks) {
    auto oracle = oracleRoutingPath(evaluator, inputs, {1.0}, ownCoefficient, lambda, callbacks).front().accuracy;
    char name[64];
    std::snprintf(name, sizeof name, "Oracle routing (c=%g, λ=%g)", ownCoefficient, lambda);
    oracle.method = name;
    return oracle;
}

std::vector<SweepPoint> oracleRoutingPath(eval::PoolEvaluator& evaluator, const merge::MergeInputs& inputs,
                                          const std::vector<double>& alphas, double ownCoefficient, double lambda,
                                          const Callbacks& callbacks) {
    merge::WemoeOptions options;
    options.routerDepth = 0;  // a free coefficient vector per layer: set it per task
    options.initLambda = lambda;
    merge::WemoeModel model(inputs, options);
    const auto tasks = int64_t(inputs.taskCount());
    std::vector<SweepPoint> path;
    for (const double alpha : alphas) {
        SweepPoint point{alpha, {}};
        char name[64];
        std::snprintf(name, sizeof name, "Toward the oracle (α=%g)", alpha);
        point.accuracy.method = name;
        // Task by task: each task's images with its own routing. The coefficients are fixed, so
        // batches of one task leak nothing a router could use.
        for (int64_t t = 0; t < tasks; ++t) {
            if (callbacks.shouldStop()) throw Cancelled{};
            model::TensorMap state;
            for (const auto& [key, value] : model.trainable()) {
                auto coefficients = torch::full({tasks}, (1.0 - alpha) * lambda);
                coefficients[t] += alpha * ownCoefficient;
                state.emplace(key, coefficients);
            }
            model.loadLearnedState(state);
            point.accuracy.tasks.push_back(evaluator.evaluateModelOnTask(name, model, size_t(t)));
            callbacks.report(int64_t(path.size()) * tasks + t + 1, int64_t(alphas.size()) * tasks, "oracle routing");
        }
        path.push_back(std::move(point));
    }
    return path;
}

}  // namespace ms::analysis
