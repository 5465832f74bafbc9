#pragma once
// The accuracy table `eval` and `compare` print: methods as rows, tasks as columns, the average
// and the normalised average (÷ the individual experts' average, when that row is present).
#include <string>
#include <vector>

#include "core/eval/pool_evaluator.h"
#include "table.h"

namespace ms::cli {

Table accuracyTable(const std::vector<eval::AccuracyRow>& rows, const std::string& title);

// --format FORMAT, with --json as a shorthand for json.
std::string outputFormat(const class Args& args);

}  // namespace ms::cli
