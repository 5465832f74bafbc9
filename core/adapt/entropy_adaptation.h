#pragma once
// Test-time adaptation by entropy minimisation (ALGORITHM.md §4), shared by AdaMerging and WEMoE.
// Each step draws one batch of unlabeled test images per seen task, sums over tasks the mean
// Shannon entropy of the predictions through that task's frozen head, and takes one Adam step on
// the model's trainable tensors. Labels are never read: the batches carry pixels only.
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/adapt/adam.h"
#include "core/data/image_batch.h"
#include "core/merge/merged_model.h"
#include "core/model/classification_head.h"
#include "core/model/preprocess_config.h"
#include "core/run/progress.h"

namespace ms::adapt {

struct AdaptSettings {
    int64_t steps = 1000;
    double learningRate = 1e-4;
    int64_t batchSize = 16;  // per task
    bool cosineSchedule = false;
    uint64_t seed = 0;       // which images each step draws

    // From a method's resolved parameters (steps, lr, batch_size, schedule).
    static AdaptSettings fromParams(const nlohmann::json& params, uint64_t seed);
    double learningRateAt(int64_t step) const;  // step counts from 0
};

struct StepRecord {
    int64_t step = 0;                // 1-based
    double loss = 0.0;               // Σt mean entropy (nats)
    std::vector<double> taskLosses;  // mean entropy per task
    double learningRate = 0.0;
    double seconds = 0.0;            // wall time of this step
};

// One seen task: its test images (labels unused) and frozen head.
struct AdaptTask {
    std::string name;
    const data::ImageBatch* images = nullptr;
    model::ClassificationHead head;
};

class EntropyAdapter {
public:
    EntropyAdapter(merge::MergedModel& model, std::vector<AdaptTask> tasks, model::PreprocessConfig preprocess,
                   AdaptSettings settings);

    // Runs the remaining steps. Cancel is checked between steps and throws ms::Cancelled with the
    // state intact, so the caller can save it and resume later.
    void run(const Callbacks& callbacks, const std::function<void(const StepRecord&)>& onStep = {});

    int64_t stepsDone() const { return stepsDone_; }
    const std::vector<StepRecord>& history() const { return history_; }
    const AdaptSettings& settings() const { return settings_; }

    // Optimizer moments plus "adapt.steps_done"; restore() continues from them.
    model::TensorMap resumeState() const;
    void restore(const model::TensorMap& resumeState, std::vector<StepRecord> history);

    // Image indices task `task` draws at step `step` (0-based): a fresh permutation per epoch.
    std::vector<int64_t> batchIndices(size_t task, int64_t step) const;

private:
    StepRecord step();

    merge::MergedModel& model_;
    std::vector<AdaptTask> tasks_;
    model::PreprocessConfig preprocess_;
    AdaptSettings settings_;
    Adam adam_;
    int64_t stepsDone_ = 0;
    std::vector<StepRecord> history_;
};

// Mean Shannon entropy (nats) of softmax(logits) over the rows.
torch::Tensor meanEntropy(const torch::Tensor& logits);

}  // namespace ms::adapt
