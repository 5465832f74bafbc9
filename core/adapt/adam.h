#pragma once
// Adam (Kingma & Ba) written out, so its state has plain names and saves with the learned
// tensors: an interrupted adaptation resumes exactly where it stopped.
#include <map>
#include <string>

#include <torch/types.h>

#include "core/merge/merged_model.h"

namespace ms::adapt {

class Adam {
public:
    Adam(double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8) : beta1_(beta1), beta2_(beta2), eps_(eps) {}

    // One update of every tensor from its .grad() at `learningRate`; tensors without a gradient
    // are left alone. `step` counts from 1.
    void update(const merge::NamedTensors& params, double learningRate, int64_t step);

    // "optimizer.<name>.exp_avg" and "optimizer.<name>.exp_avg_sq", on the CPU.
    std::map<std::string, torch::Tensor> state() const;
    void restore(const std::map<std::string, torch::Tensor>& state, const merge::NamedTensors& params);

private:
    struct Moments {
        torch::Tensor mean, square;
    };
    double beta1_, beta2_, eps_;
    std::map<std::string, Moments> moments_;
};

}  // namespace ms::adapt
