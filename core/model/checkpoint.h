#pragma once
// A CLIP vision tower on disk in the Hugging Face layout: model.safetensors (keys with or without
// the `vision_model.` prefix, F32/F16/BF16), beside it config.json and preprocessor_config.json
// when present. Loading validates every tensor against the config and keeps the tensors as
// zero-copy views of the memory map, in their stored dtype.
#include <map>
#include <string>

#include "core/model/preprocess_config.h"
#include "core/model/tensor_io.h"
#include "core/model/vision_config.h"

namespace ms::model {

struct Checkpoint {
    std::string path;            // the .safetensors file
    VisionConfig config;
    bool configFromFile = false; // false: inferred from the tensor shapes
    PreprocessConfig preprocess;
    TensorMap tensors;           // canonical names (no prefix), stored dtype, read-only views
    std::map<std::string, std::string> metadata;
    bool hadVisionModelPrefix = false;
    // CLIPVisionModel exports have no visual_projection; a pool takes it from the pretrained model.
    bool hasProjection() const { return tensors.count("visual_projection.weight") > 0; }
    int64_t parameterCount() const;
    std::map<std::string, int> dtypeCounts() const;  // e.g. {"F32": 198}
};

// `location` is a .safetensors file or a folder holding model.safetensors.
Checkpoint loadCheckpoint(const std::string& location);

// Without a config.json, the head count and (without a projection) the projection width cannot be
// read off the tensor shapes: a checkpoint that belongs with `reference` takes them from it.
void adoptUninferableDimensions(Checkpoint& checkpoint, const VisionConfig& reference);

// Writes <folder>/model.safetensors (HF CLIPVisionModelWithProjection keys, `vision_model.` prefix),
// config.json and preprocessor_config.json, each atomically. Tensors are written in their dtype.
void saveCheckpoint(const std::string& folder, const VisionConfig& config, const PreprocessConfig& preprocess,
                    const TensorMap& tensors, const std::map<std::string, std::string>& metadata = {});

// Where loadCheckpoint reads the tensors from, for a file or a folder.
std::string checkpointFile(const std::string& location);

// "" when the file's keys are in the Hugging Face CLIP layout (or unknown); otherwise what the file
// looks like (OpenAI's or open_clip's state dict, a timm ViT) and what MergeScope reads instead.
std::string describeForeignLayout(const io::SafetensorsFile& file);

// The canonical name of a stored key, or "" for keys the vision tower does not use
// (text tower, logit_scale, position_ids).
std::string canonicalKey(const std::string& storedKey, bool* hadPrefix = nullptr);

}  // namespace ms::model
