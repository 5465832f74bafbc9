#include "core/zoo/head_subspace.h"

#include <string>

#include <ATen/ATen.h>

#include "core/util/error.h"

namespace ms::zoo {

namespace {

torch::Tensor normalizedRows(const torch::Tensor& rows) {
    return rows / rows.norm(2, /*dim=*/1, /*keepdim=*/true).clamp_min(1e-12);
}

}  // namespace

torch::Tensor headSubspaceBasis(int64_t dim, int slots, int slot, uint64_t seed) {
    if (slots < 1 || slot < 0 || slot >= slots)
        throw Error("head subspace " + std::to_string(slot) + " of " + std::to_string(slots) + " does not exist");
    const int64_t width = dim / slots;
    if (width < 2)
        throw Error("a feature space of " + std::to_string(dim) + " dimensions has no room for " +
                    std::to_string(slots) + " head subspaces of at least 2 dimensions");
    auto generator = at::detail::createCPUGenerator(seed);
    const auto gaussian = at::randn({dim, dim}, generator, at::TensorOptions().dtype(at::kDouble));
    const auto rotation = std::get<0>(at::linalg_qr(gaussian));
    return rotation.slice(1, slot * width, (slot + 1) * width).to(at::kFloat).contiguous();
}

torch::Tensor confineToSubspace(const torch::Tensor& embeddings, const torch::Tensor& basis) {
    const auto b = basis.to(at::kFloat);
    return normalizedRows(at::matmul(at::matmul(embeddings.to(at::kFloat), b), b.t()));
}

torch::Tensor orthogonalToHeads(const torch::Tensor& embeddings, const std::vector<torch::Tensor>& otherHeads) {
    const auto e = embeddings.to(at::kFloat);
    if (otherHeads.empty()) return normalizedRows(e);
    std::vector<torch::Tensor> rows;
    for (const auto& h : otherHeads) rows.push_back(h.to(at::kFloat));
    const auto others = at::cat(rows, 0);  // [sum C, dim]
    // The span of the other heads: the right singular vectors with non-negligible singular values.
    const auto svd = at::linalg_svd(others.to(at::kDouble), /*full_matrices=*/false);
    const auto& singular = std::get<1>(svd);
    const auto& vh = std::get<2>(svd);
    const double cutoff = 1e-6 * singular.max().item<double>();
    const int64_t rank = singular.gt(cutoff).sum().item<int64_t>();
    if (rank >= e.size(1))
        throw Error("the pool's heads already read all " + std::to_string(e.size(1)) +
                    " feature dimensions: no subspace is left for another task's head");
    const auto span = vh.slice(0, 0, rank).t().to(at::kFloat);  // [dim, rank]
    const auto rest = e - at::matmul(at::matmul(e, span), span.t());
    const auto kept = rest.norm(2, 1) / e.norm(2, 1).clamp_min(1e-12);
    if (kept.min().item<double>() < 1e-3)
        throw Error("a class's prototype lies entirely in the other heads' subspaces: its head cannot be made "
                    "orthogonal to them");
    return normalizedRows(rest);
}

}  // namespace ms::zoo
