#pragma once
// How task vectors relate (ALGORITHM.md §6): cosine similarity between tasks, over the whole
// model, one layer, or only attention or MLP tensors; and TIES' sign-conflict rate per layer.
#include <string>
#include <vector>

#include <torch/types.h>

#include "core/merge/task_vectors.h"

namespace ms::analysis {

enum class TensorGroup { All, Attention, Mlp };

struct VectorScope {
    int layer = -2;  // -2: every layer and the embeddings; -1: only tensors outside the layers; ≥ 0: that layer
    TensorGroup group = TensorGroup::All;
    bool includes(const std::string& name) const;
    std::string describe() const;
};

// [T, T] cosine similarity of the task vectors restricted to `scope`.
torch::Tensor cosineMatrix(const std::vector<merge::TensorMap>& vectors, const VectorScope& scope = {});

// [T, T, L] cosine per encoder layer, in one pass.
torch::Tensor cosinePerLayer(const std::vector<merge::TensorMap>& vectors, int layers, TensorGroup group = TensorGroup::All);

struct SignConflicts {
    std::vector<double> perLayer;  // fraction of contested entries in each encoder layer
    double overall = 0.0;
};
// After trimming each task vector to its top-k % (TIES' trim, whole-model scope), the fraction of
// entries where at least two tasks keep a value AND their signs disagree, per encoder layer.
SignConflicts signConflictRate(const std::vector<merge::TensorMap>& vectors, int layers, double keepPercent = 20.0);

}  // namespace ms::analysis
