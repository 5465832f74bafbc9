#include "core/merge/wemoe_model.h"

#include <torch/torch.h>

#include "core/merge/task_vectors.h"
#include "core/merge/ties.h"
#include "core/util/error.h"

namespace ms::merge {

namespace {

// [W0; τ1; …; τT] for one MLP tensor, on the device.
torch::Tensor stackExperts(const std::string& name, const model::TensorMap& pretrained,
                           const std::vector<model::TensorMap>& vectors, const torch::Device& device) {
    std::vector<torch::Tensor> parts{pretrained.at(name).to(torch::kFloat32)};
    for (const auto& tv : vectors) parts.push_back(tv.at(name));
    return torch::stack(parts).to(device).contiguous();
}

}  // namespace

WemoeModel::WemoeModel(const MergeInputs& inputs, const WemoeOptions& options, const Callbacks& callbacks)
    : MergedModel(inputs.config, inputs.device, inputs.taskNames), options_(options) {
    inputs.validate();
    torch::NoGradGuard noGrad;
    const auto& config = inputs.config;
    callbacks.report(0, 3, "task vectors");
    auto vectors = taskVectors(inputs);

    // 1. Everything but the MLPs: task arithmetic at init_lambda.
    model::TensorMap body;
    for (const auto& [name, base] : *inputs.pretrained) {
        auto merged = base.to(torch::kFloat32, false, /*copy=*/true);
        if (!isMlpTensor(name))
            for (const auto& tv : vectors) merged.add_(tv.at(name), options.initLambda);
        body.emplace(name, merged);
    }
    body_ = model::VisionParams::fromTensors(config, body, inputs.device, false);

    // 2. The MLP task vectors, magnitude-pruned per tensor for E-WEMoE.
    if (options.pruneRatio > 0.0) {
        callbacks.report(1, 3, "prune task vectors");
        std::vector<model::TensorMap> mlpOnly(vectors.size());
        for (size_t t = 0; t < vectors.size(); ++t)
            for (const auto& [name, tv] : vectors[t])
                if (isMlpTensor(name)) mlpOnly[t].emplace(name, tv);
        vectors = trimTaskVectors(mlpOnly, 100.0 * (1.0 - options.pruneRatio), TrimScope::PerTensor);
    }
    callbacks.report(2, 3, "upscale MLPs");
    for (int i = 0; i < config.numLayers; ++i) {
        const auto pre = model::layerPrefix(i) + "mlp.";
        experts_.push_back({stackExperts(pre + "fc1.weight", *inputs.pretrained, vectors, inputs.device),
                            stackExperts(pre + "fc1.bias", *inputs.pretrained, vectors, inputs.device),
                            stackExperts(pre + "fc2.weight", *inputs.pretrained, vectors, inputs.device),
                            stackExperts(pre + "fc2.bias", *inputs.pretrained, vectors, inputs.device)});
    }

    // 3. Routers, initialised from the recipe's seed.
    auto generator = at::make_generator<at::CPUGeneratorImpl>(inputs.seed);
    const int routerCount = options.sharedRouter ? 1 : config.numLayers;
    for (int i = 0; i < routerCount; ++i)
        routers_.emplace_back(options.routerDepth, config.hiddenSize, int64_t(inputs.taskCount()), options.initLambda,
                              generator, inputs.device);
    callbacks.report(3, 3, "done");
}

torch::Tensor WemoeModel::encode(const torch::Tensor& pixels, std::vector<torch::Tensor>* routing) {
    if (routing) routing->clear();
    model::ForwardOptions forward;
    forward.mlp = [&](int layer, const torch::Tensor& mlpInput) {
        auto weights = routerFor(layer).route(mlpInput);  // [B, T]
        if (options_.perBatch) weights = weights.mean(0, /*keepdim=*/true);
        if (routing) routing->push_back(weights.detach().expand({mlpInput.size(0), weights.size(1)}));
        return weightEnsembledMlp(mlpInput, weights, experts_[size_t(layer)]);
    };
    return model::encodeImages(config(), body_, pixels, forward);
}

NamedTensors WemoeModel::trainable() {
    NamedTensors out;
    if (options_.sharedRouter)
        routers_.front().appendTrainable("routers.shared.", out);
    else
        for (size_t i = 0; i < routers_.size(); ++i) routers_[i].appendTrainable("routers." + std::to_string(i) + ".", out);
    return out;
}

int64_t WemoeModel::routerParameterCount() const {
    int64_t n = 0;
    for (const auto& r : routers_) n += r.parameterCount();
    return n;
}

int64_t WemoeModel::expertParameterCount() const {
    int64_t n = 0;
    for (const auto& e : experts_)
        for (const auto& t : {e.fc1Weight, e.fc1Bias, e.fc2Weight, e.fc2Bias}) n += t.numel() / t.size(0) * (t.size(0) - 1);
    return n;
}

}  // namespace ms::merge
