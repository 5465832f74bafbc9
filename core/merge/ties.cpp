#include "core/merge/ties.h"

#include <cmath>

#include <torch/torch.h>

#include "core/util/error.h"

namespace ms::merge {

namespace {

// Magnitude at or above which `keepPercent` % of `magnitudes` (flat) lie; +inf keeps nothing.
double keepThreshold(const torch::Tensor& magnitudes, double keepPercent) {
    const int64_t n = magnitudes.numel();
    const auto keep = int64_t(std::llround(double(n) * keepPercent / 100.0));
    if (keep <= 0) return INFINITY;
    if (keep >= n) return -1.0;
    return std::get<0>(torch::kthvalue(magnitudes, n - keep + 1)).item<double>();
}

torch::Tensor keepAbove(const torch::Tensor& t, double threshold) {
    return t * t.abs().ge(threshold).to(t.scalar_type());
}

}  // namespace

TrimScope parseTrimScope(const std::string& id) {
    if (id == "whole_model") return TrimScope::WholeModel;
    if (id == "per_tensor") return TrimScope::PerTensor;
    throw Error("unknown TIES trim scope '" + id + "' (whole_model or per_tensor)");
}

DisjointMerge parseDisjointMerge(const std::string& id) {
    if (id == "mean") return DisjointMerge::Mean;
    if (id == "sum") return DisjointMerge::Sum;
    if (id == "max") return DisjointMerge::Max;
    throw Error("unknown TIES disjoint merge '" + id + "' (mean, sum or max)");
}

std::vector<TensorMap> trimTaskVectors(const std::vector<TensorMap>& vectors, double keepPercent, TrimScope scope) {
    torch::NoGradGuard noGrad;
    std::vector<TensorMap> out;
    for (const auto& tv : vectors) {
        TensorMap trimmed;
        if (scope == TrimScope::WholeModel) {
            std::vector<torch::Tensor> flat;
            for (const auto& [name, t] : tv) flat.push_back(t.abs().flatten());
            const double threshold = keepThreshold(torch::cat(flat), keepPercent);
            for (const auto& [name, t] : tv) trimmed.emplace(name, keepAbove(t, threshold));
        } else {
            for (const auto& [name, t] : tv)
                trimmed.emplace(name, keepAbove(t, keepThreshold(t.abs().flatten(), keepPercent)));
        }
        out.push_back(std::move(trimmed));
    }
    return out;
}

TensorMap electSigns(const std::vector<TensorMap>& trimmed) {
    torch::NoGradGuard noGrad;
    TensorMap out;
    for (const auto& [name, first] : trimmed.front()) {
        auto sum = first.clone();
        for (size_t t = 1; t < trimmed.size(); ++t) sum.add_(trimmed[t].at(name));
        out.emplace(name, torch::sign(sum));
    }
    return out;
}

TensorMap disjointMerge(const std::vector<TensorMap>& trimmed, const TensorMap& signs, DisjointMerge how) {
    torch::NoGradGuard noGrad;
    TensorMap out;
    for (const auto& [name, sign] : signs) {
        auto total = torch::zeros_like(sign);
        auto count = torch::zeros_like(sign);
        auto strongest = torch::zeros_like(sign);
        for (const auto& tv : trimmed) {
            const auto& t = tv.at(name);
            // Agreeing entries: non-zero with the elected sign (a zero elected sign agrees with nothing).
            const auto agrees = (t * sign).gt(0).to(t.scalar_type());
            const auto kept = t * agrees;
            total.add_(kept);
            count.add_(agrees);
            strongest = torch::where(kept.abs() > strongest.abs(), kept, strongest);
        }
        switch (how) {
            case DisjointMerge::Mean: out.emplace(name, total / count.clamp_min(1.0)); break;
            case DisjointMerge::Sum: out.emplace(name, total); break;
            case DisjointMerge::Max: out.emplace(name, strongest); break;
        }
    }
    return out;
}

}  // namespace ms::merge
