#pragma once
// The shape of a CLIP vision tower (ALGORITHM.md §1), read from a Hugging Face config.json or
// inferred from the tensor shapes of a checkpoint. Torch-free.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ms::model {

struct VisionConfig {
    int hiddenSize = 768;
    int intermediateSize = 3072;
    int numLayers = 12;
    int numHeads = 12;
    int patchSize = 32;
    int imageSize = 224;
    int projectionDim = 512;
    int numChannels = 3;
    double layerNormEps = 1e-5;

    int gridSize() const { return imageSize / patchSize; }
    int numTokens() const { return gridSize() * gridSize() + 1; }  // patches + CLS
    int headDim() const { return hiddenSize / numHeads; }

    // "ViT-B/32", "ViT-L/14", … when the dimensions match a published CLIP model; otherwise a
    // description such as "ViT D=64 L=4 H=4 P=8 @32px".
    std::string name() const;

    // Parameters of the vision tower including the projection.
    int64_t parameterCount() const;

    // Expected shape of every tensor, keyed by the canonical name (no `vision_model.` prefix).
    std::map<std::string, std::vector<int64_t>> expectedShapes() const;

    // Accepts a CLIPVisionConfig, or a full CLIPConfig (reads its `vision_config` and the
    // top-level `projection_dim`). `source` names the file in error messages.
    static VisionConfig fromJson(const nlohmann::json& json, const std::string& source);
    // Infers every dimension from the tensor shapes; CLIP uses 64-dimensional heads, so the head
    // count is hidden/64 unless `headDimHint` says otherwise.
    static VisionConfig fromShapes(const std::map<std::string, std::vector<int64_t>>& shapes,
                                   const std::string& source, int headDimHint = 64);

    // A CLIPVisionConfig as Hugging Face writes it (plus projection_dim).
    nlohmann::json toJson() const;

    void validate(const std::string& source) const;
    bool sameArchitecture(const VisionConfig& other) const;
};

// Canonical tensor names of the vision tower, in the order a checkpoint lists them.
std::vector<std::string> canonicalTensorNames(const VisionConfig& config);

// Per-layer key prefix, e.g. "encoder.layers.3.".
std::string layerPrefix(int layer);

}  // namespace ms::model
