#pragma once
// One pre-LN transformer layer of CLIP, as both of its towers use it (Hugging Face's
// CLIPEncoderLayer): x + attn(LN1(x)), then + MLP(LN2(x)). The parameters are a plain struct, the
// layer a function of them; the towers differ only in the attention mask and the activation.
#include <string>

#include <torch/types.h>

namespace ms::model {

struct EncoderLayerParams {
    torch::Tensor layerNorm1Weight, layerNorm1Bias;
    torch::Tensor qWeight, qBias, kWeight, kBias, vWeight, vBias, outWeight, outBias;
    torch::Tensor layerNorm2Weight, layerNorm2Bias;
    torch::Tensor fc1Weight, fc1Bias, fc2Weight, fc2Bias;
};

// Binds the layer's tensor names (after `prefix`, e.g. "encoder.layers.3.") to its fields, in the
// order checkpoints list them, so that loading and saving cannot drift apart.
template <typename Layer, typename Visit>
void forEachEncoderLayerField(Layer& l, const std::string& prefix, Visit&& visit) {
    visit(prefix + "self_attn.k_proj.weight", l.kWeight);
    visit(prefix + "self_attn.k_proj.bias", l.kBias);
    visit(prefix + "self_attn.v_proj.weight", l.vWeight);
    visit(prefix + "self_attn.v_proj.bias", l.vBias);
    visit(prefix + "self_attn.q_proj.weight", l.qWeight);
    visit(prefix + "self_attn.q_proj.bias", l.qBias);
    visit(prefix + "self_attn.out_proj.weight", l.outWeight);
    visit(prefix + "self_attn.out_proj.bias", l.outBias);
    visit(prefix + "layer_norm1.weight", l.layerNorm1Weight);
    visit(prefix + "layer_norm1.bias", l.layerNorm1Bias);
    visit(prefix + "mlp.fc1.weight", l.fc1Weight);
    visit(prefix + "mlp.fc1.bias", l.fc1Bias);
    visit(prefix + "mlp.fc2.weight", l.fc2Weight);
    visit(prefix + "mlp.fc2.bias", l.fc2Bias);
    visit(prefix + "layer_norm2.weight", l.layerNorm2Weight);
    visit(prefix + "layer_norm2.bias", l.layerNorm2Bias);
}

// Multi-head self-attention of x [B, N, D]; `additiveMask` [N, N] (e.g. -inf above the diagonal
// for the text tower's causal mask) is added to the scores when defined.
torch::Tensor selfAttention(const torch::Tensor& x, const EncoderLayerParams& l, int heads,
                            const torch::Tensor& additiveMask = {});

torch::Tensor quickGelu(const torch::Tensor& x);

// The dense CLIP MLP: fc2(QuickGELU(fc1(x))).
torch::Tensor denseMlp(const torch::Tensor& x, const torch::Tensor& fc1Weight, const torch::Tensor& fc1Bias,
                       const torch::Tensor& fc2Weight, const torch::Tensor& fc2Bias);

}  // namespace ms::model
