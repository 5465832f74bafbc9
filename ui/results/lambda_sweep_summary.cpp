#include "ui/results/lambda_sweep_summary.h"

#include <cmath>
#include <limits>

namespace ms::ui {

LambdaSweepSummary summarizeLambdaSweep(const LambdaSweep& sweep) {
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    LambdaSweepSummary summary;
    summary.lambdas = sweep.lambdas;
    for (int i = 0; i < sweep.lambdas.size(); ++i) {
        const QVector<double> row = sweep.accuracy.value(i);
        double sum = 0.0, low = kNaN, high = kNaN;
        int count = 0;
        for (double a : row) {
            if (std::isnan(a)) continue;
            sum += a;
            ++count;
            low = std::isnan(low) ? a : std::min(low, a);
            high = std::isnan(high) ? a : std::max(high, a);
        }
        const double mean = count ? sum / count : kNaN;
        summary.mean << mean;
        summary.minimum << low;
        summary.maximum << high;
        if (!std::isnan(mean) && (summary.best < 0 || mean > summary.mean[summary.best])) summary.best = i;
    }
    if (sweep.entropy.size() == sweep.lambdas.size())
        for (int i = 0; i < sweep.entropy.size(); ++i)
            if (!std::isnan(sweep.entropy[i]) &&
                (summary.leastEntropy < 0 || sweep.entropy[i] < sweep.entropy[summary.leastEntropy]))
                summary.leastEntropy = i;
    return summary;
}

QVector<double> lambdaGrid(double step, double maximum) {
    QVector<double> grid;
    if (step <= 0.0) return grid;
    for (int i = 0;; ++i) {
        const double lambda = std::round(i * step * 1e6) / 1e6;
        if (lambda > maximum + 1e-9) break;
        grid << lambda;
    }
    return grid;
}

}  // namespace ms::ui
