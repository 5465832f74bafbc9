#pragma once
// CLIP's text tower (Radford et al. 2021) in the Hugging Face CLIPTextModel layout: token and
// position embeddings, pre-LN transformer layers under a causal mask, the final LayerNorm, the
// hidden state at the end-of-text token, then text_projection (no bias). It reads the same
// memory-mapped model.safetensors as the vision tower (a full CLIPModel export holds both), at
// any size, F32/F16/BF16; the width, depth, MLP size, context and projection come from the tensor
// shapes, the head count, activation and LayerNorm epsilon from config.json's text_config.
#include <string>
#include <vector>

#include <torch/types.h>

#include "core/model/encoder_layer.h"
#include "core/model/tensor_io.h"

namespace ms::model {

struct TextConfig {
    int hiddenSize = 512;
    int intermediateSize = 2048;
    int numLayers = 12;
    int numHeads = 8;
    int contextLength = 77;  // max_position_embeddings
    int vocabularySize = 49408;
    int projectionDim = 512;
    double layerNormEps = 1e-5;
    bool quickGelu = true;  // hidden_act "quick_gelu" (CLIP); false: "gelu"

    std::string name() const;  // e.g. "text D=512 L=12 H=8 ctx 77"
};

struct TextParams {
    torch::Tensor tokenEmbedding, positionEmbedding;
    std::vector<EncoderLayerParams> layers;
    torch::Tensor finalLayerNormWeight, finalLayerNormBias;
    torch::Tensor projection;
};

struct TextTower {
    std::string path;  // the .safetensors file
    TextConfig config;
    TextParams params;        // float32 views or copies, on the CPU
    double logitScale = 100;  // exp(logit_scale) of the checkpoint
    bool logitScaleFromFile = false;
};

// Whether the checkpoint at `location` (a .safetensors file or a folder with model.safetensors)
// holds a text tower: tensors under `text_model.` and a text_projection.
bool hasTextTower(const std::string& location);

// Reads and validates the text tower; errors name the file and the tensor. A vision-only export
// gets a message saying which folder would have one; another layout (open_clip) says what is
// expected.
TextTower loadTextTower(const std::string& location);

// Token sequences (each holding `endToken`; lengths ≤ contextLength) → text features
// [B, projectionDim], not normalised: the projected hidden state at each sequence's first end
// token. Sequences of different lengths are padded after their end token, which the causal mask
// keeps from mattering.
torch::Tensor encodeText(const TextTower& tower, const std::vector<std::vector<int>>& tokens, int endToken);

// The same on a padded batch [B, n] (int64) with the end positions [B] (int64).
torch::Tensor encodeTokens(const TextConfig& config, const TextParams& params, const torch::Tensor& tokens,
                           const torch::Tensor& endPositions);

}  // namespace ms::model
