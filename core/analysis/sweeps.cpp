#include "core/analysis/sweeps.h"

#include <torch/torch.h>

#include "core/merge/ties.h"

namespace ms::analysis {

namespace {

std::string label(const char* what, double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%s=%g", what, value);
    return buffer;
}

}  // namespace

std::vector<SweepPoint> taskArithmeticSweep(eval::PoolEvaluator& evaluator, const merge::MergeInputs& inputs,
                                            const std::vector<double>& lambdas, const Callbacks& callbacks) {
    torch::NoGradGuard noGrad;
    inputs.validate();
    // Σt τt once; every λ is then one scaled add.
    const auto vectors = merge::taskVectors(inputs);
    merge::TensorMap sum;
    for (const auto& [name, t] : vectors.front()) {
        auto s = t.clone();
        for (size_t k = 1; k < vectors.size(); ++k) s.add_(vectors[k].at(name));
        sum.emplace(name, s);
    }
    std::vector<SweepPoint> out;
    for (size_t i = 0; i < lambdas.size(); ++i) {
        if (callbacks.shouldStop()) throw Cancelled{};
        const auto merged = merge::addScaled(*inputs.pretrained, {sum}, {lambdas[i]});
        out.push_back({lambdas[i], evaluator.evaluateShared(label("λ", lambdas[i]), merged)});
        callbacks.report(int64_t(i) + 1, int64_t(lambdas.size()), "λ sweep");
    }
    return out;
}

std::vector<SweepPoint> tiesTopKSweep(eval::PoolEvaluator& evaluator, const merge::MergeInputs& inputs,
                                      const std::vector<double>& keepPercents, double lambda, const Callbacks& callbacks) {
    torch::NoGradGuard noGrad;
    inputs.validate();
    const auto vectors = merge::taskVectors(inputs);
    std::vector<SweepPoint> out;
    for (size_t i = 0; i < keepPercents.size(); ++i) {
        if (callbacks.shouldStop()) throw Cancelled{};
        const auto trimmed = merge::trimTaskVectors(vectors, keepPercents[i], merge::TrimScope::WholeModel);
        const auto merged = merge::disjointMerge(trimmed, merge::electSigns(trimmed), merge::DisjointMerge::Mean);
        out.push_back({keepPercents[i],
                       evaluator.evaluateShared(label("k", keepPercents[i]), merge::addScaled(*inputs.pretrained, {merged}, {lambda}))});
        callbacks.report(int64_t(i) + 1, int64_t(keepPercents.size()), "top-k sweep");
    }
    return out;
}

}  // namespace ms::analysis
