#include "core/zoo/zoo_recipe.h"

namespace ms::zoo {

ZooRecipe ZooRecipe::standard() {
    ZooRecipe r;
    r.model.hiddenSize = 64;
    r.model.intermediateSize = 256;  // CLIP's 4× MLP
    r.model.numLayers = 4;
    r.model.numHeads = 4;
    r.model.patchSize = 8;           // 32×32 → 16 patches + CLS = 17 tokens
    r.model.imageSize = 32;
    r.model.projectionDim = 64;
    return r;
}

ZooRecipe ZooRecipe::quick() {
    ZooRecipe r = standard();
    r.model.hiddenSize = 32;
    r.model.intermediateSize = 64;
    r.model.numLayers = 2;
    r.model.numHeads = 2;
    r.model.projectionDim = 16;
    r.pretrainImages = 512;
    r.pretrainEpochs = 1;
    r.trainPerTask = 256;
    r.testPerTask = 128;
    r.finetuneEpochs = 1;
    r.batchSize = 64;
    r.finetuneBatchSize = 32;
    return r;
}

nlohmann::json ZooRecipe::toJson() const {
    return nlohmann::json{{"seed", seed},
                          {"model", model.toJson()},
                          {"logit_scale", logitScale},
                          {"task_logit_scale", headScale()},
                          {"pretrain", {{"images", pretrainImages}, {"domain_images_per_task", pretrainDomainImages},
                                        {"labelled_images_per_task", pretrainLabelledImages}, {"epochs", pretrainEpochs},
                                        {"learning_rate", pretrainLearningRate}, {"weight_decay", pretrainWeightDecay}}},
                          {"finetune", {{"train_per_task", trainPerTask}, {"test_per_task", testPerTask},
                                        {"epochs", finetuneEpochs}, {"learning_rate", finetuneLearningRate},
                                        {"weight_decay", finetuneWeightDecay},
                                        {"non_mlp_lr_scale", finetuneNonMlpLearningRateScale},
                                        {"replay_weight", finetuneReplayWeight},
                                        {"outlier_weight", finetuneOutlierWeight}}},
                          {"batch_size", batchSize},
                          {"finetune_batch_size", finetuneBatchSize},
                          {"centred_heads", centredHeads},
                          {"head_subspaces", headSubspaces},
                          {"pretrain_in_head_subspaces", pretrainInHeadSubspaces},
                          {"head_kind", headKind},
                          {"tasks", tasks}};
}

}  // namespace ms::zoo
