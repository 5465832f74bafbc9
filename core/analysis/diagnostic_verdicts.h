#pragma once
// What the three pool diagnostics must show for WEMoE to do on a pool what the paper shows on
// CLIP (issue 14), and the one-line verdict each ends with. One place, so that the CLI's
// `analyze` and the app's Diagnostics card say the same thing about the same numbers.
#include <string>

#include "core/analysis/entropy_alignment.h"
#include "core/analysis/task_identifiability.h"
#include "core/analysis/weight_disentanglement.h"

namespace ms::analysis {

// A router can tell the tasks apart: the probe's held-out accuracy in at least one layer.
inline constexpr double kIdentifiabilityTarget = 0.95;
// The task vectors leave each other's predictions alone: ξ averaged over the α grid and the pairs.
inline constexpr double kDisentanglementTarget = 0.05;
// Entropy finds the experts: every task's entropy optimum within this many accuracy points of its oracle.
inline constexpr double kAlignmentPoints = 3.0;

struct DiagnosticVerdict {
    bool met = false;
    std::string text;  // "identifiability 96.0 % at best (layer 3; target ≥ 95 % in at least one layer): met"
};

DiagnosticVerdict verdict(const TaskIdentifiability& result);
DiagnosticVerdict verdict(const WeightDisentanglement& result);
DiagnosticVerdict verdict(const EntropyAlignment& result);

}  // namespace ms::analysis
