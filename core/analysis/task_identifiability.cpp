#include "core/analysis/task_identifiability.h"

#include <algorithm>

#include <torch/torch.h>

#include "core/analysis/image_sample.h"
#include "core/merge/task_vectors.h"
#include "core/model/vision_transformer.h"
#include "core/util/error.h"

namespace ms::analysis {

int TaskIdentifiability::bestLayer() const {
    return perLayer.empty() ? -1 : int(std::max_element(perLayer.begin(), perLayer.end()) - perLayer.begin());
}

double TaskIdentifiability::best() const { return perLayer.empty() ? 0.0 : perLayer[size_t(bestLayer())]; }

torch::Tensor linearProbePredict(const torch::Tensor& trainX, const torch::Tensor& trainY, const torch::Tensor& testX,
                                 int64_t classes, int steps) {
    torch::NoGradGuard outer;
    const auto x = trainX.to(torch::kFloat32);
    const auto mean = x.mean(0, true);
    const auto scale = x.std(0, /*unbiased=*/false, true).clamp_min(1e-6);
    const auto train = (x - mean) / scale;
    const auto test = (testX.to(torch::kFloat32) - mean) / scale;
    // Zero initialisation and full batches: the probe is deterministic.
    auto weight = torch::zeros({x.size(1), classes}, x.options()).requires_grad_(true);
    auto bias = torch::zeros({classes}, x.options()).requires_grad_(true);
    torch::optim::Adam optimizer({weight, bias}, torch::optim::AdamOptions(0.05));
    const auto y = trainY.to(torch::kInt64);
    for (int s = 0; s < steps; ++s) {
        torch::AutoGradMode enable(true);
        const auto loss = torch::nn::functional::cross_entropy(torch::matmul(train, weight) + bias, y) +
                          1e-3 * weight.pow(2).sum();
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
    }
    return (torch::matmul(test, weight) + bias).argmax(1);
}

TaskIdentifiability taskIdentifiability(eval::PoolEvaluator& evaluator, const merge::MergeInputs& inputs,
                                        const model::PreprocessConfig& preprocess,
                                        const IdentifiabilitySettings& settings, const Callbacks& callbacks) {
    inputs.validate();
    const auto& config = inputs.config;
    const auto tasks = int64_t(inputs.taskCount());
    if (tasks < 2) throw Error("identifiability needs at least two tasks to tell apart");
    const auto merged = merge::taskArithmetic(*inputs.pretrained, inputs.finetuned, settings.lambda);
    const auto body = model::VisionParams::fromTensors(config, merged, inputs.device, false);

    // The router input of every layer (token mean of the LN2 output), for every sampled image.
    std::vector<std::vector<torch::Tensor>> perLayer(size_t(config.numLayers));  // [layer][task] → [n, D]
    for (int64_t t = 0; t < tasks; ++t) {
        if (callbacks.shouldStop()) throw Cancelled{};
        const auto sample = sampleImages(evaluator.testImages(size_t(t)), settings.imagesPerTask, preprocess, inputs.device);
        if (sample.count() < 2) throw Error("identifiability needs at least two test images of every task");
        torch::NoGradGuard noGrad;
        model::ForwardOptions forward;
        forward.mlp = [&](int layer, const torch::Tensor& x) {
            perLayer[size_t(layer)].push_back(x.mean(1).to(torch::kCPU));
            const auto& p = body.layers[size_t(layer)];
            return model::denseMlp(x, p.fc1Weight, p.fc1Bias, p.fc2Weight, p.fc2Bias);
        };
        model::encodeImages(config, body, sample.pixels, forward);
        callbacks.report(t + 1, tasks + config.numLayers, "router inputs");
    }

    TaskIdentifiability result;
    result.tasks = inputs.taskNames;
    result.recall = torch::zeros({config.numLayers, tasks}, torch::kFloat64);
    for (int l = 0; l < config.numLayers; ++l) {
        if (callbacks.shouldStop()) throw Cancelled{};
        std::vector<torch::Tensor> trainX, testX, trainY, testY;
        for (int64_t t = 0; t < tasks; ++t) {
            const auto& f = perLayer[size_t(l)][size_t(t)];
            trainX.push_back(f.slice(0, 0, f.size(0), 2));  // even images fit the probe
            testX.push_back(f.slice(0, 1, f.size(0), 2));   // odd ones score it
            trainY.push_back(torch::full({trainX.back().size(0)}, t, torch::kInt64));
            testY.push_back(torch::full({testX.back().size(0)}, t, torch::kInt64));
        }
        const auto predicted = linearProbePredict(torch::cat(trainX), torch::cat(trainY), torch::cat(testX), tasks,
                                                  settings.probeSteps);
        const auto truth = torch::cat(testY);
        const auto hit = predicted.eq(truth).to(torch::kFloat64);
        result.perLayer.push_back(hit.mean().item<double>());
        for (int64_t t = 0; t < tasks; ++t) result.recall[l][t] = hit.index({truth.eq(t)}).mean().item<double>();
        result.heldOutPerTask = testY.front().size(0);
        callbacks.report(tasks + l + 1, tasks + config.numLayers, "task probes");
    }
    return result;
}

}  // namespace ms::analysis
