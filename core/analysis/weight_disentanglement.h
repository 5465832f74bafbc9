#pragma once
// Weight disentanglement (Ortiz-Jimenez et al., NeurIPS 2023, "Task Arithmetic in the Tangent
// Space"): a pool is disentangled when adding a second task's vector leaves a task's predictions
// alone, f(x; θ0 + α_s τ_s + α_t τ_t) = f(x; θ0 + α_s τ_s) for x from task s, and the same the
// other way round. Their disentanglement error ξ(α_s, α_t) is the share of the two tasks' images
// whose prediction (under their own head) the second vector changes, averaged over both tasks.
// Task arithmetic and WEMoE's shared layers work to the degree that ξ is small.
#include <string>
#include <utility>
#include <vector>

#include <torch/types.h>

#include "core/eval/pool_evaluator.h"
#include "core/merge/merge_inputs.h"
#include "core/model/preprocess_config.h"

namespace ms::analysis {

struct DisentanglementPair {
    size_t first = 0, second = 0;  // task indices
    torch::Tensor error;           // [G, G] float64: ξ(α_first = alphas[i], α_second = alphas[j])
};

struct WeightDisentanglement {
    std::vector<std::string> tasks;
    std::vector<double> alphas;
    std::vector<DisentanglementPair> pairs;
    double mean() const;         // over every pair and grid point: the one-number summary
    double atLargest() const;    // over every pair, at (max α, max α)
    torch::Tensor pairMeans() const;  // [T, T] float64: each pair's mean over the grid (NaN off the measured pairs)
};

struct DisentanglementSettings {
    std::vector<double> alphas{0.25, 0.5, 0.75, 1.0};
    std::vector<std::pair<size_t, size_t>> pairs;  // empty: every pair of the chosen tasks
    int64_t imagesPerTask = 200;
};

WeightDisentanglement weightDisentanglement(eval::PoolEvaluator& evaluator, const merge::MergeInputs& inputs,
                                            const model::PreprocessConfig& preprocess,
                                            const DisentanglementSettings& settings = {}, const Callbacks& callbacks = {});

}  // namespace ms::analysis
