#include "core/analysis/weight_disentanglement.h"

#include <cmath>
#include <limits>

#include <torch/torch.h>

#include "core/analysis/image_sample.h"
#include "core/merge/task_vectors.h"
#include "core/model/vision_transformer.h"
#include "core/util/error.h"

namespace ms::analysis {

double WeightDisentanglement::mean() const {
    if (pairs.empty()) return std::numeric_limits<double>::quiet_NaN();
    double sum = 0.0;
    for (const auto& p : pairs) sum += p.error.mean().item<double>();
    return sum / double(pairs.size());
}

double WeightDisentanglement::atLargest() const {
    if (pairs.empty()) return std::numeric_limits<double>::quiet_NaN();
    double sum = 0.0;
    for (const auto& p : pairs) sum += p.error[p.error.size(0) - 1][p.error.size(1) - 1].item<double>();
    return sum / double(pairs.size());
}

torch::Tensor WeightDisentanglement::pairMeans() const {
    const auto t = int64_t(tasks.size());
    auto m = torch::full({t, t}, std::numeric_limits<double>::quiet_NaN(), torch::kFloat64);
    for (const auto& p : pairs) {
        const double v = p.error.mean().item<double>();
        m[int64_t(p.first)][int64_t(p.second)] = v;
        m[int64_t(p.second)][int64_t(p.first)] = v;
    }
    return m;
}

WeightDisentanglement weightDisentanglement(eval::PoolEvaluator& evaluator, const merge::MergeInputs& inputs,
                                            const model::PreprocessConfig& preprocess,
                                            const DisentanglementSettings& settings, const Callbacks& callbacks) {
    inputs.validate();
    const auto tasks = inputs.taskCount();
    if (tasks < 2) throw Error("disentanglement needs at least two tasks");
    if (settings.alphas.empty()) throw Error("disentanglement needs at least one α");
    auto pairs = settings.pairs;
    if (pairs.empty())
        for (size_t s = 0; s < tasks; ++s)
            for (size_t t = s + 1; t < tasks; ++t) pairs.emplace_back(s, t);
    for (const auto& [s, t] : pairs)
        if (s >= tasks || t >= tasks || s == t) throw Error("disentanglement: a pair must name two different chosen tasks");

    const auto& config = inputs.config;
    const auto vectors = merge::taskVectors(inputs);
    const auto heads = evaluator.adaptationTasks();
    std::vector<ImageSample> samples;
    for (size_t t = 0; t < tasks; ++t)
        samples.push_back(sampleImages(evaluator.testImages(t), settings.imagesPerTask, preprocess, inputs.device));

    torch::NoGradGuard noGrad;
    // Predictions of task `task`'s images under its head, with θ0 + Σ coefficients · vectors.
    auto predict = [&](size_t task, const std::vector<model::TensorMap>& taskVectors, const std::vector<double>& coefficients) {
        const auto weights = merge::addScaled(*inputs.pretrained, taskVectors, coefficients);
        const auto body = model::VisionParams::fromTensors(config, weights, inputs.device, false);
        const auto head = heads[task].head.to(inputs.device);
        return head.logits(model::encodeImages(config, body, samples[task].pixels)).argmax(1);
    };

    const auto grid = int64_t(settings.alphas.size());
    // Each task alone at each α, on its own images: the reference every pair is compared with.
    std::vector<std::vector<torch::Tensor>> alone(tasks);
    for (size_t t = 0; t < tasks; ++t)
        for (const double a : settings.alphas) alone[t].push_back(predict(t, {vectors[t]}, {a}));

    WeightDisentanglement result;
    result.tasks = inputs.taskNames;
    result.alphas = settings.alphas;
    const int64_t work = int64_t(pairs.size()) * grid * grid;
    int64_t done = 0;
    for (const auto& [s, t] : pairs) {
        DisentanglementPair pair{s, t, torch::zeros({grid, grid}, torch::kFloat64)};
        for (int64_t i = 0; i < grid; ++i)
            for (int64_t j = 0; j < grid; ++j) {
                if (callbacks.shouldStop()) throw Cancelled{};
                const std::vector<model::TensorMap> both{vectors[s], vectors[t]};
                const std::vector<double> coefficients{settings.alphas[size_t(i)], settings.alphas[size_t(j)]};
                const double changedFirst = predict(s, both, coefficients).ne(alone[s][size_t(i)]).to(torch::kFloat64).mean().item<double>();
                const double changedSecond = predict(t, both, coefficients).ne(alone[t][size_t(j)]).to(torch::kFloat64).mean().item<double>();
                pair.error[i][j] = 0.5 * (changedFirst + changedSecond);
                callbacks.report(++done, work, "disentanglement");
            }
        result.pairs.push_back(std::move(pair));
    }
    return result;
}

}  // namespace ms::analysis
