#include "core/merge/merge_inputs.h"

#include "core/model/pool_models.h"
#include "core/util/error.h"

namespace ms::merge {

MergeInputs MergeInputs::fromPool(const model::PoolModels& pool, const torch::Device& device, uint64_t seed) {
    if (pool.finetuned.size() != pool.tasks.size())
        throw Error(pool.manifest.path, "the fine-tuned checkpoints are not loaded");
    MergeInputs in;
    in.config = pool.config();
    in.pretrained = &pool.pretrained.tensors;
    for (size_t t = 0; t < pool.tasks.size(); ++t) {
        in.finetuned.push_back(&pool.finetuned[t].tensors);
        in.taskNames.push_back(pool.tasks[t]->name);
    }
    in.device = device;
    in.seed = seed;
    in.validate();
    return in;
}

void MergeInputs::validate() const {
    if (!pretrained) throw Error("cannot merge without the pretrained weights");
    if (finetuned.empty()) throw Error("choose at least one task to merge");
    if (taskNames.size() != finetuned.size()) throw Error("internal: task names and checkpoints differ in number");
    for (size_t t = 0; t < finetuned.size(); ++t) {
        for (const auto& [name, base] : *pretrained) {
            auto it = finetuned[t]->find(name);
            if (it == finetuned[t]->end())
                throw Error("cannot merge: task '" + taskNames[t] + "' lacks tensor '" + name + "'");
            if (it->second.sizes() != base.sizes())
                throw Error("cannot merge: tensor '" + name + "' of task '" + taskNames[t] + "' has shape " +
                            io::describeShape({it->second.sizes().begin(), it->second.sizes().end()}) +
                            " but the pretrained one has " +
                            io::describeShape({base.sizes().begin(), base.sizes().end()}));
        }
    }
}

}  // namespace ms::merge
