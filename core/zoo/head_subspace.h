#pragma once
// Task heads that read disjoint parts of feature space. CLIP's zero-shot heads are text
// embeddings of class names; the class-telling directions of unrelated datasets (digits, road
// signs, textures) are nearly orthogonal in its 512-wide space, so a vector that moves features
// towards one dataset's classes moves them away from every other dataset's. A tiny tower's
// prototype heads all share the few directions its features vary in, so there every task vector
// sharpens every head, right or wrong. Confining each task's head to its own subspace restores
// CLIP's geometry: a foreign task vector then adds feature mass that the task's head does not
// read, which leaves its argmax and lowers its confidence — entropy rises, as test-time
// adaptation needs it to.
#include <cstdint>
#include <vector>

#include <torch/types.h>

namespace ms::zoo {

// An orthonormal basis [dim, dim / slots] of subspace `slot` out of `slots` mutually orthogonal
// ones, cut from one seeded random rotation of R^dim (so no subspace lines up with the axes).
torch::Tensor headSubspaceBasis(int64_t dim, int slots, int slot, uint64_t seed);

// Class embeddings [C, dim] projected onto the span of `basis` [dim, k], rows L2-normalised.
torch::Tensor confineToSubspace(const torch::Tensor& embeddings, const torch::Tensor& basis);

// Class embeddings [C, dim] with the span of every other head's embeddings removed, rows
// L2-normalised: a new task's head that reads only what no other head reads. Throws when the
// other heads leave no room (their span is all of R^dim, or what is left cannot tell the classes
// apart).
torch::Tensor orthogonalToHeads(const torch::Tensor& embeddings, const std::vector<torch::Tensor>& otherHeads);

}  // namespace ms::zoo
