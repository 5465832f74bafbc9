#pragma once
// What the accuracy-vs-λ figure draws, computed apart from drawing so it can be tested: the mean
// over tasks at each λ, the min–max band over tasks, and the λ with the best mean.
#include <QVector>

#include "ui/base/lab_data.h"

namespace ms::ui {

struct LambdaSweepSummary {
    QVector<double> lambdas;
    QVector<double> mean, minimum, maximum;  // fractions, per λ; NaN where no task was evaluated
    int best = -1;                           // index of the highest mean (the first on ties); -1 when none
    // Index of the lowest mean entropy (the first on ties): where entropy minimisation would take
    // λ. -1 when the sweep has no entropies.
    int leastEntropy = -1;

    double bestLambda() const { return best >= 0 ? lambdas[best] : 0.0; }
    double leastEntropyLambda() const { return leastEntropy >= 0 ? lambdas[leastEntropy] : 0.0; }
};

LambdaSweepSummary summarizeLambdaSweep(const LambdaSweep& sweep);

// The λ values a sweep asks for: 0, step, 2·step, … up to and including `maximum`, rounded so that
// 0.1 · 3 is 0.3 and not 0.30000000000000004.
QVector<double> lambdaGrid(double step, double maximum);

}  // namespace ms::ui
