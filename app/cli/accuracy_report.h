#pragma once
// The accuracy table `eval` and `compare` print: methods as rows, tasks as columns, the average
// and the normalised average (÷ the individual experts' average, when that row is present).
#include <string>
#include <vector>

#include "core/eval/pool_evaluator.h"
#include "table.h"

namespace ms::cli {

Table accuracyTable(const std::vector<eval::AccuracyRow>& rows, const std::string& title);

// How sure each method is, next to whether it is right: the mean softmax entropy over the test
// images of all its tasks, over the correctly classified ones and over the wrong ones ("–" where
// there are none). Test-time adaptation minimises the first; it helps only where wrong answers are
// the unsure ones.
Table entropyTable(const std::vector<eval::AccuracyRow>& rows);

// The accuracy table, followed by the entropy table when asked; as CSV, one table with three more
// columns. JSON always carries the entropies per task in the accuracy table (null where undefined).
std::string renderAccuracy(const std::vector<eval::AccuracyRow>& rows, const std::string& title, const std::string& format,
                           bool withEntropy);

// --format FORMAT, with --json as a shorthand for json.
std::string outputFormat(const class Args& args);

}  // namespace ms::cli
