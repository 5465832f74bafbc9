#pragma once
// The result of any merge method: something that turns images into features. Static merges are
// one dense set of weights; AdaMerging and WEMoE carry trainable tensors (coefficients, routers)
// that test-time adaptation (core/adapt/) learns, and WEMoE reports its routing weights.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <torch/types.h>

#include "core/model/tensor_io.h"
#include "core/model/vision_config.h"

namespace ms::merge {

using NamedTensors = std::vector<std::pair<std::string, torch::Tensor>>;

class MergedModel {
public:
    virtual ~MergedModel() = default;

    const model::VisionConfig& config() const { return config_; }
    const torch::Device& device() const { return device_; }
    const std::vector<std::string>& taskNames() const { return taskNames_; }

    // pixels [B, C, H, W] (preprocessed, on device()) → features [B, projection_dim].
    // `routing`, when given and the model routes, receives one [B, T] tensor of routing weights
    // per layer (detached); models that do not route leave it empty.
    virtual torch::Tensor encode(const torch::Tensor& pixels, std::vector<torch::Tensor>* routing = nullptr) = 0;

    // The tensors test-time adaptation trains, by their documented names (empty for static merges).
    virtual NamedTensors trainable() { return {}; }
    // Copies a saved learned state into trainable(); names and shapes must match exactly.
    void loadLearnedState(const model::TensorMap& state);
    // trainable(), detached and on the CPU: what `adapt` saves.
    model::TensorMap learnedState();

    virtual bool routes() const { return false; }
    // A plain checkpoint equivalent to the model, where one exists (static merges, AdaMerging).
    virtual std::optional<model::TensorMap> denseWeights() const { return std::nullopt; }

protected:
    MergedModel(model::VisionConfig config, torch::Device device, std::vector<std::string> taskNames)
        : config_(std::move(config)), device_(device), taskNames_(std::move(taskNames)) {}

private:
    model::VisionConfig config_;
    torch::Device device_;
    std::vector<std::string> taskNames_;
};

}  // namespace ms::merge
