#include "core/adapt/entropy_adaptation.h"

#include <chrono>
#include <cmath>
#include <numeric>

#include <torch/torch.h>

#include "core/data/synth/rng.h"
#include "core/merge/method_info.h"
#include "core/model/preprocess.h"
#include "core/util/error.h"

namespace ms::adapt {

namespace {

// Fisher–Yates with our own RNG: the same seed draws the same images everywhere.
std::vector<int64_t> permutation(int64_t n, uint64_t seed) {
    std::vector<int64_t> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    data::Rng rng(seed);
    for (int64_t i = n - 1; i > 0; --i) std::swap(order[size_t(i)], order[size_t(rng.integer(0, i))]);
    return order;
}

// Copies the chosen images' pixels into a batch with no labels.
data::ImageBatch pixelsOnly(const data::ImageBatch& images, const std::vector<int64_t>& indices) {
    data::ImageBatch batch;
    batch.height = images.height;
    batch.width = images.width;
    batch.pixels.resize(size_t(images.imageBytes()) * indices.size());
    for (size_t i = 0; i < indices.size(); ++i)
        std::copy_n(images.image(indices[i]), images.imageBytes(), batch.pixels.data() + i * size_t(images.imageBytes()));
    batch.labels.assign(indices.size(), 0);  // placeholders; ImageBatch counts images by its labels
    return batch;
}

}  // namespace

AdaptSettings AdaptSettings::fromParams(const nlohmann::json& params, uint64_t seed) {
    AdaptSettings s;
    s.steps = merge::intParam(params, "steps");
    s.learningRate = merge::realParam(params, "lr");
    s.batchSize = merge::intParam(params, "batch_size");
    s.cosineSchedule = merge::choiceParam(params, "schedule") == "cosine";
    s.seed = seed;
    return s;
}

double AdaptSettings::learningRateAt(int64_t step) const {
    if (!cosineSchedule || steps <= 0) return learningRate;
    return learningRate * 0.5 * (1.0 + std::cos(M_PI * double(step) / double(steps)));
}

torch::Tensor meanEntropy(const torch::Tensor& logits) {
    const auto logp = torch::log_softmax(logits, 1);
    return -(logp.exp() * logp).sum(1).mean();
}

EntropyAdapter::EntropyAdapter(merge::MergedModel& model, std::vector<AdaptTask> tasks,
                               model::PreprocessConfig preprocess, AdaptSettings settings)
    : model_(model), tasks_(std::move(tasks)), preprocess_(std::move(preprocess)), settings_(settings) {
    if (tasks_.empty()) throw Error("test-time adaptation needs at least one task");
    for (auto& t : tasks_) {
        if (!t.images || t.images->count() == 0) throw Error("task '" + t.name + "' has no test images to adapt on");
        t.head = t.head.to(model.device());
    }
    if (settings_.batchSize < 1 || settings_.steps < 0) throw Error("adaptation needs batch size >= 1 and steps >= 0");
    if (model_.trainable().empty()) throw Error("this merge method has nothing to adapt");
}

std::vector<int64_t> EntropyAdapter::batchIndices(size_t task, int64_t step) const {
    const int64_t n = tasks_[task].images->count();
    std::vector<int64_t> out;
    int64_t cachedEpoch = -1;
    std::vector<int64_t> order;
    for (int64_t i = 0; i < settings_.batchSize; ++i) {
        const int64_t position = step * settings_.batchSize + i;
        const int64_t epoch = position / n;
        if (epoch != cachedEpoch) {
            order = permutation(n, data::Rng::streamSeed(data::Rng::streamSeed(settings_.seed, task), uint64_t(epoch)));
            cachedEpoch = epoch;
        }
        out.push_back(order[size_t(position % n)]);
    }
    return out;
}

StepRecord EntropyAdapter::step() {
    const auto start = std::chrono::steady_clock::now();
    const auto params = model_.trainable();
    for (const auto& [name, p] : params)
        if (p.grad().defined()) p.mutable_grad().zero_();
    StepRecord record;
    record.step = stepsDone_ + 1;
    record.learningRate = settings_.learningRateAt(stepsDone_);
    // The loss is a sum over tasks, so back-propagating task by task gives the same gradient with
    // one task's activations alive at a time instead of all of them.
    for (size_t t = 0; t < tasks_.size(); ++t) {
        const auto batch = pixelsOnly(*tasks_[t].images, batchIndices(t, stepsDone_));
        const auto pixels = model::preprocessRange(batch, 0, batch.count(), preprocess_).to(model_.device());
        const auto loss = meanEntropy(tasks_[t].head.logits(model_.encode(pixels)));
        loss.backward();
        record.taskLosses.push_back(loss.item<double>());
        record.loss += record.taskLosses.back();
    }
    adam_.update(params, record.learningRate, record.step);
    ++stepsDone_;
    record.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return record;
}

void EntropyAdapter::run(const Callbacks& callbacks, const std::function<void(const StepRecord&)>& onStep) {
    while (stepsDone_ < settings_.steps) {
        if (callbacks.shouldStop()) throw Cancelled{};
        history_.push_back(step());
        if (onStep) onStep(history_.back());
        callbacks.report(stepsDone_, settings_.steps, "adapt");
    }
}

model::TensorMap EntropyAdapter::resumeState() const {
    auto state = adam_.state();
    state["adapt.steps_done"] = torch::tensor({stepsDone_}, torch::kInt64);
    return state;
}

void EntropyAdapter::restore(const model::TensorMap& state, std::vector<StepRecord> history) {
    auto it = state.find("adapt.steps_done");
    if (it == state.end()) throw Error("the saved state has no 'adapt.steps_done': it cannot be resumed");
    const int64_t done = it->second.to(torch::kInt64).item<int64_t>();
    if (done < 0 || done > settings_.steps)
        throw Error("the saved state has done " + std::to_string(done) + " steps, but this run has " +
                    std::to_string(settings_.steps));
    if (done > 0) adam_.restore(state, model_.trainable());
    stepsDone_ = done;
    history_ = std::move(history);
}

}  // namespace ms::adapt
