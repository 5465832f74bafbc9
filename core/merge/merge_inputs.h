#pragma once
// What every merge starts from: the pretrained weights θ0 and the fine-tuned θt of the chosen tasks.
#include <cstdint>
#include <string>
#include <vector>

#include <torch/types.h>

#include "core/model/tensor_io.h"
#include "core/model/vision_config.h"

namespace ms::model {
struct PoolModels;
}

namespace ms::merge {

struct MergeInputs {
    model::VisionConfig config;
    const model::TensorMap* pretrained = nullptr;
    std::vector<const model::TensorMap*> finetuned;  // one per task
    std::vector<std::string> taskNames;              // same order
    torch::Device device = torch::kCPU;
    uint64_t seed = 0;  // DARE's masks, router initialisation

    // The chosen tasks of a loaded pool (fine-tuned checkpoints must be loaded).
    static MergeInputs fromPool(const model::PoolModels& pool, const torch::Device& device, uint64_t seed = 0);
    size_t taskCount() const { return finetuned.size(); }
    void validate() const;  // throws ms::Error: no tasks, missing or mismatched tensors
};

}  // namespace ms::merge
