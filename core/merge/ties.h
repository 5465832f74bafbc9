#pragma once
// The three steps of TIES-merging (Yadav et al., NeurIPS 2023), exposed one by one so the
// teaching view can step through them and the analyses can count sign conflicts.
#include <string>
#include <vector>

#include "core/merge/task_vectors.h"

namespace ms::merge {

enum class TrimScope {
    WholeModel,  // one threshold per task over all of its entries (FusionBench)
    PerTensor,   // one threshold per task and tensor (MergeKit)
};
enum class DisjointMerge { Mean, Sum, Max };

TrimScope parseTrimScope(const std::string& id);          // "whole_model" | "per_tensor"
DisjointMerge parseDisjointMerge(const std::string& id);  // "mean" | "sum" | "max"

// 1. Trim: keeps the `keepPercent` % of entries of largest magnitude of each task vector and
//    zeroes the rest. Entries tied with the threshold are kept.
std::vector<TensorMap> trimTaskVectors(const std::vector<TensorMap>& vectors, double keepPercent, TrimScope scope);
// 2. Elect: the sign of Σt trimmed τt per entry (+1, −1, or 0 where the sum is 0).
TensorMap electSigns(const std::vector<TensorMap>& trimmed);
// 3. Disjoint merge over the entries whose sign agrees with the elected one: their mean, sum,
//    or the one of largest magnitude.
TensorMap disjointMerge(const std::vector<TensorMap>& trimmed, const TensorMap& signs, DisjointMerge how);

}  // namespace ms::merge
