#pragma once
// Statistics of WEMoE's routing weights over test sets (ALGORITHM.md §6). Input: for each true
// task, its images' routing weights [images, layers, T] (eval::TaskRouting).
#include <vector>

#include <torch/types.h>

#include "core/eval/pool_evaluator.h"

namespace ms::analysis {

// [true task, layer, expert]: the mean routing weight images of each task give each task vector.
torch::Tensor meanRouting(const std::vector<eval::TaskRouting>& routing);

// [true task, layer]: the fraction of a task's images whose LARGEST routing weight at that layer
// goes to their own task vector (the paper's first-choice matrix).
torch::Tensor firstChoiceMatrix(const std::vector<eval::TaskRouting>& routing);

// [layer]: mean over all images of the entropy (bits) of the normalised magnitudes
// |r_t| / Σ|r|. log2 T when an image mixes every task vector equally, 0 when it uses one.
// Routing weights are raw coefficients, not probabilities; this only measures how spread they are.
torch::Tensor routingSpread(const std::vector<eval::TaskRouting>& routing);

}  // namespace ms::analysis
