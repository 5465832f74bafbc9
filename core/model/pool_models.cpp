#include "core/model/pool_models.h"

#include "core/util/error.h"

namespace ms::model {

int PoolModels::taskIndex(const std::string& name) const {
    for (size_t i = 0; i < tasks.size(); ++i)
        if (tasks[i]->name == name) return int(i);
    return -1;
}

PoolModels loadPoolModels(const std::string& manifestLocation, const std::string& taskNames, bool loadFinetuned) {
    PoolModels models;
    models.manifest = pool::PoolManifest::load(manifestLocation);
    models.tasks = models.manifest.selectTasks(taskNames);
    models.pretrained = loadCheckpoint(models.manifest.pretrained);
    const auto& config = models.pretrained.config;
    if (!models.pretrained.hasProjection())
        throw Error(models.pretrained.path, "the pretrained checkpoint has no visual_projection.weight; heads need it");

    for (const auto* task : models.tasks) {
        if (loadFinetuned) {
            Checkpoint ft = loadCheckpoint(task->checkpoint);
            adoptUninferableDimensions(ft, config);
            if (!ft.config.sameArchitecture(config))
                throw Error(ft.path, "is a " + ft.config.name() + " but the pretrained model is a " + config.name() +
                                         ": checkpoints of different architectures cannot be merged in one pool");
            if (!ft.hasProjection())  // CLIPVisionModel exports: the projection stays the pretrained one
                ft.tensors["visual_projection.weight"] = models.pretrained.tensors.at("visual_projection.weight");
            models.finetuned.push_back(std::move(ft));
        }
        ClassificationHead head = loadHead(task->head);
        if (head.embeddingDim() != config.projectionDim)
            throw Error(task->head, "class embeddings have " + std::to_string(head.embeddingDim()) +
                                        " dimensions but the model projects to " + std::to_string(config.projectionDim));
        if (!task->classNames.empty() && int64_t(task->classNames.size()) != head.numClasses())
            throw Error(task->head, "has " + std::to_string(head.numClasses()) + " classes but the manifest lists " +
                                        std::to_string(task->classNames.size()) + " for task '" + task->name + "'");
        if (!task->classNames.empty()) head.classNames = task->classNames;
        models.heads.push_back(std::move(head));
    }
    return models;
}

}  // namespace ms::model
