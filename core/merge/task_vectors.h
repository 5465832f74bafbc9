#pragma once
// The elementary merges every method builds on (ALGORITHM.md §2): task vectors τt = θt − θ0,
// simple averaging and task arithmetic θ0 + λ Στt. Float32 results.
#include <vector>

#include "core/model/tensor_io.h"

namespace ms::merge {

using model::TensorMap;

TensorMap taskVector(const TensorMap& finetuned, const TensorMap& pretrained);
TensorMap simpleAverage(const std::vector<const TensorMap*>& finetuned);
TensorMap taskArithmetic(const TensorMap& pretrained, const std::vector<const TensorMap*>& finetuned, double lambda);

}  // namespace ms::merge
