#pragma once
// Everything that determines the demo zoo: the model size, the data sizes, the training schedule
// and the seed. The same recipe and seed give the same zoo.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model/vision_config.h"

namespace ms::zoo {

struct ZooRecipe {
    uint64_t seed = 1;
    model::VisionConfig model;       // a tiny CLIP vision tower; see standard()
    double logitScale = 30.0;        // s of the pretraining head, and of every task head unless...
    double taskLogitScale = 0.0;     // ...this is set: s of the task heads (0: logitScale)

    int64_t pretrainImages = 20000;  // Pretrain36: letters and shapes, disjoint from every task
    // Domain recognition in pretraining: this many train images of each task join the pretext,
    // labelled only by which task they come from (never by class). CLIP has seen satellite
    // photos, digits and textures in pretraining and tells such domains apart; a pretrained tower
    // that does gives each task's inputs their own region of feature space, so a task vector acts
    // mostly on its own task (weight disentanglement) and routers can tell the tasks apart.
    // 0: Pretrain36 alone.
    int64_t pretrainDomainImages = 0;
    // Concepts seen in pretraining: the next this-many train images of each task (after the
    // domain images) join the pretext labelled by their class, with one output per class of
    // every task. CLIP had seen digits, road signs and satellite photos with their names before
    // it was fine-tuned, so its pretrained tower already sorts them (48 % zero-shot on the
    // paper's eight tasks at B/32) and fine-tuning refines rather than rewires. 0: off.
    int64_t pretrainLabelledImages = 0;
    int pretrainEpochs = 14;         // 6 → 10 epochs raised the experts' average by 5 points
    double pretrainLearningRate = 1e-3;
    double pretrainWeightDecay = 0.05;

    int64_t trainPerTask = 8000;     // more images, fewer epochs: +3 points on SynDigits/SynSigns at equal cost
    int64_t testPerTask = 1000;
    int finetuneEpochs = 5;          // 4 → 5 epochs: 89.4 % → 90.1 % individual, 486 s → 550 s build
    double finetuneLearningRate = 4e-3;  // SynDigits at 5 epochs: 62 % with 1e-3, 70 % with 2e-3, 72 % with 4e-3
    double finetuneWeightDecay = 0.01;
    // Learning rate outside the MLPs relative to the MLPs' during fine-tuning (1: plain).
    double finetuneNonMlpLearningRateScale = 1.0;
    // Pretraining replay while fine-tuning (see TrainSettings::replayWeight): the experts keep
    // the pretrained features of the pretext images (Pretrain36, plus the domain images when
    // pretrainDomainImages > 0). CLIP's experts change little outside their task because their
    // pretraining was vast; a tiny tower fine-tuned on one task rewires itself for every input,
    // so every task vector then acts on every task. 0: off.
    double finetuneReplayWeight = 0.0;
    // Outlier exposure while fine-tuning (see TrainSettings::outlierWeight): each expert is taught
    // the uniform prediction under its own head on the pretraining images that are not its task's,
    // so that it is unsure off its task instead of confidently wrong. 0: off.
    double finetuneOutlierWeight = 0.0;

    bool centredHeads = true;        // see classPrototypes()
    // Head subspaces (see head_subspace.h): the projection space is cut into this many mutually
    // orthogonal subspaces and task t's head reads only subspace t, as CLIP's text heads of
    // unrelated datasets read nearly orthogonal directions. 0: every head reads all of it.
    int headSubspaces = 0;
    // With head subspaces and labelled concepts in pretraining: the pretraining head's rows for
    // task t's classes are confined to subspace t too, so the pretrained tower already sorts each
    // task's classes where its zero-shot head will read them (CLIP's geometry from the start).
    bool pretrainInHeadSubspaces = false;
    // How each task's frozen head is fitted on the pretrained features: "prototype" (class means,
    // see classPrototypes()) or "linear_probe" (see fitLinearProbe()).
    std::string headKind = "prototype";
    int64_t batchSize = 128;         // pretraining
    int64_t finetuneBatchSize = 64;  // more, smaller steps learn faster within the same time
    std::vector<std::string> tasks;  // ids from zooTaskSuite(); empty means all eight

    double headScale() const { return taskLogitScale > 0.0 ? taskLogitScale : logitScale; }

    static ZooRecipe standard();
    // A few seconds' worth, for tests of the pipeline (not for its accuracy).
    static ZooRecipe quick();
    nlohmann::json toJson() const;
};

}  // namespace ms::zoo
