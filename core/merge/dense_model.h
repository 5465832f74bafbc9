#pragma once
// A merged model that is one plain set of weights: what every static merge produces.
#include "core/merge/merged_model.h"
#include "core/model/vision_transformer.h"

namespace ms::merge {

class DenseModel : public MergedModel {
public:
    DenseModel(const model::VisionConfig& config, model::TensorMap weights, const torch::Device& device,
               std::vector<std::string> taskNames);
    torch::Tensor encode(const torch::Tensor& pixels, std::vector<torch::Tensor>* routing = nullptr) override;
    std::optional<model::TensorMap> denseWeights() const override { return weights_; }

private:
    model::TensorMap weights_;  // float32, CPU
    model::VisionParams params_;
};

}  // namespace ms::merge
