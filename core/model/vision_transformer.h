#pragma once
// The CLIP vision transformer (ALGORITHM.md §1) as a pure function of its parameters. Keeping the
// parameters in a plain struct instead of an nn::Module lets merged, trained and loaded weights
// share one forward pass, and lets WEMoE replace the MLP of any layer.
#include <functional>
#include <vector>

#include <torch/types.h>

#include "core/model/encoder_layer.h"
#include "core/model/tensor_io.h"
#include "core/model/vision_config.h"

namespace ms::model {

struct VisionParams {
    torch::Tensor classEmbedding, patchWeight, positionEmbedding;
    torch::Tensor preLayerNormWeight, preLayerNormBias;
    std::vector<EncoderLayerParams> layers;
    torch::Tensor postLayerNormWeight, postLayerNormBias;
    torch::Tensor projection;

    // Float32 tensors on `device`, looked up by canonical name. With `copy`, the result owns its
    // storage (needed before training: loaded tensors are read-only views of a memory map).
    static VisionParams fromTensors(const VisionConfig& config, const TensorMap& tensors,
                                    const torch::Device& device, bool copy);
    TensorMap toTensors() const;
    std::vector<torch::Tensor> all() const;  // every tensor, canonical order
    void setRequiresGrad(bool requiresGrad);
};

// Replaces the MLP of a layer: gets the LN2 output [B, N, D], returns the MLP output [B, N, D].
using MlpOverride = std::function<torch::Tensor(int layer, const torch::Tensor& mlpInput)>;

struct ForwardOptions {
    MlpOverride mlp;  // empty: the dense MLP of the parameters
};

// pixels [B, C, H, W], preprocessed → image features [B, projection_dim] (before normalisation).
torch::Tensor encodeImages(const VisionConfig& config, const VisionParams& params, const torch::Tensor& pixels,
                           const ForwardOptions& options = {});

}  // namespace ms::model
