#pragma once
// Tiny CLIP-architecture towers for the engine's tests: a pretrained one and fine-tuned ones
// that differ from it by small random task vectors, the way real fine-tunes do.
#include <string>
#include <vector>

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
