#pragma once
// Can a router tell the tasks apart? WEMoE's router in layer l sees the LN2 output that enters
// the MLP (ALGORITHM.md §3) and routes on its mean over the tokens. At the start of adaptation
// that is the task-arithmetic model at λ. Per layer, a linear probe (softmax regression) is fitted
// to read an image's task from that token mean on half of each task's images and scored on the
// other half: what a router could see, before anything is trained.
#include <string>
#include <vector>

#include <torch/types.h>

#include "core/eval/pool_evaluator.h"
#include "core/merge/merge_inputs.h"
#include "core/model/preprocess_config.h"

namespace ms::analysis {

struct TaskIdentifiability {
    std::vector<std::string> tasks;
    std::vector<double> perLayer;  // held-out accuracy of the probe, per layer
    torch::Tensor recall;          // [layers, T]: share of each task's held-out images read as that task
    int64_t heldOutPerTask = 0;
    int bestLayer() const;
    double best() const;
};

struct IdentifiabilitySettings {
    double lambda = 0.3;          // the task-arithmetic start the routers see
    int64_t imagesPerTask = 200;  // half fit the probe, half score it
    int probeSteps = 300;         // full-batch Adam steps of the probe
};

TaskIdentifiability taskIdentifiability(eval::PoolEvaluator& evaluator, const merge::MergeInputs& inputs,
                                        const model::PreprocessConfig& preprocess,
                                        const IdentifiabilitySettings& settings = {}, const Callbacks& callbacks = {});

// The probe itself, for tests: fits softmax regression on (trainX [n, D], trainY [n]) with
// standardised inputs and scores the predictions on testX; returns the predicted classes [m].
torch::Tensor linearProbePredict(const torch::Tensor& trainX, const torch::Tensor& trainY, const torch::Tensor& testX,
                                 int64_t classes, int steps = 300);

}  // namespace ms::analysis
