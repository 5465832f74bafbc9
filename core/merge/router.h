#pragma once
// A WEMoE router (ALGORITHM.md §3.3): maps every token of a layer's MLP input to T raw routing
// coefficients. Depth 2: W2·ReLU(W1 h + b1) + b2; depth 1: W h + b; depth 0: a free vector b.
// No softmax, no top-k, no clamp: the outputs are coefficients of task vectors, not probabilities.
#include <cstdint>
#include <string>

#include <torch/types.h>

#include "core/merge/merged_model.h"

namespace ms::merge {

class Router {
public:
    Router() = default;
    // W ~ N(0, 0.01²) from `generator`, hidden bias 0, output bias `initLambda`.
    Router(int depth, int64_t width, int64_t tasks, double initLambda, torch::Generator& generator,
           const torch::Device& device);

    int depth() const { return depth_; }
    // tokens [B, N, D] → per-sample routing weights [B, T]: the token MEAN of the per-token outputs.
    torch::Tensor route(const torch::Tensor& tokens) const;
    // Trainable tensors under `prefix`: "<prefix>fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"
    // (depth 2), "<prefix>weight", "bias" (depth 1), "<prefix>bias" (depth 0).
    void appendTrainable(const std::string& prefix, NamedTensors& out) const;
    int64_t parameterCount() const;

private:
    int depth_ = 2;
    torch::Tensor w1_, b1_, w2_, b2_;  // depth 1 uses w2_, b2_; depth 0 only b2_
};

}  // namespace ms::merge
