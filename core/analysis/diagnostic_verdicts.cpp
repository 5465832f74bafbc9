#include "core/analysis/diagnostic_verdicts.h"

#include <cstdio>

namespace ms::analysis {

namespace {

const char* metText(bool met) { return met ? "met" : "not met"; }

}  // namespace

DiagnosticVerdict verdict(const TaskIdentifiability& result) {
    DiagnosticVerdict v;
    v.met = !result.perLayer.empty() && result.best() >= kIdentifiabilityTarget;
    char line[256];
    std::snprintf(line, sizeof line, "identifiability %.1f %% at best (layer %d; target ≥ %.0f %% in at least one layer): %s",
                  100.0 * result.best(), result.bestLayer(), 100.0 * kIdentifiabilityTarget, metText(v.met));
    v.text = line;
    return v;
}

DiagnosticVerdict verdict(const WeightDisentanglement& result) {
    DiagnosticVerdict v;
    v.met = !result.pairs.empty() && result.mean() <= kDisentanglementTarget;
    char line[256];
    std::snprintf(line, sizeof line,
                  "disentanglement error %.3f averaged over the α grid and %zu pair(s), %.3f at the largest α "
                  "(target ≤ %.2f): %s",
                  result.mean(), result.pairs.size(), result.atLargest(), kDisentanglementTarget, metText(v.met));
    v.text = line;
    return v;
}

DiagnosticVerdict verdict(const EntropyAlignment& result) {
    DiagnosticVerdict v;
    const int within = result.within(kAlignmentPoints);
    v.met = !result.tasks.empty() && within == int(result.tasks.size());
    const auto* worst = result.worst();
    char line[320];
    std::snprintf(line, sizeof line,
                  "alignment: entropy optimum within %.0f points of the oracle on %d of %zu tasks (target: all); "
                  "worst %s, %.1f %% against %.1f %%: %s",
                  kAlignmentPoints, within, result.tasks.size(), worst ? worst->task.c_str() : "-",
                  worst ? 100.0 * worst->entropyOptimal.accuracy : 0.0, worst ? 100.0 * worst->oracle.accuracy : 0.0,
                  metText(v.met));
    v.text = line;
    return v;
}

}  // namespace ms::analysis
