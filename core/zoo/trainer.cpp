#include "core/zoo/trainer.h"

#include <chrono>
#include <cmath>
#include <random>

#include <torch/torch.h>

#include "core/adapt/entropy_adaptation.h"
#include "core/util/error.h"

namespace ms::zoo {

namespace F = torch::nn::functional;

torch::Tensor cosineLogits(const torch::Tensor& features, const torch::Tensor& classWeights, double logitScale) {
    const auto f = F::normalize(features, F::NormalizeFuncOptions().dim(-1));
    const auto w = F::normalize(classWeights, F::NormalizeFuncOptions().dim(-1));
    return logitScale * torch::matmul(f, w.t());
}

torch::Tensor classPrototypes(const torch::Tensor& features, const torch::Tensor& labels, int64_t classes,
                              bool centred) {
    const auto f = F::normalize(features.to(torch::kFloat32), F::NormalizeFuncOptions().dim(-1));
    auto sums = torch::zeros({classes, f.size(1)});
    sums.index_add_(0, labels.to(torch::kInt64), f);
    const auto counts = torch::bincount(labels.to(torch::kInt64), {}, classes);
    if (counts.eq(0).any().item<bool>()) throw Error("cannot fit a head: a class has no training images");
    auto means = F::normalize(sums, F::NormalizeFuncOptions().dim(-1));
    if (centred) means = means - means.mean(0, /*keepdim=*/true);
    return F::normalize(means, F::NormalizeFuncOptions().dim(-1));
}

torch::Tensor fitLinearProbe(const torch::Tensor& features, const torch::Tensor& labels, int64_t classes,
                             double logitScale, int steps, double learningRate) {
    const auto f = features.to(torch::kFloat32).detach();
    const auto y = labels.to(torch::kInt64);
    auto weights = classPrototypes(f, y, classes, /*centred=*/true).clone().requires_grad_(true);
    torch::optim::Adam optimizer({weights}, torch::optim::AdamOptions(learningRate));
    for (int s = 0; s < steps; ++s) {
        const auto loss = F::cross_entropy(cosineLogits(f, weights, logitScale), y);
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
    }
    weights.requires_grad_(false);
    return F::normalize(weights.detach(), F::NormalizeFuncOptions().dim(-1));
}

namespace {

double scheduledRate(double peak, int64_t step, int64_t total, double warmupFraction) {
    const auto warmup = std::max<int64_t>(1, int64_t(std::llround(warmupFraction * double(total))));
    if (step < warmup) return peak * double(step + 1) / double(warmup);
    const double progress = double(step - warmup) / double(std::max<int64_t>(1, total - warmup));
    return peak * 0.5 * (1.0 + std::cos(M_PI * std::min(1.0, progress)));
}

// Shifts groups of images by random offsets (with wrap-around): cheap translation jitter.
torch::Tensor randomShift(const torch::Tensor& batch, int maxShift, std::mt19937_64& rng) {
    if (maxShift <= 0) return batch;
    constexpr int64_t kGroups = 4;
    auto chunks = batch.chunk(kGroups, 0);
    std::vector<torch::Tensor> shifted;
    for (auto& chunk : chunks) {
        const int64_t dy = int64_t(rng() % uint64_t(2 * maxShift + 1)) - maxShift;
        const int64_t dx = int64_t(rng() % uint64_t(2 * maxShift + 1)) - maxShift;
        shifted.push_back(torch::roll(chunk, {dy, dx}, {2, 3}));
    }
    return torch::cat(shifted);
}

}  // namespace

TrainStats trainClassifier(const model::VisionConfig& config, model::VisionParams& body, torch::Tensor& classWeights,
                           bool trainHead, double logitScale, const torch::Tensor& inputs, const torch::Tensor& labels,
                           const TrainSettings& settings, const Callbacks& callbacks, const std::string& stage) {
    const int64_t n = inputs.size(0);
    if (n == 0) throw Error("cannot train on zero images");
    const auto start = std::chrono::steady_clock::now();
    // Two groups: the MLPs at the scheduled rate, everything else at nonMlpLearningRateScale times it.
    const auto named = body.toTensors();
    std::vector<torch::Tensor> mlp, other, params;
    for (const auto& [name, t] : named) {
        t.requires_grad_(true);
        (name.find(".mlp.fc") != std::string::npos ? mlp : other).push_back(t);
    }
    if (trainHead) {
        classWeights.requires_grad_(true);
        other.push_back(classWeights);
    } else {
        classWeights.requires_grad_(false);
    }
    params = mlp;
    params.insert(params.end(), other.begin(), other.end());
    const std::vector<double> groupScale{1.0, settings.nonMlpLearningRateScale};
    torch::optim::AdamW optimizer(
        std::vector<torch::optim::OptimizerParamGroup>{torch::optim::OptimizerParamGroup(mlp), torch::optim::OptimizerParamGroup(other)},
        torch::optim::AdamWOptions(settings.learningRate).weight_decay(settings.weightDecay));

    const bool replay = settings.replayWeight > 0.0, outliers = settings.outlierWeight > 0.0;
    if ((replay || outliers) && (!settings.replayInputs.defined() || settings.replayInputs.size(0) == 0))
        throw Error(stage + ": pretraining replay and outlier exposure need images to draw from");
    if (replay && (!settings.replayTargets.defined() || settings.replayInputs.size(0) != settings.replayTargets.size(0)))
        throw Error(stage + ": pretraining replay needs as many target features as replay images");
    const int64_t replayBatch = (replay || outliers) ? std::min(settings.replayBatch, settings.replayInputs.size(0)) : 0;
    const int64_t batch = std::min(settings.batchSize, n);
    const int64_t stepsPerEpoch = n / batch;  // drop the ragged tail: equal-sized steps
    const int64_t totalSteps = stepsPerEpoch * settings.epochs;
    std::mt19937_64 rng(settings.seed);
    torch::manual_seed(settings.seed);

    TrainStats stats;
    std::vector<int64_t> order(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) order[size_t(i)] = i;
    for (int epoch = 0; epoch < settings.epochs; ++epoch) {
        for (int64_t i = n - 1; i > 0; --i) std::swap(order[size_t(i)], order[size_t(rng() % uint64_t(i + 1))]);
        const auto permutation = torch::tensor(order, torch::kInt64);
        double lossSum = 0.0, driftSum = 0.0, outlierEntropySum = 0.0;
        int64_t correct = 0, seen = 0;
        for (int64_t s = 0; s < stepsPerEpoch; ++s) {
            if (callbacks.shouldStop()) throw Cancelled{};
            const auto index = permutation.slice(0, s * batch, (s + 1) * batch);
            const auto x = randomShift(inputs.index_select(0, index), settings.maxShiftPixels, rng).to(settings.device);
            const auto y = labels.index_select(0, index).to(settings.device);
            const double lr = scheduledRate(settings.learningRate, stats.steps, totalSteps, settings.warmupFraction);
            for (size_t g = 0; g < optimizer.param_groups().size(); ++g)
                static_cast<torch::optim::AdamWOptions&>(optimizer.param_groups()[g].options()).lr(lr * groupScale[g]);

            const auto rows = settings.headRowProjectors.defined()
                                  ? torch::bmm(classWeights.unsqueeze(1), settings.headRowProjectors).squeeze(1)
                                  : classWeights;
            const auto logits = cosineLogits(model::encodeImages(config, body, x), rows, logitScale);
            const auto crossEntropy = F::cross_entropy(logits, y);
            auto loss = crossEntropy;
            if (replay || outliers) {
                const auto index = torch::randint(settings.replayInputs.size(0), {replayBatch}, torch::kInt64);
                const auto features = model::encodeImages(config, body, settings.replayInputs.index_select(0, index).to(settings.device));
                if (replay) {
                    const auto drift = F::normalize(features, F::NormalizeFuncOptions().dim(-1)) -
                                       F::normalize(settings.replayTargets.index_select(0, index).to(settings.device),
                                                    F::NormalizeFuncOptions().dim(-1));
                    const auto meanDrift = drift.pow(2).sum(1).mean();
                    driftSum += meanDrift.item<double>();
                    loss = loss + settings.replayWeight * meanDrift;
                }
                if (outliers) {
                    const auto z = cosineLogits(features, rows, logitScale);
                    const auto toUniform = (torch::logsumexp(z, 1) - z.mean(1)).mean();
                    outlierEntropySum += adapt::meanEntropy(z.detach()).item<double>();
                    loss = loss + settings.outlierWeight * toUniform;
                }
            }
            optimizer.zero_grad();
            loss.backward();
            if (settings.gradientClip > 0) torch::nn::utils::clip_grad_norm_(params, settings.gradientClip);
            optimizer.step();

            if (!std::isfinite(loss.item<double>()))
                throw Error(stage + ": the training loss diverged (not a finite number)");
            lossSum += crossEntropy.item<double>();
            correct += logits.argmax(1).eq(y).sum().item<int64_t>();
            seen += batch;
            ++stats.steps;
            callbacks.report(stats.steps, totalSteps, stage);
        }
        stats.epochLoss.push_back(lossSum / double(std::max<int64_t>(1, stepsPerEpoch)));
        if (replay) stats.epochReplayDrift.push_back(driftSum / double(std::max<int64_t>(1, stepsPerEpoch)));
        if (outliers) stats.epochOutlierEntropy.push_back(outlierEntropySum / double(std::max<int64_t>(1, stepsPerEpoch)));
        stats.trainAccuracy = seen ? double(correct) / double(seen) : 0.0;
    }
    for (auto& p : params) p.requires_grad_(false);
    stats.finalLoss = stats.epochLoss.empty() ? 0.0 : stats.epochLoss.back();
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    stats.imagesPerSecond = stats.seconds > 0 ? double(stats.steps * batch) / stats.seconds : 0.0;
    return stats;
}

}  // namespace ms::zoo
