#include "core/eval/pool_evaluator.h"

#include <algorithm>

#include <torch/torch.h>

#include "core/data/corruptions.h"
#include "core/data/synth/rng.h"
#include "core/data/task_data.h"
#include "core/run/threads.h"
#include "core/merge/merged_model.h"
#include "core/model/preprocess.h"
#include "core/util/error.h"

namespace ms::eval {

double AccuracyRow::average() const {
    if (tasks.empty()) return 0.0;
    double sum = 0.0;
    for (const auto& t : tasks) sum += t.accuracy();
    return sum / double(tasks.size());
}

double AccuracyRow::meanEntropy() const {
    if (tasks.empty()) return 0.0;
    double sum = 0.0;
    for (const auto& t : tasks) sum += t.meanEntropy();
    return sum / double(tasks.size());
}

PoolEvaluator::PoolEvaluator(const model::PoolModels& models, EvalSettings settings, Callbacks callbacks)
    : models_(models), settings_(settings), callbacks_(std::move(callbacks)),
      testImages_(models.tasks.size()), loaded_(models.tasks.size(), false) {}

const data::ImageBatch& PoolEvaluator::testImages(size_t t) {
    if (!loaded_[t]) {
        const auto* task = models_.tasks[t];
        if (task->testData.empty())
            throw Error(models_.manifest.path, "task '" + task->name + "' has no test data to evaluate on");
        testImages_[t] = data::loadTaskImages(task->testData, models_.config().imageSize, models_.heads[t].classNames);
        if (!settings_.corruption.empty())
            testImages_[t] = data::corruptBatch(testImages_[t], data::parseCorruption(settings_.corruption), settings_.severity,
                                                data::Rng::streamSeed(settings_.corruptionSeed, t), threadCount());
        loaded_[t] = true;
    }
    return testImages_[t];
}

AccuracyRow PoolEvaluator::evaluateWith(const std::string& method, const std::vector<const model::TensorMap*>& weights) {
    AccuracyRow row;
    row.method = method;
    const auto& config = models_.config();
    // A shared body (merged, pretrained) is converted and moved to the device once, not per task.
    const model::TensorMap* converted = nullptr;
    model::VisionParams params;
    for (size_t t = 0; t < models_.tasks.size(); ++t) {
        if (weights[t] != converted) {
            params = model::VisionParams::fromTensors(config, *weights[t], settings_.device, false);
            converted = weights[t];
        }
        Callbacks perTask = callbacks_;
        perTask.progress = nullptr;
        row.tasks.push_back(evaluateTask(models_.tasks[t]->name, config, params, models_.heads[t].to(settings_.device),
                                         testImages(t), models_.pretrained.preprocess, settings_, perTask));
        callbacks_.report(int64_t(t) + 1, int64_t(models_.tasks.size()), "evaluate " + method);
    }
    return row;
}

std::vector<adapt::AdaptTask> PoolEvaluator::adaptationTasks() {
    std::vector<adapt::AdaptTask> out;
    for (size_t t = 0; t < models_.tasks.size(); ++t) out.push_back({models_.tasks[t]->name, &testImages(t), models_.heads[t]});
    return out;
}

AccuracyRow PoolEvaluator::evaluateModel(const std::string& method, merge::MergedModel& model,
                                         std::vector<TaskRouting>* routing) {
    AccuracyRow result;
    result.method = method;
    result.tasks = evaluateInterleaved(method, model, std::vector<bool>(models_.tasks.size(), true), routing);
    return result;
}

TaskAccuracy PoolEvaluator::evaluateModelOnTask(const std::string& method, merge::MergedModel& model, size_t task) {
    if (task >= models_.tasks.size()) throw Error("no task " + std::to_string(task) + " in this pool");
    std::vector<bool> include(models_.tasks.size(), false);
    include[task] = true;
    return evaluateInterleaved(method, model, include, nullptr).front();
}

std::vector<TaskAccuracy> PoolEvaluator::evaluateInterleaved(const std::string& method, merge::MergedModel& model,
                                                             const std::vector<bool>& include,
                                                             std::vector<TaskRouting>* routing) {
    torch::NoGradGuard noGrad;
    const size_t taskCount = models_.tasks.size();
    std::vector<int64_t> counts;
    for (size_t t = 0; t < taskCount; ++t) {
        const int64_t n = include[t] ? testImages(t).count() : 0;
        counts.push_back(settings_.maxImages > 0 ? std::min(settings_.maxImages, n) : n);
    }
    // Round-robin over tasks: image i of every task, then image i + 1, …
    std::vector<std::pair<size_t, int64_t>> order;
    for (int64_t i = 0; i < *std::max_element(counts.begin(), counts.end()); ++i)
        for (size_t t = 0; t < taskCount; ++t)
            if (i < counts[t]) order.emplace_back(t, i);

    std::vector<std::vector<torch::Tensor>> features(taskCount), routes(taskCount);
    for (size_t begin = 0; begin < order.size(); begin += size_t(settings_.batchSize)) {
        if (callbacks_.shouldStop()) throw Cancelled{};
        const size_t end = std::min(order.size(), begin + size_t(settings_.batchSize));
        std::vector<std::vector<int64_t>> indices(taskCount);
        for (size_t k = begin; k < end; ++k) indices[order[k].first].push_back(order[k].second);
        std::vector<torch::Tensor> pieces;
        for (size_t t = 0; t < taskCount; ++t)
            if (!indices[t].empty())
                pieces.push_back(model::preprocessBatch(testImages(t), indices[t], models_.pretrained.preprocess));
        std::vector<torch::Tensor> layers;
        const auto out = model.encode(torch::cat(pieces).to(settings_.device), routing ? &layers : nullptr).cpu();
        const auto perLayer = layers.empty() ? torch::Tensor() : torch::stack(layers, 1).cpu();  // [B, L, T]
        int64_t row = 0;
        for (size_t t = 0; t < taskCount; ++t) {
            const auto n = int64_t(indices[t].size());
            if (n == 0) continue;
            features[t].push_back(out.slice(0, row, row + n));
            if (perLayer.defined()) routes[t].push_back(perLayer.slice(0, row, row + n));
            row += n;
        }
        callbacks_.report(int64_t(end), int64_t(order.size()), "evaluate " + method);
    }
    std::vector<TaskAccuracy> result;
    if (routing) routing->clear();
    for (size_t t = 0; t < taskCount; ++t) {
        if (!include[t]) continue;
        const auto& name = models_.tasks[t]->name;
        result.push_back(scoreFeatures(name, models_.heads[t], torch::cat(features[t]), testImages(t).labels));
        if (routing && !routes[t].empty()) routing->push_back({name, torch::cat(routes[t])});
    }
    return result;
}

AccuracyRow PoolEvaluator::evaluateShared(const std::string& method, const model::TensorMap& weights) {
    return evaluateWith(method, std::vector<const model::TensorMap*>(models_.tasks.size(), &weights));
}

AccuracyRow PoolEvaluator::evaluateIndividual() {
    if (models_.finetuned.size() != models_.tasks.size()) throw Error("the fine-tuned checkpoints are not loaded");
    std::vector<const model::TensorMap*> weights;
    for (const auto& ft : models_.finetuned) weights.push_back(&ft.tensors);
    return evaluateWith("Individual", weights);
}

double PoolEvaluator::taskIdentifiability() {
    const auto& config = models_.config();
    const auto params = model::VisionParams::fromTensors(config, models_.pretrained.tensors, settings_.device, false);
    std::vector<torch::Tensor> features;
    for (size_t t = 0; t < models_.tasks.size(); ++t)
        features.push_back(torch::nn::functional::normalize(
            imageFeatures(config, params, testImages(t), models_.pretrained.preprocess, settings_),
            torch::nn::functional::NormalizeFuncOptions().dim(1)));
    std::vector<torch::Tensor> centroids;
    for (const auto& f : features) centroids.push_back(f.slice(0, 0, f.size(0), 2).mean(0));
    const auto centroidMatrix = torch::stack(centroids);
    int64_t correct = 0, total = 0;
    for (size_t t = 0; t < features.size(); ++t) {
        const auto held = features[t].slice(0, 1, features[t].size(0), 2);
        correct += torch::cdist(held, centroidMatrix).argmin(1).eq(int64_t(t)).sum().item<int64_t>();
        total += held.size(0);
    }
    return total ? double(correct) / double(total) : 0.0;
}

}  // namespace ms::eval
