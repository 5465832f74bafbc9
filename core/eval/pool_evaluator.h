#pragma once
// Evaluates weights on the test sets of a pool's chosen tasks. The test images are loaded once
// and reused for every set of weights (pretrained, individual, merged…).
#include <string>
#include <vector>

#include "core/adapt/entropy_adaptation.h"
#include "core/eval/accuracy.h"
#include "core/model/pool_models.h"

namespace ms::merge {
class MergedModel;
}

namespace ms::eval {

// Routing weights of one task's test images under a routed model: [images, layers, T].
struct TaskRouting {
    std::string task;
    torch::Tensor weights;
};

struct AccuracyRow {
    std::string method;
    std::vector<TaskAccuracy> tasks;  // pool order of the chosen tasks
    double average() const;
    // The mean over tasks of each task's mean prediction entropy (nats), as average() is of accuracy.
    double meanEntropy() const;
};

class PoolEvaluator {
public:
    PoolEvaluator(const model::PoolModels& models, EvalSettings settings, Callbacks callbacks = {});

    // One body for every task, e.g. a merged model or the pretrained one.
    AccuracyRow evaluateShared(const std::string& method, const model::TensorMap& weights);
    // Any merged model. The test images of all tasks are interleaved so every batch mixes tasks:
    // a routed model must not be handed single-task batches (per-batch routing would leak the
    // task). `routing`, when given and the model routes, receives each task's routing weights.
    AccuracyRow evaluateModel(const std::string& method, merge::MergedModel& model,
                              std::vector<TaskRouting>* routing = nullptr);
    // Task `task`'s test images only. For models whose routing cannot depend on the batch (static
    // merges, fixed coefficients): there, leaving out the other tasks' images changes nothing.
    TaskAccuracy evaluateModelOnTask(const std::string& method, merge::MergedModel& model, size_t task);
    // Each task on its own fine-tuned checkpoint.
    AccuracyRow evaluateIndividual();
    // Fraction of test images whose task the pretrained features identify (nearest task centroid,
    // centroids from the even images, scored on the odd ones): can a router tell the tasks apart?
    double taskIdentifiability();

    // Task `task`'s test images (loaded once; corrupted when the settings say so).
    const data::ImageBatch& testImages(size_t task);
    // The chosen tasks' test images and heads for test-time adaptation (labels stay unused).
    std::vector<adapt::AdaptTask> adaptationTasks();

private:
    // The tasks whose `include` is true, interleaved; their accuracies in pool order.
    std::vector<TaskAccuracy> evaluateInterleaved(const std::string& method, merge::MergedModel& model,
                                                  const std::vector<bool>& include, std::vector<TaskRouting>* routing);
    AccuracyRow evaluateWith(const std::string& method, const std::vector<const model::TensorMap*>& weights);

    const model::PoolModels& models_;
    EvalSettings settings_;
    Callbacks callbacks_;
    std::vector<data::ImageBatch> testImages_;
    std::vector<bool> loaded_;
};

}  // namespace ms::eval
