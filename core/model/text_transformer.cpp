#include "core/model/text_transformer.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "core/io/safetensors.h"
#include "core/model/checkpoint.h"
#include "core/util/error.h"

namespace fs = std::filesystem;

namespace ms::model {

namespace {

constexpr const char* kPrefix = "text_model.";

std::string layerKey(int layer) { return std::string(kPrefix) + "encoder.layers." + std::to_string(layer) + "."; }

template <typename Params, typename Visit>
void forEachField(Params& p, Visit&& visit) {
    visit(std::string(kPrefix) + "embeddings.token_embedding.weight", p.tokenEmbedding);
    visit(std::string(kPrefix) + "embeddings.position_embedding.weight", p.positionEmbedding);
    for (size_t i = 0; i < p.layers.size(); ++i) forEachEncoderLayerField(p.layers[i], layerKey(int(i)), visit);
    visit(std::string(kPrefix) + "final_layer_norm.weight", p.finalLayerNormWeight);
    visit(std::string(kPrefix) + "final_layer_norm.bias", p.finalLayerNormBias);
    visit("text_projection.weight", p.projection);
}

std::vector<int64_t> shapeOf(const io::SafetensorsFile& file, const std::string& name) {
    const auto* info = file.find(name);
    if (!info) throw Error(file.path(), "the text tower lacks tensor '" + name + "'");
    return info->shape;
}

int readPositive(const nlohmann::json& json, const char* key, int fallback, const std::string& source) {
    if (!json.contains(key) || json.at(key).is_null()) return fallback;
    const auto& value = json.at(key);
    if (!value.is_number_integer() || value.get<int64_t>() <= 0)
        throw Error(source, std::string("text_config field '") + key + "' must be a positive integer");
    return value.get<int>();
}

// The dimensions the shapes fix; config.json may only agree with them.
TextConfig configFromShapes(const io::SafetensorsFile& file) {
    TextConfig c;
    const auto token = shapeOf(file, std::string(kPrefix) + "embeddings.token_embedding.weight");
    const auto position = shapeOf(file, std::string(kPrefix) + "embeddings.position_embedding.weight");
    const auto projection = shapeOf(file, "text_projection.weight");
    const auto fc1 = shapeOf(file, layerKey(0) + "mlp.fc1.weight");
    if (token.size() != 2 || position.size() != 2 || projection.size() != 2 || fc1.size() != 2)
        throw Error(file.path(), "the text tower's embeddings, projection and MLP weights must be 2-D");
    c.vocabularySize = int(token[0]);
    c.hiddenSize = int(token[1]);
    c.contextLength = int(position[0]);
    c.projectionDim = int(projection[0]);
    c.intermediateSize = int(fc1[0]);
    int layers = 0;
    while (file.find(layerKey(layers) + "mlp.fc1.weight")) ++layers;
    c.numLayers = layers;
    c.numHeads = c.hiddenSize % 64 == 0 ? c.hiddenSize / 64 : 1;  // CLIP's heads are 64 wide
    return c;
}

void applyConfigJson(TextConfig& c, const fs::path& configPath) {
    std::error_code ec;
    if (!fs::is_regular_file(configPath, ec)) return;
    std::ifstream in(configPath);
    nlohmann::json root;
    try {
        root = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw Error(configPath.string(), std::string("not valid JSON: ") + e.what());
    }
    const std::string source = configPath.string();
    if (!root.is_object()) throw Error(source, "config is not a JSON object");
    // CLIPConfig keeps the text tower's settings in text_config (older exports: text_config_dict,
    // holding only what differs from CLIPTextConfig's defaults, which are B/32's).
    const nlohmann::json* text = &root;
    for (const char* key : {"text_config", "text_config_dict"})
        if (root.contains(key) && root.at(key).is_object()) {
            text = &root.at(key);
            break;
        }
    auto agree = [&](const char* key, int fromShapes) {
        const int value = readPositive(*text, key, fromShapes, source);
        if (value != fromShapes)
            throw Error(source, std::string("text_config says ") + key + " = " + std::to_string(value) +
                                    ", but the tensors say " + std::to_string(fromShapes));
    };
    agree("hidden_size", c.hiddenSize);
    agree("intermediate_size", c.intermediateSize);
    agree("num_hidden_layers", c.numLayers);
    agree("vocab_size", c.vocabularySize);
    agree("max_position_embeddings", c.contextLength);
    c.numHeads = readPositive(*text, "num_attention_heads", c.numHeads, source);
    if (text->contains("layer_norm_eps")) {
        if (!text->at("layer_norm_eps").is_number() || !(text->at("layer_norm_eps").get<double>() > 0))
            throw Error(source, "text_config field 'layer_norm_eps' must be a positive number");
        c.layerNormEps = text->at("layer_norm_eps").get<double>();
    }
    if (text->contains("hidden_act")) {
        const auto& act = text->at("hidden_act");
        if (act == "quick_gelu") c.quickGelu = true;
        else if (act == "gelu") c.quickGelu = false;
        else throw Error(source, "text_config hidden_act " + act.dump() + " is not supported (quick_gelu or gelu)");
    }
}

void checkShapes(const TextConfig& c, const TextParams& p, const std::string& path) {
    const int64_t d = c.hiddenSize, m = c.intermediateSize;
    std::map<std::string, std::vector<int64_t>> expected{
        {std::string(kPrefix) + "embeddings.token_embedding.weight", {c.vocabularySize, d}},
        {std::string(kPrefix) + "embeddings.position_embedding.weight", {c.contextLength, d}},
        {std::string(kPrefix) + "final_layer_norm.weight", {d}},
        {std::string(kPrefix) + "final_layer_norm.bias", {d}},
        {"text_projection.weight", {c.projectionDim, d}},
    };
    for (int i = 0; i < c.numLayers; ++i) {
        const std::string pre = layerKey(i);
        for (const char* proj : {"q_proj", "k_proj", "v_proj", "out_proj"}) {
            expected[pre + "self_attn." + proj + ".weight"] = {d, d};
            expected[pre + "self_attn." + proj + ".bias"] = {d};
        }
        for (const char* ln : {"layer_norm1", "layer_norm2"}) {
            expected[pre + ln + ".weight"] = {d};
            expected[pre + ln + ".bias"] = {d};
        }
        expected[pre + "mlp.fc1.weight"] = {m, d};
        expected[pre + "mlp.fc1.bias"] = {m};
        expected[pre + "mlp.fc2.weight"] = {d, m};
        expected[pre + "mlp.fc2.bias"] = {d};
    }
    forEachField(p, [&](const std::string& name, const torch::Tensor& t) {
        const std::vector<int64_t> actual(t.sizes().begin(), t.sizes().end());
        if (actual != expected.at(name))
            throw Error(path, "tensor '" + name + "' has shape " + io::describeShape(actual) + " but the text tower (" +
                                  c.name() + ") needs " + io::describeShape(expected.at(name)));
    });
}

torch::Tensor activation(const torch::Tensor& x, bool quick) { return quick ? quickGelu(x) : torch::gelu(x); }

}  // namespace

std::string TextConfig::name() const {
    std::ostringstream out;
    out << "text D=" << hiddenSize << " L=" << numLayers << " H=" << numHeads << " ctx " << contextLength;
    return out.str();
}

bool hasTextTower(const std::string& location) {
    const auto file = io::SafetensorsFile::open(checkpointFile(location));
    return file->find(std::string(kPrefix) + "embeddings.token_embedding.weight") && file->find("text_projection.weight");
}

TextTower loadTextTower(const std::string& location) {
    TextTower tower;
    tower.path = checkpointFile(location);
    const auto file = io::SafetensorsFile::open(tower.path);
    if (const auto foreign = describeForeignLayout(*file); !foreign.empty()) throw Error(tower.path, foreign);
    if (!file->find(std::string(kPrefix) + "embeddings.token_embedding.weight"))
        throw Error(tower.path, "has no text tower (no 'text_model.' tensors): it is a vision-only export "
                                "(CLIPVisionModel); zero-shot heads need the full CLIPModel folder, e.g. "
                                "openai/clip-vit-base-patch32 with its vocab.json and merges.txt");
    if (!file->find("text_projection.weight"))
        throw Error(tower.path, "has a text tower but no 'text_projection.weight': a CLIPTextModel export; "
                                "zero-shot heads need the projection (CLIPModel or CLIPTextModelWithProjection)");
    tower.config = configFromShapes(*file);
    applyConfigJson(tower.config, fs::path(tower.path).parent_path() / "config.json");
    if (tower.config.hiddenSize % tower.config.numHeads != 0)
        throw Error(tower.path, "text width " + std::to_string(tower.config.hiddenSize) +
                                    " is not divisible by its " + std::to_string(tower.config.numHeads) + " heads");

    auto& p = tower.params;
    p.layers.resize(size_t(tower.config.numLayers));
    forEachField(p, [&](const std::string& name, torch::Tensor& field) {
        const auto* info = file->find(name);
        if (!info) throw Error(tower.path, "the text tower lacks tensor '" + name + "'");
        if (info->dtype != io::DType::F32 && info->dtype != io::DType::F16 && info->dtype != io::DType::BF16)
            throw Error(tower.path, "tensor '" + name + "' has dtype " + io::dtypeName(info->dtype) +
                                        "; model weights must be F32, F16 or BF16");
        field = viewTensor(file, *info).to(torch::kFloat32);
        if (const auto problem = describeNonFinite(field); !problem.empty())
            throw Error(tower.path, "tensor '" + name + "' " + problem + "; the checkpoint is damaged");
    });
    checkShapes(tower.config, p, tower.path);

    if (const auto* info = file->find("logit_scale")) {
        const auto value = viewTensor(file, *info).to(torch::kFloat64);
        if (value.numel() != 1 || !std::isfinite(value.item<double>()))
            throw Error(tower.path, "'logit_scale' must be one finite number (the log of the scale)");
        tower.logitScale = std::exp(value.item<double>());
        tower.logitScaleFromFile = true;
    }
    return tower;
}

torch::Tensor encodeTokens(const TextConfig& c, const TextParams& p, const torch::Tensor& tokens,
                           const torch::Tensor& endPositions) {
    namespace F = torch::nn::functional;
    const int64_t batch = tokens.size(0), length = tokens.size(1);
    const std::vector<int64_t> width{c.hiddenSize};
    const double eps = c.layerNormEps;
    auto h = F::embedding(tokens, p.tokenEmbedding) + p.positionEmbedding.slice(0, 0, length).unsqueeze(0);
    // Token i sees tokens 0…i only.
    const auto mask = torch::full({length, length}, -std::numeric_limits<float>::infinity()).triu(1);
    for (const auto& l : p.layers) {
        h = h + selfAttention(torch::layer_norm(h, width, l.layerNorm1Weight, l.layerNorm1Bias, eps), l, c.numHeads, mask);
        const auto x = torch::layer_norm(h, width, l.layerNorm2Weight, l.layerNorm2Bias, eps);
        h = h + F::linear(activation(F::linear(x, l.fc1Weight, l.fc1Bias), c.quickGelu), l.fc2Weight, l.fc2Bias);
    }
    h = torch::layer_norm(h, width, p.finalLayerNormWeight, p.finalLayerNormBias, eps);
    const auto pooled = h.index({torch::arange(batch), endPositions});
    return F::linear(pooled, p.projection);
}

torch::Tensor encodeText(const TextTower& tower, const std::vector<std::vector<int>>& tokens, int endToken) {
    if (tokens.empty()) return torch::zeros({0, tower.config.projectionDim});
    size_t length = 0;
    for (const auto& sequence : tokens) length = std::max(length, sequence.size());
    if (int(length) > tower.config.contextLength)
        throw Error(tower.path, "a token sequence of " + std::to_string(length) + " exceeds the text tower's context of " +
                                    std::to_string(tower.config.contextLength));
    auto batch = torch::full({int64_t(tokens.size()), int64_t(length)}, int64_t(endToken), torch::kInt64);
    auto ends = torch::empty({int64_t(tokens.size())}, torch::kInt64);
    auto b = batch.accessor<int64_t, 2>();
    for (size_t i = 0; i < tokens.size(); ++i) {
        int64_t end = -1;
        for (size_t j = 0; j < tokens[i].size(); ++j) {
            const int id = tokens[i][j];
            if (id < 0 || id >= tower.config.vocabularySize)
                throw Error(tower.path, "token id " + std::to_string(id) + " is outside the text tower's vocabulary of " +
                                            std::to_string(tower.config.vocabularySize) +
                                            " (does the tokenizer belong with this checkpoint?)");
            b[int64_t(i)][int64_t(j)] = id;
            if (end < 0 && id == endToken) end = int64_t(j);
        }
        if (end < 0) throw Error("token sequence " + std::to_string(i) + " has no end token");
        ends[int64_t(i)] = end;
    }
    torch::NoGradGuard noGrad;
    return encodeTokens(tower.config, tower.params, batch, ends);
}

}  // namespace ms::model
