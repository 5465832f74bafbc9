#include "core/analysis/task_vector_geometry.h"

#include <torch/torch.h>

#include "core/merge/ties.h"
#include "core/util/error.h"

namespace ms::analysis {

bool VectorScope::includes(const std::string& name) const {
    if (group == TensorGroup::Attention && !merge::isAttentionTensor(name)) return false;
    if (group == TensorGroup::Mlp && !merge::isMlpTensor(name)) return false;
    return layer == -2 || merge::encoderLayerOf(name) == layer;
}

std::string VectorScope::describe() const {
    std::string what = group == TensorGroup::Attention ? "attention" : group == TensorGroup::Mlp ? "MLP" : "all";
    if (layer == -2) return what + " tensors, whole model";
    if (layer == -1) return what + " tensors outside the encoder layers";
    return what + " tensors of layer " + std::to_string(layer);
}

torch::Tensor cosineMatrix(const std::vector<merge::TensorMap>& vectors, const VectorScope& scope) {
    torch::NoGradGuard noGrad;
    const auto tasks = int64_t(vectors.size());
    auto gram = torch::zeros({tasks, tasks}, torch::kFloat64);
    bool any = false;
    for (const auto& [name, first] : vectors.front()) {
        if (!scope.includes(name)) continue;
        any = true;
        std::vector<torch::Tensor> rows;
        for (const auto& tv : vectors) rows.push_back(tv.at(name).flatten().to(torch::kFloat64));
        const auto stacked = torch::stack(rows);
        gram += torch::mm(stacked, stacked.t());
    }
    if (!any) throw Error("no tensor matches the scope '" + scope.describe() + "'");
    const auto norms = gram.diagonal().sqrt().clamp_min(1e-300);
    return gram / torch::outer(norms, norms);
}

torch::Tensor cosinePerLayer(const std::vector<merge::TensorMap>& vectors, int layers, TensorGroup group) {
    std::vector<torch::Tensor> perLayer;
    for (int l = 0; l < layers; ++l) perLayer.push_back(cosineMatrix(vectors, {l, group}));
    return torch::stack(perLayer, 2);
}

SignConflicts signConflictRate(const std::vector<merge::TensorMap>& vectors, int layers, double keepPercent) {
    torch::NoGradGuard noGrad;
    const auto trimmed = merge::trimTaskVectors(vectors, keepPercent, merge::TrimScope::WholeModel);
    std::vector<double> conflicts(size_t(layers), 0.0), entries(size_t(layers), 0.0);
    double totalConflicts = 0.0, totalEntries = 0.0;
    for (const auto& [name, first] : trimmed.front()) {
        auto positive = torch::zeros(first.sizes(), torch::kInt32);
        auto negative = torch::zeros(first.sizes(), torch::kInt32);
        for (const auto& tv : trimmed) {
            positive += tv.at(name).gt(0).to(torch::kInt32);
            negative += tv.at(name).lt(0).to(torch::kInt32);
        }
        const double conflicted = (positive.gt(0) & negative.gt(0)).sum().item<double>();
        const double n = double(first.numel());
        totalConflicts += conflicted;
        totalEntries += n;
        const int layer = merge::encoderLayerOf(name);
        if (layer >= 0 && layer < layers) {
            conflicts[size_t(layer)] += conflicted;
            entries[size_t(layer)] += n;
        }
    }
    SignConflicts out;
    for (int l = 0; l < layers; ++l) out.perLayer.push_back(entries[size_t(l)] > 0 ? conflicts[size_t(l)] / entries[size_t(l)] : 0.0);
    out.overall = totalEntries > 0 ? totalConflicts / totalEntries : 0.0;
    return out;
}

}  // namespace ms::analysis
