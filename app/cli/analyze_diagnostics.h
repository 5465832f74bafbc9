#pragma once
// The three questions to ask of a pool before adapting it (issue 14): can a router see the
// task (identifiability), does a task vector leave the other tasks alone (disentanglement), and
// does entropy lead to the experts (alignment). Each gives tables and a one-line verdict.
#include <string>
#include <vector>

#include "cli_args.h"
#include "core/eval/pool_evaluator.h"
#include "core/merge/merge_inputs.h"
#include "core/model/pool_models.h"
#include "table.h"

namespace ms::cli {

bool isDiagnostic(const std::string& what);

// Reads its options (--lambda, --images, --steps, --lr, --pairs) and runs `what`; `alphas` is
// disentanglement's grid (--values, read before the pool is loaded). Bad options are UsageErrors.
std::vector<Table> runDiagnostic(const std::string& what, const Args& args, const model::PoolModels& pool,
                                 const merge::MergeInputs& inputs, eval::PoolEvaluator& evaluator,
                                 const std::vector<double>& alphas, const Callbacks& callbacks, std::string& verdict);

}  // namespace ms::cli
