#include "core/model/vision_transformer.h"

#include <cmath>

#include <torch/torch.h>

#include "core/util/error.h"

namespace ms::model {

namespace {

// One table binds canonical names to struct fields, so loading and saving cannot drift apart.
template <typename Params, typename Visit>
void forEachField(Params& p, Visit&& visit) {
    visit("embeddings.class_embedding", p.classEmbedding);
    visit("embeddings.patch_embedding.weight", p.patchWeight);
    visit("embeddings.position_embedding.weight", p.positionEmbedding);
    visit("pre_layrnorm.weight", p.preLayerNormWeight);
    visit("pre_layrnorm.bias", p.preLayerNormBias);
    for (size_t i = 0; i < p.layers.size(); ++i) forEachEncoderLayerField(p.layers[i], layerPrefix(int(i)), visit);
    visit("post_layernorm.weight", p.postLayerNormWeight);
    visit("post_layernorm.bias", p.postLayerNormBias);
    visit("visual_projection.weight", p.projection);
}

}  // namespace

VisionParams VisionParams::fromTensors(const VisionConfig& config, const TensorMap& tensors,
                                       const torch::Device& device, bool copy) {
    VisionParams p;
    p.layers.resize(size_t(config.numLayers));
    forEachField(p, [&](const std::string& name, torch::Tensor& field) {
        auto it = tensors.find(name);
        if (it == tensors.end()) throw Error("model parameters lack tensor '" + name + "'");
        field = it->second.to(device, torch::kFloat32, /*non_blocking=*/false, /*copy=*/copy);
    });
    return p;
}

TensorMap VisionParams::toTensors() const {
    TensorMap out;
    forEachField(*this, [&](const std::string& name, const torch::Tensor& field) {
        if (field.defined()) out.emplace(name, field);
    });
    return out;
}

std::vector<torch::Tensor> VisionParams::all() const {
    std::vector<torch::Tensor> out;
    forEachField(*this, [&](const std::string&, const torch::Tensor& field) {
        if (field.defined()) out.push_back(field);
    });
    return out;
}

void VisionParams::setRequiresGrad(bool requiresGrad) {
    for (auto& t : all()) t.requires_grad_(requiresGrad);
}

torch::Tensor selfAttention(const torch::Tensor& x, const EncoderLayerParams& l, int heads,
                            const torch::Tensor& additiveMask) {
    const int64_t batch = x.size(0), tokens = x.size(1), width = x.size(2);
    const int64_t headDim = width / heads;
    const double scale = 1.0 / std::sqrt(double(headDim));
    auto split = [&](const torch::Tensor& t) { return t.view({batch, tokens, heads, headDim}).transpose(1, 2); };
    const auto q = split(torch::nn::functional::linear(x, l.qWeight, l.qBias) * scale);
    const auto k = split(torch::nn::functional::linear(x, l.kWeight, l.kBias));
    const auto v = split(torch::nn::functional::linear(x, l.vWeight, l.vBias));
    auto scores = torch::matmul(q, k.transpose(-2, -1));
    if (additiveMask.defined()) scores = scores + additiveMask;
    const auto weights = torch::softmax(scores, -1);
    const auto mixed = torch::matmul(weights, v).transpose(1, 2).reshape({batch, tokens, width});
    return torch::nn::functional::linear(mixed, l.outWeight, l.outBias);
}

torch::Tensor quickGelu(const torch::Tensor& x) { return x * torch::sigmoid(1.702 * x); }

torch::Tensor denseMlp(const torch::Tensor& x, const torch::Tensor& fc1Weight, const torch::Tensor& fc1Bias,
                       const torch::Tensor& fc2Weight, const torch::Tensor& fc2Bias) {
    namespace F = torch::nn::functional;
    return F::linear(quickGelu(F::linear(x, fc1Weight, fc1Bias)), fc2Weight, fc2Bias);
}

torch::Tensor encodeImages(const VisionConfig& config, const VisionParams& p, const torch::Tensor& pixels,
                           const ForwardOptions& options) {
    namespace F = torch::nn::functional;
    if (pixels.dim() != 4 || pixels.size(1) != config.numChannels || pixels.size(2) != config.imageSize ||
        pixels.size(3) != config.imageSize)
        throw Error("images of shape " + io::describeShape({pixels.sizes().begin(), pixels.sizes().end()}) +
                    " do not fit the model, which takes [B, " + std::to_string(config.numChannels) + ", " +
                    std::to_string(config.imageSize) + ", " + std::to_string(config.imageSize) + "]");
    const int64_t batch = pixels.size(0);
    const double eps = config.layerNormEps;
    const std::vector<int64_t> width{config.hiddenSize};

    auto patches = F::conv2d(pixels, p.patchWeight, F::Conv2dFuncOptions().stride(config.patchSize));
    patches = patches.flatten(2).transpose(1, 2);  // [B, grid², D]
    const auto cls = p.classEmbedding.view({1, 1, -1}).expand({batch, 1, config.hiddenSize});
    auto h = torch::cat({cls, patches}, 1) + p.positionEmbedding.unsqueeze(0);
    h = torch::layer_norm(h, width, p.preLayerNormWeight, p.preLayerNormBias, eps);

    for (int i = 0; i < config.numLayers; ++i) {
        const auto& l = p.layers[size_t(i)];
        h = h + selfAttention(torch::layer_norm(h, width, l.layerNorm1Weight, l.layerNorm1Bias, eps), l, config.numHeads);
        const auto mlpInput = torch::layer_norm(h, width, l.layerNorm2Weight, l.layerNorm2Bias, eps);
        h = h + (options.mlp ? options.mlp(i, mlpInput)
                             : denseMlp(mlpInput, l.fc1Weight, l.fc1Bias, l.fc2Weight, l.fc2Bias));
    }
    const auto pooled = torch::layer_norm(h.select(1, 0), width, p.postLayerNormWeight, p.postLayerNormBias, eps);
    return F::linear(pooled, p.projection);
}

}  // namespace ms::model
