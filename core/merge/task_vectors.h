#pragma once
// The elementary pieces every merge builds on (ALGORITHM.md §2): task vectors τt = θt − θ0,
// simple averaging and task arithmetic θ0 + λ Στt, and where a tensor sits in the encoder.
// Float32 results.
#include <string>
#include <vector>

#include "core/model/tensor_io.h"

namespace ms::merge {

using model::TensorMap;
struct MergeInputs;

TensorMap taskVector(const TensorMap& finetuned, const TensorMap& pretrained);
std::vector<TensorMap> taskVectors(const MergeInputs& inputs);
TensorMap simpleAverage(const std::vector<const TensorMap*>& finetuned);
TensorMap taskArithmetic(const TensorMap& pretrained, const std::vector<const TensorMap*>& finetuned, double lambda);
// θ0 + Σt coefficient_t τt over already computed task vectors.
TensorMap addScaled(const TensorMap& pretrained, const std::vector<TensorMap>& taskVectors,
                    const std::vector<double>& coefficients);

// Canonical names: "encoder.layers.3.mlp.fc1.weight" → layer 3, MLP; embeddings and the
// projection → layer -1.
int encoderLayerOf(const std::string& name);
bool isMlpTensor(const std::string& name);
bool isAttentionTensor(const std::string& name);

}  // namespace ms::merge
