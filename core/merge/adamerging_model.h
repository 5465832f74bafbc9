#pragma once
// AdaMerging (Yang et al., ICLR 2024): θ = θ0 + Σt λt τt with the λ learned at test time.
// Task-wise: one λ per task. Layer-wise: one λ per task and per parameter tensor, which is what
// "layer" means in the AdaMerging code (every weight and bias has its own coefficient).
#include <vector>

#include "core/merge/merge_inputs.h"
#include "core/merge/merged_model.h"
#include "core/model/vision_transformer.h"

namespace ms::merge {

enum class AdaMergingGranularity { TaskWise, LayerWise };

class AdaMergingModel : public MergedModel {
public:
    AdaMergingModel(const MergeInputs& inputs, AdaMergingGranularity granularity, double initLambda);

    torch::Tensor encode(const torch::Tensor& pixels, std::vector<torch::Tensor>* routing = nullptr) override;
    // "lambdas": [T] (task-wise) or [T, K] with K = tensorNames().size() (layer-wise).
    NamedTensors trainable() override { return {{"lambdas", lambdas_}}; }
    std::optional<model::TensorMap> denseWeights() const override;

    const std::vector<std::string>& tensorNames() const { return names_; }
    // λ of task t for tensor k (task-wise: the same for every k).
    double lambdaOf(size_t task, size_t tensor) const;

private:
    model::TensorMap mergedTensors() const;

    AdaMergingGranularity granularity_;
    std::vector<std::string> names_;    // sorted canonical names
    std::vector<torch::Tensor> base_;   // θ0 per tensor, float32 on the device
    std::vector<torch::Tensor> stacks_; // [T, numel] task vectors per tensor
    torch::Tensor lambdas_;
};

}  // namespace ms::merge
