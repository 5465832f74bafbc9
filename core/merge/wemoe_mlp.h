#pragma once
// The weight-ensembling MLP of WEMoE (ALGORITHM.md §3, §7), exact and lean.
//
// For sample b with routing weights r_b ∈ R^T, every MLP tensor is W_b = W0 + Σt r_b,t τt and
// y_b = fc2_b(QuickGELU(fc1_b(x_b))). The reference materialises W_b per sample and keeps it for
// the backward pass (≈ 227 MB per sample at ViT-B/32). Here:
//  - training uses a custom autograd function that mixes OUTPUTS instead of weights,
//        x W_bᵀ = Σ_{t=0..T} c_b,t (x S_tᵀ),   c_b = [1, r_b],  S_0 = W0, S_t = τt,
//    one GEMM of all tokens against the stacked [W0; τ1; …; τT]. It saves only the MLP input and
//    the fc1 pre-activation, and gets the router gradient in closed form in the backward pass:
//        dL/dr_b,t = ⟨dL/dW_b, τt⟩ = Σ_n ⟨dL/dh_bn · τt, x_bn⟩  (two more GEMMs);
//  - inference with one set of coefficients for the whole batch (one image, or per-batch
//    routing) materialises that single W, one pass over the task vectors.
#include <torch/types.h>

namespace ms::merge {

// The pretrained MLP of a layer and its task vectors, stacked: index 0 is W0, index t ≥ 1 is τt.
struct MlpExperts {
    torch::Tensor fc1Weight;  // [T+1, F, D]
    torch::Tensor fc1Bias;    // [T+1, F]
    torch::Tensor fc2Weight;  // [T+1, D, F]
    torch::Tensor fc2Bias;    // [T+1, D]

    int64_t taskCount() const { return fc1Weight.size(0) - 1; }
};

// x [B, N, D]; routing [B, T] (per sample) or [1, T] (one set for the whole batch) → [B, N, D].
// Differentiable in x and routing; the experts are constants.
torch::Tensor weightEnsembledMlp(const torch::Tensor& x, const torch::Tensor& routing, const MlpExperts& experts);

}  // namespace ms::merge
