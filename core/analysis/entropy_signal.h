#pragma once
// The signal test-time adaptation follows (ALGORITHM.md §4), measured before it starts: for the
// test images of each task s under s's own head, the gradient of their mean prediction entropy
// with respect to the coefficient of each task vector t in each layer's MLP, at the WEMoE start
// (every coefficient λ, everything outside the MLPs merged by task arithmetic at λ).
//
// Routers can only learn to tell tasks apart if this signal does: a negative diagonal (its own
// vector makes a task surer) and positive off-diagonal entries (a foreign vector makes it less
// sure). A column that is negative in every row says that vector sharpens every head; entropy
// minimisation then raises it for every image, which a bias does as well as a router.
#include <string>
#include <vector>

#include <torch/types.h>

#include "core/eval/pool_evaluator.h"
#include "core/merge/merge_inputs.h"
#include "core/model/preprocess_config.h"

namespace ms::analysis {

struct EntropySignal {
    std::vector<std::string> tasks;
    // [layers, T, T]: row s = images of task s, column t = task vector t; nats per unit coefficient.
    torch::Tensor perLayer;
    // Every layer's coefficient of vector t moved together: perLayer summed over layers, [T, T].
    torch::Tensor total() const;
    // Per layer, the fraction of tasks whose own vector lowers their entropy the most: [layers].
    torch::Tensor ownVectorFirst() const;
};

EntropySignal entropySignal(eval::PoolEvaluator& evaluator, const merge::MergeInputs& inputs,
                            const model::PreprocessConfig& preprocess, double lambda = 0.3,
                            int64_t batchSize = 32, const Callbacks& callbacks = {});

}  // namespace ms::analysis
