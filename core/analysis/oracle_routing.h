#pragma once
// What WEMoE could reach on a pool: every image's MLPs routed to its own task's vector only
// (r = c·e_t, everything outside the MLPs merged by task arithmetic at λ). A router cannot beat
// this oracle by much, so it separates "the routers did not learn" from "the upscaled model
// cannot express the experts" when WEMoE falls short of the individual models.
#include "core/eval/pool_evaluator.h"
#include "core/merge/merge_inputs.h"

namespace ms::analysis {

eval::AccuracyRow oracleRouting(eval::PoolEvaluator& evaluator, const merge::MergeInputs& inputs,
                                double ownCoefficient = 1.0, double lambda = 0.3, const Callbacks& callbacks = {});

}  // namespace ms::analysis
