#pragma once
// Accuracy of a set of vision parameters with a task's head on labelled images.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <torch/types.h>

#include "core/data/image_batch.h"
#include "core/model/classification_head.h"
#include "core/model/preprocess_config.h"
#include "core/model/vision_transformer.h"
#include "core/run/progress.h"

namespace ms::eval {

struct EvalSettings {
    int64_t batchSize = 256;
    int64_t maxImages = 0;  // 0: all
    torch::Device device = torch::kCPU;
    // Robustness (ALGORITHM.md §6): test images corrupted with this data::corruptionId at this
    // severity (1..5); empty for clean images.
    std::string corruption;
    int severity = 3;
    uint64_t corruptionSeed = 0;
};

struct TaskAccuracy {
    std::string task;
    int64_t correct = 0;
    int64_t total = 0;
    torch::Tensor confusion;  // [classes, classes] int64, rows = true class
    // Shannon entropy (nats) of the head's softmax, summed over all images and over the correctly
    // classified ones: the signal test-time adaptation minimises, next to whether it is right.
    double entropySum = 0.0;
    double entropySumCorrect = 0.0;
    double accuracy() const { return total ? double(correct) / double(total) : 0.0; }
    // Mean entropies; NaN where there is no image to average (no wrong answer, say).
    double meanEntropy() const { return total ? entropySum / double(total) : kNoValue; }
    double meanEntropyCorrect() const { return correct ? entropySumCorrect / double(correct) : kNoValue; }
    double meanEntropyWrong() const {
        return total > correct ? (entropySum - entropySumCorrect) / double(total - correct) : kNoValue;
    }
    static constexpr double kNoValue = std::numeric_limits<double>::quiet_NaN();
};

// Image features [n, proj] for images [begin, begin+count) of a batch, in evaluation mode.
torch::Tensor imageFeatures(const model::VisionConfig& config, const model::VisionParams& params,
                            const data::ImageBatch& images, const model::PreprocessConfig& preprocess,
                            const EvalSettings& settings, const Callbacks& callbacks = {});

// Accuracy and confusion of features [n, proj] against the first n labels.
TaskAccuracy scoreFeatures(const std::string& task, const model::ClassificationHead& head,
                           const torch::Tensor& features, const std::vector<int64_t>& labels);

TaskAccuracy evaluateTask(const std::string& task, const model::VisionConfig& config,
                          const model::VisionParams& params, const model::ClassificationHead& head,
                          const data::ImageBatch& images, const model::PreprocessConfig& preprocess,
                          const EvalSettings& settings, const Callbacks& callbacks = {});

}  // namespace ms::eval
