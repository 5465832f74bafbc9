#include "core/model/vision_config.h"

#include <cmath>
#include <sstream>

#include "core/util/error.h"

namespace ms::model {

namespace {

int readInt(const nlohmann::json& json, const char* key, int fallback, const std::string& source) {
    if (!json.contains(key)) return fallback;
    const auto& value = json.at(key);
    if (!value.is_number_integer() || value.get<int64_t>() <= 0)
        throw Error(source, std::string("config field '") + key + "' must be a positive integer");
    return value.get<int>();
}

std::vector<int64_t> shapeOf(const std::map<std::string, std::vector<int64_t>>& shapes,
                             const std::string& name, const std::string& source) {
    auto it = shapes.find(name);
    if (it == shapes.end()) throw Error(source, "missing tensor '" + name + "'");
    return it->second;
}

}  // namespace

std::string layerPrefix(int layer) { return "encoder.layers." + std::to_string(layer) + "."; }

std::string VisionConfig::name() const {
    const bool base = hiddenSize == 768 && intermediateSize == 3072 && numLayers == 12 &&
                      numHeads == 12 && imageSize == 224 && projectionDim == 512;
    const bool large = hiddenSize == 1024 && intermediateSize == 4096 && numLayers == 24 &&
                       numHeads == 16 && imageSize == 224 && projectionDim == 768;
    if (base && (patchSize == 32 || patchSize == 16)) return "ViT-B/" + std::to_string(patchSize);
    if (large && patchSize == 14) return "ViT-L/14";
    std::ostringstream out;
    out << "ViT D=" << hiddenSize << " L=" << numLayers << " H=" << numHeads << " P=" << patchSize
        << " @" << imageSize << "px";
    return out.str();
}

std::map<std::string, std::vector<int64_t>> VisionConfig::expectedShapes() const {
    const int64_t d = hiddenSize, m = intermediateSize;
    std::map<std::string, std::vector<int64_t>> shapes{
        {"embeddings.class_embedding", {d}},
        {"embeddings.patch_embedding.weight", {d, numChannels, patchSize, patchSize}},
        {"embeddings.position_embedding.weight", {numTokens(), d}},
        {"pre_layrnorm.weight", {d}},
        {"pre_layrnorm.bias", {d}},
        {"post_layernorm.weight", {d}},
        {"post_layernorm.bias", {d}},
        {"visual_projection.weight", {projectionDim, d}},
    };
    for (int i = 0; i < numLayers; ++i) {
        const std::string p = layerPrefix(i);
        for (const char* proj : {"q_proj", "k_proj", "v_proj", "out_proj"}) {
            shapes[p + "self_attn." + proj + ".weight"] = {d, d};
            shapes[p + "self_attn." + proj + ".bias"] = {d};
        }
        for (const char* ln : {"layer_norm1", "layer_norm2"}) {
            shapes[p + ln + ".weight"] = {d};
            shapes[p + ln + ".bias"] = {d};
        }
        shapes[p + "mlp.fc1.weight"] = {m, d};
        shapes[p + "mlp.fc1.bias"] = {m};
        shapes[p + "mlp.fc2.weight"] = {d, m};
        shapes[p + "mlp.fc2.bias"] = {d};
    }
    return shapes;
}

std::vector<std::string> canonicalTensorNames(const VisionConfig& config) {
    std::vector<std::string> names{"embeddings.class_embedding", "embeddings.patch_embedding.weight",
                                   "embeddings.position_embedding.weight", "pre_layrnorm.weight",
                                   "pre_layrnorm.bias"};
    for (int i = 0; i < config.numLayers; ++i) {
        const std::string p = layerPrefix(i);
        for (const char* proj : {"k_proj", "v_proj", "q_proj", "out_proj"}) {
            names.push_back(p + "self_attn." + proj + ".weight");
            names.push_back(p + "self_attn." + proj + ".bias");
        }
        names.push_back(p + "layer_norm1.weight");
        names.push_back(p + "layer_norm1.bias");
        names.push_back(p + "mlp.fc1.weight");
        names.push_back(p + "mlp.fc1.bias");
        names.push_back(p + "mlp.fc2.weight");
        names.push_back(p + "mlp.fc2.bias");
        names.push_back(p + "layer_norm2.weight");
        names.push_back(p + "layer_norm2.bias");
    }
    names.push_back("post_layernorm.weight");
    names.push_back("post_layernorm.bias");
    names.push_back("visual_projection.weight");
    return names;
}

int64_t VisionConfig::parameterCount() const {
    int64_t total = 0;
    for (const auto& [name, shape] : expectedShapes()) {
        int64_t n = 1;
        for (int64_t dim : shape) n *= dim;
        total += n;
    }
    return total;
}

void VisionConfig::validate(const std::string& source) const {
    if (hiddenSize <= 0 || intermediateSize <= 0 || numLayers <= 0 || numHeads <= 0 ||
        patchSize <= 0 || imageSize <= 0 || projectionDim <= 0 || numChannels <= 0)
        throw Error(source, "every dimension of the vision config must be positive");
    if (hiddenSize % numHeads != 0)
        throw Error(source, "hidden_size " + std::to_string(hiddenSize) +
                                " is not divisible by num_attention_heads " + std::to_string(numHeads));
    if (imageSize % patchSize != 0)
        throw Error(source, "image_size " + std::to_string(imageSize) +
                                " is not a multiple of patch_size " + std::to_string(patchSize));
    if (!(layerNormEps > 0.0)) throw Error(source, "layer_norm_eps must be positive");
}

bool VisionConfig::sameArchitecture(const VisionConfig& o) const {
    return hiddenSize == o.hiddenSize && intermediateSize == o.intermediateSize &&
           numLayers == o.numLayers && numHeads == o.numHeads && patchSize == o.patchSize &&
           imageSize == o.imageSize && projectionDim == o.projectionDim &&
           numChannels == o.numChannels;
}

VisionConfig VisionConfig::fromJson(const nlohmann::json& root, const std::string& source) {
    if (!root.is_object()) throw Error(source, "config is not a JSON object");
    const nlohmann::json* vision = &root;
    if (root.contains("vision_config")) {
        if (!root.at("vision_config").is_object())
            throw Error(source, "'vision_config' is not a JSON object");
        vision = &root.at("vision_config");
    }
    VisionConfig c;
    c.hiddenSize = readInt(*vision, "hidden_size", c.hiddenSize, source);
    c.intermediateSize = readInt(*vision, "intermediate_size", c.intermediateSize, source);
    c.numLayers = readInt(*vision, "num_hidden_layers", c.numLayers, source);
    c.numHeads = readInt(*vision, "num_attention_heads", c.numHeads, source);
    c.patchSize = readInt(*vision, "patch_size", c.patchSize, source);
    c.imageSize = readInt(*vision, "image_size", c.imageSize, source);
    c.numChannels = readInt(*vision, "num_channels", c.numChannels, source);
    // A full CLIPConfig keeps projection_dim at the top level; CLIPVisionConfig has it too.
    c.projectionDim = readInt(*vision, "projection_dim", readInt(root, "projection_dim", c.projectionDim, source), source);
    if (vision->contains("layer_norm_eps")) {
        if (!vision->at("layer_norm_eps").is_number())
            throw Error(source, "config field 'layer_norm_eps' must be a number");
        c.layerNormEps = vision->at("layer_norm_eps").get<double>();
    }
    if (vision->contains("hidden_act") && vision->at("hidden_act") != "quick_gelu")
        throw Error(source, "hidden_act '" + vision->at("hidden_act").dump() +
                                "' is not supported (CLIP uses quick_gelu)");
    c.validate(source);
    return c;
}

VisionConfig VisionConfig::fromShapes(const std::map<std::string, std::vector<int64_t>>& shapes,
                                      const std::string& source, int headDimHint) {
    VisionConfig c;
    const auto patch = shapeOf(shapes, "embeddings.patch_embedding.weight", source);
    if (patch.size() != 4 || patch[2] != patch[3])
        throw Error(source, "embeddings.patch_embedding.weight must have shape [D, C, P, P]");
    c.hiddenSize = int(patch[0]);
    c.numChannels = int(patch[1]);
    c.patchSize = int(patch[2]);
    const auto position = shapeOf(shapes, "embeddings.position_embedding.weight", source);
    if (position.size() != 2) throw Error(source, "embeddings.position_embedding.weight must be 2-D");
    const int64_t patches = position[0] - 1;
    const auto grid = int64_t(std::llround(std::sqrt(double(std::max<int64_t>(patches, 0)))));
    if (patches <= 0 || grid * grid != patches)
        throw Error(source, "position embedding has " + std::to_string(position[0]) +
                                " rows, which is not 1 + a square number of patches");
    c.imageSize = int(grid) * c.patchSize;
    const auto fc1 = shapeOf(shapes, layerPrefix(0) + "mlp.fc1.weight", source);
    if (fc1.size() != 2) throw Error(source, "mlp.fc1.weight must be 2-D");
    c.intermediateSize = int(fc1[0]);
    const auto projection = shapeOf(shapes, "visual_projection.weight", source);
    if (projection.size() != 2) throw Error(source, "visual_projection.weight must be 2-D");
    c.projectionDim = int(projection[0]);
    int layers = 0;
    while (shapes.count(layerPrefix(layers) + "mlp.fc1.weight")) ++layers;
    c.numLayers = layers;
    c.numHeads = (headDimHint > 0 && c.hiddenSize % headDimHint == 0) ? c.hiddenSize / headDimHint : 1;
    c.validate(source);
    return c;
}

nlohmann::json VisionConfig::toJson() const {
    return nlohmann::json{{"model_type", "clip_vision_model"},
                          {"architectures", {"CLIPVisionModelWithProjection"}},
                          {"hidden_size", hiddenSize},
                          {"intermediate_size", intermediateSize},
                          {"num_hidden_layers", numLayers},
                          {"num_attention_heads", numHeads},
                          {"patch_size", patchSize},
                          {"image_size", imageSize},
                          {"num_channels", numChannels},
                          {"projection_dim", projectionDim},
                          {"hidden_act", "quick_gelu"},
                          {"layer_norm_eps", layerNormEps}};
}

}  // namespace ms::model
