#pragma once
// Can entropy find the experts at all? For each task alone — perfect task identity, what a
// router that never errs about the task could do — WEMoE's per-layer MLP coefficients [L, T]
// (everything outside the MLPs at task arithmetic λ) are fitted on that task's images twice with
// Adam, within the reach of test-time adaptation: once to minimise the mean prediction entropy
// (no labels, what adaptation follows), once to minimise the cross-entropy (labels: the best
// these coefficients can do). Beside them, the oracle (its own vector at 1, the others at 0)
// and the start (every coefficient at λ). Where the entropy optimum falls short of the oracle,
// entropy minimisation leads away from the experts even with perfect routing: the alignment gap.
#include <string>
#include <vector>

#include <torch/types.h>

#include "core/eval/pool_evaluator.h"
#include "core/merge/merge_inputs.h"
#include "core/model/preprocess_config.h"

namespace ms::analysis {

struct AlignmentPoint {
    double accuracy = 0.0;
    double entropy = 0.0;        // mean prediction entropy (nats)
    double crossEntropy = 0.0;   // mean cross-entropy against the labels (nats)
    torch::Tensor coefficients;  // [L, T] float64: each layer's MLP coefficient of each task vector
};

struct TaskAlignment {
    std::string task;
    AlignmentPoint start, entropyOptimal, oracle, crossEntropyOptimal;
    double gap() const { return oracle.accuracy - entropyOptimal.accuracy; }  // the alignment gap
};

struct EntropyAlignment {
    std::vector<TaskAlignment> tasks;
    // Tasks whose entropy optimum is within `points` accuracy points of their oracle.
    int within(double points) const;
    const TaskAlignment* worst() const;  // the largest gap; nullptr when there are no tasks
};

struct AlignmentSettings {
    double lambda = 0.3;
    // 200 steps at 5e-3 move a coefficient as far as the paper's 1000 adaptation steps at 1e-3.
    int64_t steps = 200;
    double learningRate = 5e-3;
    int64_t batchSize = 32;
    int64_t imagesPerTask = 200;
    uint64_t seed = 0;
};

EntropyAlignment entropyAlignment(eval::PoolEvaluator& evaluator, const merge::MergeInputs& inputs,
                                  const model::PreprocessConfig& preprocess, const AlignmentSettings& settings = {},
                                  const Callbacks& callbacks = {});

}  // namespace ms::analysis
