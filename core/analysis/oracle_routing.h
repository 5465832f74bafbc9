#pragma once
// What WEMoE could reach on a pool: every image's MLPs routed to its own task's vector only
// (r = c·e_t, everything outside the MLPs merged by task arithmetic at λ). A router cannot beat
// this oracle by much, so it separates "the routers did not learn" from "the upscaled model
// cannot express the experts" when WEMoE falls short of the individual models.
#include <vector>

#include "core/analysis/sweeps.h"
#include "core/eval/pool_evaluator.h"
#include "core/merge/merge_inputs.h"

namespace ms::analysis {

eval::AccuracyRow oracleRouting(eval::PoolEvaluator& evaluator, const merge::MergeInputs& inputs,
                                double ownCoefficient = 1.0, double lambda = 0.3, const Callbacks& callbacks = {});

// The straight way from where adaptation starts to the oracle: each image's MLP coefficients are
// (1 − α)·λ for every task vector plus α·c for its own (α = 0: every coefficient at λ, the WEMoE
// start; α = 1: the oracle). Each point is evaluated with accuracy and entropy. Where a task's
// entropy rises on the way before it falls, following the entropy's gradient from the start does
// not lead its images to their own vector.
std::vector<SweepPoint> oracleRoutingPath(eval::PoolEvaluator& evaluator, const merge::MergeInputs& inputs,
                                          const std::vector<double>& alphas, double ownCoefficient = 1.0,
                                          double lambda = 0.3, const Callbacks& callbacks = {});

}  // namespace ms::analysis
