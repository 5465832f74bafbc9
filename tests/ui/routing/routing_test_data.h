#pragma once
// Hand-built routing data for the routing view tests: a pool of up to eight tasks in fixed
// colours, traces whose weight at (layer, task) is a formula the tests can recompute, and a
// summary with known fractions.
#include <QImage>
#include <cmath>

#include "ui/base/lab_data.h"

namespace ms::ui::test {

inline QVector<TaskInfo> makeTasks(int count) {
    static const char* names[] = {"synscenes", "fashion", "synaerial", "synlandcover", "syndigits", "synsigns", "mnist", "syntextures"};
    static const char* display[] = {"SynScenes", "Fashion-MNIST", "SynAerial", "SynLandCover",
                                    "SynDigits", "SynSigns", "MNIST", "SynTextures"};
    static const char* colors[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"};
    QVector<TaskInfo> tasks;
    for (int i = 0; i < count; ++i) {
        TaskInfo t;
        t.name = QString::fromLatin1(names[i]);
        t.displayName = QString::fromLatin1(display[i]);
        t.color = QColor(QString::fromLatin1(colors[i]));
        for (int c = 0; c < 10; ++c) t.classNames << QStringLiteral("%1-class%2").arg(t.name).arg(c);
        tasks << t;
    }
    return tasks;
}

inline QStringList namesOf(const QVector<TaskInfo>& tasks) {
    QStringList names;
    for (const auto& t : tasks) names << t.name;
    return names;
}

// weight(l, t) = 0.3 + 0.1 * l - 0.05 * t + bonus where t == trueTask, so every cell differs.
inline double formulaWeight(int layer, int task, int trueTask, double bonus) {
    return 0.3 + 0.1 * layer - 0.05 * task + (task == trueTask ? bonus : 0.0);
}

inline RoutingTrace makeTrace(const QString& resultId, const QVector<TaskInfo>& tasks, int layers, int trueTask,
                              double bonus = 0.5, const QString& label = QStringLiteral("MNIST test #12 (seven)")) {
    RoutingTrace trace;
    trace.resultId = resultId;
    trace.imageLabel = label;
    trace.image = QImage(32, 32, QImage::Format_RGB32);
    trace.image.fill(QColor(40, 40, 40));
    for (int i = 8; i < 24; ++i) trace.image.setPixelColor(i, 8 + (i % 3), Qt::white);
    trace.trueTask = trueTask;
    trace.trueClass = trueTask >= 0 ? tasks[trueTask].classNames.value(7) : QString();
    trace.tasks = namesOf(tasks);
    trace.layers = layers;
    for (int l = 0; l < layers; ++l)
        for (int t = 0; t < tasks.size(); ++t) trace.weights << formulaWeight(l, t, trueTask, bonus);
    for (int t = 0; t < tasks.size(); ++t) {
        HeadPrediction p;
        p.task = tasks[t].name;
        p.topClass = tasks[t].classNames.value(t == trueTask ? 7 : 2);
        p.probability = t == trueTask ? 0.91 : 0.35 + 0.05 * t;
        trace.predictions << p;
    }
    trace.milliseconds = 12.5;
    return trace;
}

inline RoutingSummary makeSummary(const QString& resultId, const QVector<TaskInfo>& tasks, int layers) {
    RoutingSummary s;
    s.resultId = resultId;
    s.tasks = namesOf(tasks);
    s.layers = layers;
    const int n = tasks.size();
    for (int i = 0; i < n; ++i)
        for (int l = 0; l < layers; ++l)
            for (int v = 0; v < n; ++v) s.meanRouting << formulaWeight(l, v, i, 0.1 * l);
    // first(i, l) = (l + 1) / layers * (i + 1) / n: the last task's last layer is exactly 1.
    for (int i = 0; i < n; ++i)
        for (int l = 0; l < layers; ++l) s.firstChoice << double(l + 1) / layers * double(i + 1) / n;
    for (int l = 0; l < layers; ++l) s.spread << std::log2(double(n)) * (1.0 - 0.1 * l);
    return s;
}

}  // namespace ms::ui::test
