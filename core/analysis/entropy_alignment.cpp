#include "core/analysis/entropy_alignment.h"

#include <random>

#include <torch/torch.h>

#include "core/adapt/adam.h"
#include "core/adapt/entropy_adaptation.h"
#include "core/analysis/image_sample.h"
#include "core/merge/wemoe_model.h"
#include "core/util/error.h"

namespace ms::analysis {

int EntropyAlignment::within(double points) const {
    int n = 0;
    for (const auto& t : tasks) n += t.gap() <= points / 100.0 ? 1 : 0;
    return n;
}

const TaskAlignment* EntropyAlignment::worst() const {
    const TaskAlignment* w = nullptr;
    for (const auto& t : tasks)
        if (!w || t.gap() > w->gap()) w = &t;
    return w;
}

namespace {

enum class Objective { Entropy, CrossEntropy };

// Every layer's coefficients [T], in layer order, set from a [L, T] matrix.
void setCoefficients(merge::NamedTensors& coefficients, const torch::Tensor& values) {
    torch::NoGradGuard noGrad;
    for (size_t l = 0; l < coefficients.size(); ++l)
        coefficients[l].second.copy_(values[int64_t(l)].to(coefficients[l].second.options()));
}

torch::Tensor currentCoefficients(const merge::NamedTensors& coefficients) {
    std::vector<torch::Tensor> rows;
    for (const auto& [name, c] : coefficients) rows.push_back(c.detach().to(torch::kCPU, torch::kFloat64));
    return torch::stack(rows);
}

AlignmentPoint measure(merge::WemoeModel& model, const merge::NamedTensors& coefficients,
                       const model::ClassificationHead& head, const ImageSample& sample) {
    torch::NoGradGuard noGrad;
    const auto logits = head.logits(model.encode(sample.pixels));
    return {logits.argmax(1).eq(sample.labels).to(torch::kFloat64).mean().item<double>(),
            adapt::meanEntropy(logits).item<double>(),
            torch::nn::functional::cross_entropy(logits, sample.labels).item<double>(), currentCoefficients(coefficients)};
}

}  // namespace

EntropyAlignment entropyAlignment(eval::PoolEvaluator& evaluator, const merge::MergeInputs& inputs,
                                  const model::PreprocessConfig& preprocess, const AlignmentSettings& settings,
                                  const Callbacks& callbacks) {
    if (settings.steps < 1 || settings.batchSize < 1 || !(settings.learningRate > 0))
        throw Error("alignment needs at least one step, a batch of at least one image and a positive learning rate");
    merge::WemoeOptions options;
    options.routerDepth = 0;  // one free coefficient per layer and task vector
    options.initLambda = settings.lambda;
    merge::WemoeModel model(inputs, options);
    auto coefficients = model.trainable();
    const auto tasks = int64_t(inputs.taskCount());
    const auto layers = int64_t(coefficients.size());
    const auto heads = evaluator.adaptationTasks();
    const auto start = torch::full({layers, tasks}, settings.lambda, torch::kFloat64);

    EntropyAlignment result;
    const int64_t work = tasks * 2 * settings.steps;
    int64_t done = 0;
    for (int64_t t = 0; t < tasks; ++t) {
        const auto sample = sampleImages(evaluator.testImages(size_t(t)), settings.imagesPerTask, preprocess, model.device());
        const auto head = heads[size_t(t)].head.to(model.device());
        TaskAlignment task;
        task.task = inputs.taskNames[size_t(t)];
        setCoefficients(coefficients, start);
        task.start = measure(model, coefficients, head, sample);
        auto oracle = torch::zeros({layers, tasks}, torch::kFloat64);
        oracle.select(1, t).fill_(1.0);
        setCoefficients(coefficients, oracle);
        task.oracle = measure(model, coefficients, head, sample);

        for (const auto objective : {Objective::Entropy, Objective::CrossEntropy}) {
            setCoefficients(coefficients, start);
            adapt::Adam adam;
            std::mt19937_64 rng(settings.seed + uint64_t(t));
            const int64_t n = sample.count(), batch = std::min(settings.batchSize, n);
            std::vector<int64_t> order(size_t(n), 0);
            for (int64_t i = 0; i < n; ++i) order[size_t(i)] = i;
            int64_t cursor = n;  // reshuffle before the first batch
            for (int64_t step = 1; step <= settings.steps; ++step) {
                if (callbacks.shouldStop()) throw Cancelled{};
                if (cursor + batch > n) {
                    for (int64_t i = n - 1; i > 0; --i) std::swap(order[size_t(i)], order[size_t(rng() % uint64_t(i + 1))]);
                    cursor = 0;
                }
                const auto index = torch::tensor(std::vector<int64_t>(order.begin() + cursor, order.begin() + cursor + batch))
                                       .to(model.device());
                cursor += batch;
                const auto logits = head.logits(model.encode(sample.pixels.index_select(0, index)));
                const auto loss = objective == Objective::Entropy
                                      ? adapt::meanEntropy(logits)
                                      : torch::nn::functional::cross_entropy(logits, sample.labels.index_select(0, index));
                for (auto& [name, c] : coefficients)
                    if (c.grad().defined()) c.mutable_grad().zero_();
                loss.backward();
                adam.update(coefficients, settings.learningRate, step);
                callbacks.report(++done, work, "alignment " + task.task);
            }
            (objective == Objective::Entropy ? task.entropyOptimal : task.crossEntropyOptimal) =
                measure(model, coefficients, head, sample);
        }
        result.tasks.push_back(std::move(task));
    }
    return result;
}

}  // namespace ms::analysis
