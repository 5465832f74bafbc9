#pragma once
// Accuracy as a merge hyper-parameter varies (ALGORITHM.md §6): λ for task arithmetic, the kept
// top-k % for TIES. Each point is one full evaluation on the chosen tasks' test sets.
#include <vector>

#include "core/eval/pool_evaluator.h"
#include "core/merge/merge_inputs.h"

namespace ms::analysis {

struct SweepPoint {
    double value = 0.0;  // λ or k
    eval::AccuracyRow accuracy;
};

std::vector<SweepPoint> taskArithmeticSweep(eval::PoolEvaluator& evaluator, const merge::MergeInputs& inputs,
                                            const std::vector<double>& lambdas, const Callbacks& callbacks = {});
std::vector<SweepPoint> tiesTopKSweep(eval::PoolEvaluator& evaluator, const merge::MergeInputs& inputs,
                                      const std::vector<double>& keepPercents, double lambda,
                                      const Callbacks& callbacks = {});

}  // namespace ms::analysis
