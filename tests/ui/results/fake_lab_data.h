#pragma once
// Realistic made-up numbers for looking at the results views: 8 tasks standing for the paper's
// (ALGORITHM.md §5), the paper's ViT-B/32 accuracies per method, a cosine matrix, sign conflicts,
// a λ sweep and an adaptation signal shaped like the real ones. Deterministic.
#include <cmath>

#include <QVector>

#include "ui/base/lab_data.h"

namespace ms::ui::testing {

// Plotted values computed from fractions or sums: equal to within rounding.
inline bool near(const QVector<double>& a, const QVector<double>& b) {
    if (a.size() != b.size()) return false;
    for (int i = 0; i < a.size(); ++i)
        if (std::abs(a[i] - b[i]) > 1e-9) return false;
    return true;
}

inline QVector<TaskInfo> eightTasks() {
    const QStringList names{"scenes", "fashion_mnist", "shapes", "satellite", "syn_digits", "syn_signs", "mnist", "textures"};
    const QStringList shown{"Scenes", "Fashion-MNIST", "Shapes", "Satellite", "SynDigits", "SynSigns", "MNIST", "Textures"};
    const QStringList analogs{"SUN397", "Cars", "RESISC45", "EuroSAT", "SVHN", "GTSRB", "MNIST", "DTD"};
    const QStringList colours{"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999"};
    QVector<TaskInfo> tasks;
    for (int i = 0; i < names.size(); ++i) tasks << TaskInfo{names[i], shown[i], analogs[i], QColor(colours[i]), {}};
    return tasks;
}

inline MethodAccuracy paperRow(const QString& id, const QString& label, const QString& methodId, bool baseline,
                               const QVector<double>& percent) {
    MethodAccuracy row;
    row.id = id;
    row.label = label;
    row.methodId = methodId;
    row.baseline = baseline;
    for (const TaskInfo& t : eightTasks()) row.tasks << t.name;
    for (double p : percent) row.accuracy << p / 100.0;
    row.caption = label + QStringLiteral(" · seed 0");
    return row;
}

// ALGORITHM.md §5's table: averages 48, 90.5, 65.8, 69.1, 72.4, 80.1, 89.4.
inline QVector<MethodAccuracy> paperRows() {
    return {paperRow("pretrained", "Pretrained", "pretrained", true, {62.3, 59.7, 60.7, 45.5, 31.4, 32.6, 48.5, 43.8}),
            paperRow("individual", "Individual", "individual", true, {75.3, 77.7, 96.1, 99.7, 97.5, 98.7, 99.7, 79.4}),
            paperRow("average-1", "Simple averaging", "average", false, {65.3, 63.4, 71.4, 71.7, 64.2, 52.8, 87.5, 50.1}),
            paperRow("ta-1", "Task arithmetic (λ = 0.3)", "task_arithmetic", false, {55.2, 54.9, 66.7, 78.9, 80.2, 69.7, 97.3, 50.4}),
            paperRow("ties-1", "TIES-merging (k = 20 %)", "ties", false, {59.8, 58.6, 70.7, 79.7, 86.2, 72.1, 98.3, 54.2}),
            paperRow("adamerging-1", "Layer-wise AdaMerging", "adamerging", false, {64.5, 68.1, 79.2, 93.8, 87.0, 91.9, 97.5, 59.1}),
            paperRow("wemoe-1", "WEMoE (2-layer router)", "wemoe", false, {74.1, 77.4, 93.7, 99.1, 96.2, 98.9, 99.6, 76.4})};
}

inline LabeledMatrix fakeCosines() {
    LabeledMatrix m;
    m.title = "Task-vector cosine similarity";
    for (const TaskInfo& t : eightTasks()) m.rows << t.name, m.columns << t.name;
    for (int r = 0; r < 8; ++r)
        for (int c = 0; c < 8; ++c) {
            const int a = std::min(r, c), b = std::max(r, c);
            // Digit tasks (4, 6) share more with each other, as SVHN and MNIST do in the paper.
            const double v = r == c ? 1.0 : (a == 4 && b == 6) ? 0.31 : 0.02 + 0.03 * ((a * 7 + b * 3) % 6);
            m.values << v;
        }
    return m;
}

inline SignConflictProfile fakeConflicts() {
    SignConflictProfile p;
    p.keepPercent = 20.0;
    double sum = 0.0;
    for (int k = 0; k < 12; ++k) {
        p.rate << 0.24 + 0.018 * k + 0.02 * std::sin(k * 1.3);
        sum += p.rate.last();
    }
    p.overall = sum / 12;
    return p;
}

inline LambdaSweep fakeSweep() {
    LambdaSweep s;
    const QVector<MethodAccuracy> rows = paperRows();
    const MethodAccuracy& pre = rows[0];
    const MethodAccuracy& ta = rows[3];
    for (const TaskInfo& t : eightTasks()) s.tasks << t.name;
    for (int i = 0; i <= 10; ++i) s.lambdas << i / 10.0;
    for (double lambda : s.lambdas) {
        QVector<double> row;
        for (int t = 0; t < 8; ++t) {
            // Each task peaks at its own λ (0.2 … 0.48): one λ cannot suit all.
            const double peakAt = 0.2 + 0.04 * t, peak = ta.accuracy[t] + 0.03;
            const double x = (lambda - peakAt) / peakAt;
            row << std::clamp(pre.accuracy[t] + (peak - pre.accuracy[t]) * (1.0 - x * x * (x > 0 ? 0.35 : 1.0)), 0.05, 1.0);
        }
        s.accuracy << row;
    }
    return s;
}

// 12 layers: each task's own vector makes it surer, more so in deeper layers; foreign vectors
// mostly make it less sure. Scenes and Textures have a weak own signal, and in the first five
// layers τ_MNIST sharpens every task (a pull a bias would follow as well as a router).
inline AdaptationSignal fakeSignal() {
    AdaptationSignal s;
    for (const TaskInfo& t : eightTasks()) s.tasks << t.name;
    s.layers = 12;
    s.lambda = 0.3;
    for (int l = 0; l < 12; ++l) {
        const double depth = (l + 1) / 12.0;
        for (int row = 0; row < 8; ++row)
            for (int v = 0; v < 8; ++v) {
                double value = 0.0;
                if (row == v)
                    value = -(0.004 + 0.022 * depth) * (1.0 + 0.15 * std::sin(row * 1.7 + l)) * ((row == 0 || row == 7) ? 0.4 : 1.0);
                else if (v == 6 && l < 5)
                    value = -0.006 - 0.002 * ((row + l) % 3);
                else
                    value = -0.0015 + 0.006 * (0.6 + depth) * ((row * 5 + v * 3 + l) % 7) / 6.0;
                s.values << value;
            }
    }
    return s;
}

}  // namespace ms::ui::testing
