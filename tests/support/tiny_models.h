#pragma once
// Tiny CLIP-architecture towers for the engine's tests: a pretrained one and fine-tuned ones
// that differ from it by small random task vectors, the way real fine-tunes do.
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "core/data/shard.h"
#include "core/merge/merge_inputs.h"
#include "core/model/checkpoint.h"
#include "core/pool/pool_manifest.h"
#include "core/model/classification_head.h"
#include "core/model/tensor_io.h"
#include "core/model/vision_config.h"

namespace ms::test {

inline model::VisionConfig tinyVisionConfig(int layers = 2) {
    model::VisionConfig c;
    c.hiddenSize = 8;
    c.intermediateSize = 16;
    c.numLayers = layers;
    c.numHeads = 2;
    c.patchSize = 4;
    c.imageSize = 8;
    c.projectionDim = 4;
    return c;
}

// LayerNorm weights near 1, everything else N(0, scale²).
inline model::TensorMap randomTower(const model::VisionConfig& config, uint64_t seed, double scale = 0.3) {
    auto generator = at::make_generator<at::CPUGeneratorImpl>(seed);
    model::TensorMap tensors;
    for (const auto& [name, shape] : config.expectedShapes()) {
        auto t = torch::normal(0.0, scale, shape, generator);
        if (name.find("norm") != std::string::npos && name.find("weight") != std::string::npos) t += 1.0;
        tensors[name] = t;
    }
    return tensors;
}

// θ0 + a random task vector of the given size.
inline model::TensorMap finetunedFrom(const model::TensorMap& pretrained, uint64_t seed, double scale = 0.1) {
    auto generator = at::make_generator<at::CPUGeneratorImpl>(seed);
    model::TensorMap out;
    for (const auto& [name, t] : pretrained) out[name] = t + torch::normal(0.0, scale, t.sizes(), generator);
    return out;
}

// A pretrained tower and `tasks` fine-tuned ones that outlive the MergeInputs pointing at them.
struct TinyPool {
    model::VisionConfig config;
    model::TensorMap pretrained;
    std::vector<model::TensorMap> finetuned;
    std::vector<model::ClassificationHead> heads;

    explicit TinyPool(int tasks, int layers = 2, uint64_t seed = 7) : config(tinyVisionConfig(layers)) {
        pretrained = randomTower(config, seed);
        for (int t = 0; t < tasks; ++t) {
            finetuned.push_back(finetunedFrom(pretrained, seed * 100 + uint64_t(t) + 1));
            torch::manual_seed(int64_t(seed) + t);
            heads.push_back(model::ClassificationHead::fromEmbeddings(torch::randn({3, config.projectionDim}), 10.0, {}));
        }
    }
    merge::MergeInputs inputs(uint64_t mergeSeed = 0) const {
        merge::MergeInputs in;
        in.config = config;
        in.pretrained = &pretrained;
        for (size_t t = 0; t < finetuned.size(); ++t) {
            in.finetuned.push_back(&finetuned[t]);
            in.taskNames.push_back("task" + std::to_string(t));
        }
        in.seed = mergeSeed;
        return in;
    }
    torch::Tensor pixels(int64_t count, uint64_t seed = 3) const {
        auto generator = at::make_generator<at::CPUGeneratorImpl>(seed);
        return torch::normal(0.0, 1.0, {count, 3, config.imageSize, config.imageSize}, generator);
    }
};

// Writes `pool` into `folder` as a real pool: checkpoints, heads, `imagesPerTask` random 8×8 test
// images per task in shards, and pool.json. Returns the manifest path.
inline std::string writeTinyPool(const TinyPool& pool, const std::string& folder, int64_t imagesPerTask = 12) {
    model::PreprocessConfig preprocess;
    preprocess.cropSize = preprocess.shortestEdge = pool.config.imageSize;
    model::saveCheckpoint(folder + "/pretrained", pool.config, preprocess, pool.pretrained);
    pool::PoolManifest manifest;
    manifest.name = "tiny";
    manifest.pretrained = folder + "/pretrained";
    for (size_t t = 0; t < pool.finetuned.size(); ++t) {
        const std::string name = "task" + std::to_string(t);
        model::saveCheckpoint(folder + "/finetuned/" + name, pool.config, preprocess, pool.finetuned[t]);
        model::saveHead(folder + "/" + name + "_head.safetensors", pool.heads[t], name);
        data::ImageBatch images;
        images.height = images.width = pool.config.imageSize;
        auto g = at::make_generator<at::CPUGeneratorImpl>(100 + t);
        const auto pixels = torch::randint(0, 256, {imagesPerTask * images.imageBytes()}, g, torch::kUInt8);
        images.pixels.assign(pixels.data_ptr<uint8_t>(), pixels.data_ptr<uint8_t>() + pixels.numel());
        for (int64_t i = 0; i < imagesPerTask; ++i) images.labels.push_back(i % pool.heads[t].numClasses());
        data::writeShard(folder + "/" + name + "_test.safetensors", images, pool.heads[t].classNames);
        pool::TaskEntry entry;
        entry.name = name;
        entry.displayName = "Task " + std::to_string(t);
        entry.checkpoint = folder + "/finetuned/" + name;
        entry.head = folder + "/" + name + "_head.safetensors";
        entry.testData = folder + "/" + name + "_test.safetensors";
        manifest.tasks.push_back(entry);
    }
    manifest.save(folder + "/pool.json");
    return folder + "/pool.json";
}

}  // namespace ms::test

namespace ms::test {

// A character-level CLIP vocabulary (no merges): ids 0 and 1 are the start and end tokens, then
// each of `kTinyAlphabet`'s characters inner and word-final. Any lower-case ASCII prompt encodes.
inline const std::string kTinyAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789.,:'\"-";
inline int tinyTokenId(char c, bool wordFinal) {
    return 2 + 2 * int(kTinyAlphabet.find(c)) + (wordFinal ? 1 : 0);
}
inline std::string tinyVocabJson() {
    nlohmann::json vocab{{"<|startoftext|>", 0}, {"<|endoftext|>", 1}};
    for (char c : kTinyAlphabet) {
        vocab[std::string(1, c)] = tinyTokenId(c, false);
        vocab[std::string(1, c) + "</w>"] = tinyTokenId(c, true);
    }
    return vocab.dump();
}

struct TinyTextShape {
    int width = 8, layers = 2, heads = 2, mlp = 16, context = 40, projection = 4;
    int vocabulary() const { return 2 + 2 * int(kTinyAlphabet.size()); }
};

// The text tower's tensors in HF CLIPModel keys (text_model.…, text_projection.weight, logit_scale).
inline std::map<std::string, torch::Tensor> randomTextTower(const TinyTextShape& s, uint64_t seed, double logScale) {
    auto g = at::make_generator<at::CPUGeneratorImpl>(seed);
    auto normal = [&](std::vector<int64_t> shape, double scale = 0.3) { return torch::normal(0.0, scale, shape, g); };
    std::map<std::string, torch::Tensor> t;
    t["text_model.embeddings.token_embedding.weight"] = normal({s.vocabulary(), s.width}, 1.0);
    t["text_model.embeddings.position_embedding.weight"] = normal({s.context, s.width});
    for (int i = 0; i < s.layers; ++i) {
        const std::string p = "text_model.encoder.layers." + std::to_string(i) + ".";
        for (const char* proj : {"q_proj", "k_proj", "v_proj", "out_proj"}) {
            t[p + "self_attn." + proj + ".weight"] = normal({s.width, s.width});
            t[p + "self_attn." + proj + ".bias"] = normal({s.width}, 0.1);
        }
        for (const char* ln : {"layer_norm1", "layer_norm2"}) {
            t[p + ln + ".weight"] = 1.0 + normal({s.width}, 0.1);
            t[p + ln + ".bias"] = normal({s.width}, 0.1);
        }
        t[p + "mlp.fc1.weight"] = normal({s.mlp, s.width});
        t[p + "mlp.fc1.bias"] = normal({s.mlp}, 0.1);
        t[p + "mlp.fc2.weight"] = normal({s.width, s.mlp});
        t[p + "mlp.fc2.bias"] = normal({s.width}, 0.1);
    }
    t["text_model.final_layer_norm.weight"] = 1.0 + normal({s.width}, 0.1);
    t["text_model.final_layer_norm.bias"] = normal({s.width}, 0.1);
    t["text_projection.weight"] = normal({s.projection, s.width});
    t["logit_scale"] = torch::tensor(float(logScale));
    return t;
}

// A full CLIPModel folder as Hugging Face exports it: model.safetensors with both towers,
// config.json (CLIPConfig with text_config and vision_config), vocab.json and merges.txt.
inline void writeTinyClipFolder(const std::string& folder, const model::VisionConfig& vision,
                                const model::TensorMap& visionTensors, const TinyTextShape& text, uint64_t seed,
                                double logScale = 3.9120230054281464 /* log 50 */) {
    std::vector<std::pair<std::string, torch::Tensor>> all;
    for (const auto& [name, t] : visionTensors)
        all.emplace_back(name == "visual_projection.weight" ? name : "vision_model." + name, t);
    for (const auto& [name, t] : randomTextTower(text, seed, logScale)) all.emplace_back(name, t);
    std::filesystem::create_directories(folder);
    model::writeTensors(folder + "/model.safetensors", all);
    nlohmann::json visionJson = vision.toJson();
    nlohmann::json config{{"model_type", "clip"},
                          {"projection_dim", vision.projectionDim},
                          {"vision_config", visionJson},
                          {"text_config",
                           {{"hidden_size", text.width}, {"num_hidden_layers", text.layers},
                            {"num_attention_heads", text.heads}, {"intermediate_size", text.mlp},
                            {"max_position_embeddings", text.context}, {"vocab_size", text.vocabulary()},
                            {"hidden_act", "quick_gelu"}, {"layer_norm_eps", 1e-5}}}};
    std::ofstream(folder + "/config.json") << config.dump(2);
    std::ofstream(folder + "/vocab.json") << tinyVocabJson();
    std::ofstream(folder + "/merges.txt") << "#version: 0.2\n";
}

}  // namespace ms::test
