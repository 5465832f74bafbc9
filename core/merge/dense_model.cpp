#include "core/merge/dense_model.h"

namespace ms::merge {

DenseModel::DenseModel(const model::VisionConfig& config, model::TensorMap weights, const torch::Device& device,
                       std::vector<std::string> taskNames)
    : MergedModel(config, device, std::move(taskNames)), weights_(std::move(weights)),
      params_(model::VisionParams::fromTensors(config, weights_, device, false)) {}

torch::Tensor DenseModel::encode(const torch::Tensor& pixels, std::vector<torch::Tensor>* routing) {
    if (routing) routing->clear();
    return model::encodeImages(config(), params_, pixels);
}

}  // namespace ms::merge
