#include "core/analysis/oracle_routing.h"

#include <torch/torch.h>

#include "core/merge/wemoe_model.h"

namespace ms::analysis {

eval::AccuracyRow oracleRouting(eval::PoolEvaluator& evaluator, const merge::MergeInputs& inputs,
                                double ownCoefficient, double lambda, const Callbacks& callbacks) {
    merge::WemoeOptions options;
    options.routerDepth = 0;  // a free coefficient vector: set it per task
    options.initLambda = lambda;
    merge::WemoeModel model(inputs, options);
    const auto tasks = int64_t(inputs.taskCount());
    eval::AccuracyRow oracle;
    char name[64];
    std::snprintf(name, sizeof name, "Oracle routing (c=%g, λ=%g)", ownCoefficient, lambda);
    oracle.method = name;
    for (int64_t t = 0; t < tasks; ++t) {
        if (callbacks.shouldStop()) throw Cancelled{};
        model::TensorMap state;
        for (const auto& [key, value] : model.trainable()) {
            auto coefficients = torch::zeros({tasks});
            coefficients[t] = ownCoefficient;
            state.emplace(key, coefficients);
        }
        model.loadLearnedState(state);
        // Only task t's row is read: every other task would be routed to t's vector too.
        oracle.tasks.push_back(evaluator.evaluateModel(name, model).tasks[size_t(t)]);
        callbacks.report(t + 1, tasks, "oracle routing");
    }
    return oracle;
}

}  // namespace ms::analysis
