#pragma once
// The tensors behind a pool: the pretrained checkpoint, the chosen tasks' fine-tuned checkpoints
// and heads, checked to be one architecture.
#include <vector>

#include "core/model/checkpoint.h"
#include "core/model/classification_head.h"
#include "core/pool/pool_manifest.h"

namespace ms::model {

struct PoolModels {
    pool::PoolManifest manifest;
    std::vector<const pool::TaskEntry*> tasks;  // the chosen tasks, pool order (point into manifest)
    Checkpoint pretrained;
    std::vector<Checkpoint> finetuned;          // one per chosen task
    std::vector<ClassificationHead> heads;      // one per chosen task

    const VisionConfig& config() const { return pretrained.config; }
    int taskIndex(const std::string& name) const;  // -1 when not chosen
};

// `taskNames`: comma-separated; empty chooses every task. Heads are always loaded; fine-tuned
// checkpoints only with `loadFinetuned` (they are memory-mapped, so this is cheap either way).
PoolModels loadPoolModels(const std::string& manifestLocation, const std::string& taskNames = "",
                          bool loadFinetuned = true);

}  // namespace ms::model
