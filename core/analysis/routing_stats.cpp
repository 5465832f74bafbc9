#include "core/analysis/routing_stats.h"

#include <torch/torch.h>

#include "core/util/error.h"

namespace ms::analysis {

namespace {

void requireRouting(const std::vector<eval::TaskRouting>& routing) {
    if (routing.empty()) throw Error("no routing weights: the model does not route, or no images were seen");
    for (const auto& r : routing)
        if (!r.weights.defined() || r.weights.dim() != 3 || r.weights.size(2) != int64_t(routing.size()))
            throw Error("routing weights of task '" + r.task + "' are not [images, layers, tasks]");
}

}  // namespace

torch::Tensor meanRouting(const std::vector<eval::TaskRouting>& routing) {
    requireRouting(routing);
    std::vector<torch::Tensor> rows;
    for (const auto& r : routing) rows.push_back(r.weights.to(torch::kFloat64).mean(0));
    return torch::stack(rows);
}

torch::Tensor firstChoiceMatrix(const std::vector<eval::TaskRouting>& routing) {
    requireRouting(routing);
    std::vector<torch::Tensor> rows;
    for (size_t t = 0; t < routing.size(); ++t)
        rows.push_back(routing[t].weights.argmax(2).eq(int64_t(t)).to(torch::kFloat64).mean(0));
    return torch::stack(rows);
}

torch::Tensor routingSpread(const std::vector<eval::TaskRouting>& routing) {
    requireRouting(routing);
    std::vector<torch::Tensor> all;
    for (const auto& r : routing) all.push_back(r.weights.to(torch::kFloat64));
    const auto magnitudes = torch::cat(all).abs();                       // [images, layers, T]
    const auto p = magnitudes / magnitudes.sum(2, true).clamp_min(1e-300);
    const auto entropy = -(p * torch::log2(p.clamp_min(1e-300))).sum(2);  // [images, layers]
    return entropy.mean(0);
}

}  // namespace ms::analysis
