#pragma once
// Supervised training of the vision tower through a CLIP-style cosine head, used to build the
// demo zoo (pretraining with a trainable head, fine-tuning with the task's head frozen) and by
// `mergescope-cli finetune` to add a user's own task. AdamW, linear warm-up then cosine decay,
// gradient clipping, random-shift augmentation.
#include <cstdint>
#include <string>
#include <vector>

#include <torch/types.h>

#include "core/model/vision_transformer.h"
#include "core/run/progress.h"

namespace ms::zoo {

struct TrainSettings {
    int epochs = 5;
    double learningRate = 1e-3;
    double weightDecay = 0.05;
    int64_t batchSize = 128;
    double warmupFraction = 0.1;
    double gradientClip = 1.0;
    // Random shift (wrapping) per group of images. Off by default: with 8-pixel patches a shift
    // changes every patch, and it slowed learning from 79 % to 45 % on MNIST in a 155-step test.
    int maxShiftPixels = 0;
    uint64_t seed = 0;
    torch::Device device = torch::kCPU;
    // Learning rate of every tensor outside the MLPs, relative to the MLPs' (1: plain fine-tuning).
    double nonMlpLearningRateScale = 1.0;
    // Pretraining replay: each step also draws `replayBatch` of `replayInputs` (preprocessed
    // pretext images) and adds replayWeight · mean ‖n(f) − n(f0)‖², n the L2 normalisation, f the
    // features now and f0 `replayTargets` (the pretrained features). It keeps an expert's
    // features on everything but its own task where pretraining left them. 0: off.
    double replayWeight = 0.0;
    int64_t replayBatch = 64;
    torch::Tensor replayInputs;
    torch::Tensor replayTargets;
    // Outlier exposure (Hendrycks et al., ICLR 2019): the same draw of `replayInputs` is pushed
    // towards the uniform prediction under the head being trained, outlierWeight · mean over the
    // images of CE(uniform, softmax(logits)) = logsumexp(z) − mean(z). It teaches an expert to be
    // unsure on images that are not its task's. Needs replayInputs, not replayTargets. 0: off.
    double outlierWeight = 0.0;
    // Per class row of a trained head, a projector [C, proj, proj] its row is read through (the
    // row's effective embedding is row · projector): pretraining with head subspaces keeps each
    // task's classes in its own subspace, as CLIP's text embeddings of a dataset's class names are
    // fixed before any image is seen. Undefined: the rows are used as they are.
    torch::Tensor headRowProjectors;
};

struct TrainStats {
    int64_t steps = 0;
    double seconds = 0.0;
    double imagesPerSecond = 0.0;
    double finalLoss = 0.0;  // mean over the last epoch
    double trainAccuracy = 0.0;  // over the last epoch, on augmented batches
    std::vector<double> epochLoss;           // the cross-entropy, mean per epoch
    std::vector<double> epochReplayDrift;    // with replay: the mean drift ‖n(f) − n(f0)‖² per epoch
    std::vector<double> epochOutlierEntropy; // with outlier exposure: the mean prediction entropy on them per epoch
};

// Cosine classifier logits: s · normalize(features) · normalize(classWeights)ᵀ.
torch::Tensor cosineLogits(const torch::Tensor& features, const torch::Tensor& classWeights, double logitScale);

// Trains `body` in place on normalised inputs [N, 3, S, S] with labels [N]. `classWeights`
// [C, proj] are trained too when `trainHead`, otherwise frozen. Checks for cancel every step.
TrainStats trainClassifier(const model::VisionConfig& config, model::VisionParams& body, torch::Tensor& classWeights,
                           bool trainHead, double logitScale, const torch::Tensor& inputs, const torch::Tensor& labels,
                           const TrainSettings& settings, const Callbacks& callbacks, const std::string& stage);

// Class prototypes: the L2-normalised mean of the L2-normalised features of each class — a
// zero-shot-like head fitted on the pretrained features. features [N, proj], labels [N].
// With `centred`, the mean of the class means is removed before normalising: a tiny pretrained
// model's class means are nearly parallel (mean cosine 0.98 measured), which leaves a frozen head
// almost no margin to fine-tune against.
torch::Tensor classPrototypes(const torch::Tensor& features, const torch::Tensor& labels, int64_t classes,
                              bool centred = false);

// A linear probe: cosine class weights [classes, proj] trained by full-batch Adam on frozen
// features (cross-entropy at `logitScale`), started from the centred prototypes. A stronger
// "zero-shot" head than the prototypes, as CLIP's text heads are stronger than a tiny model's
// class means. Deterministic.
torch::Tensor fitLinearProbe(const torch::Tensor& features, const torch::Tensor& labels, int64_t classes,
                             double logitScale, int steps = 300, double learningRate = 1e-2);

}  // namespace ms::zoo
