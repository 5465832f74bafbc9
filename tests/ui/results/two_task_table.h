#pragma once
// A 2-task accuracy table whose every number is checked by hand in the tests:
//              MNIST  Fashion_MNIST  average   normalised (÷ individual)
// Pretrained   48.0   32.0           40.0      53.3  32.7  43.0
// Individual   90.0   98.0           94.0      100   100   100
// TA 10%       45.0   96.0           70.5      50.0  98.0  74.0   (96/98 = 97.96)
// WEMoE_2      81.0   95.0           88.0      90.0  96.9  93.5   (95/98 = 96.94)
// The session order puts a baseline between merged rows on purpose: pinning must not rely on it.
#include <QVector>

#include "ui/base/lab_data.h"

namespace ms::ui::testing {

inline QVector<TaskInfo> twoTasks() {
    TaskInfo mnist{QStringLiteral("mnist"), QStringLiteral("MNIST"), QStringLiteral("MNIST"), QColor("#E69F00"), {}};
    TaskInfo fashion{QStringLiteral("fashion_mnist"), QStringLiteral("Fashion_MNIST"), QStringLiteral("Cars"),
                     QColor("#56B4E9"), {}};
    return {mnist, fashion};
}

inline MethodAccuracy accuracyRow(const QString& id, const QString& label, const QString& methodId, bool baseline,
                                  double mnist, double fashion) {
    MethodAccuracy row;
    row.id = id;
    row.label = label;
    row.methodId = methodId;
    row.baseline = baseline;
    row.tasks = QStringList{QStringLiteral("mnist"), QStringLiteral("fashion_mnist")};
    row.accuracy = {mnist, fashion};
    row.caption = label + QStringLiteral(", seed 0");
    return row;
}

inline QVector<MethodAccuracy> twoTaskRows() {
    return {accuracyRow(QStringLiteral("pretrained"), QStringLiteral("Pretrained"), QStringLiteral("pretrained"), true, 0.48, 0.32),
            accuracyRow(QStringLiteral("ta-1"), QStringLiteral("TA 10%"), QStringLiteral("task_arithmetic"), false, 0.45, 0.96),
            accuracyRow(QStringLiteral("individual"), QStringLiteral("Individual"), QStringLiteral("individual"), true, 0.90, 0.98),
            accuracyRow(QStringLiteral("wemoe-1"), QStringLiteral("WEMoE_2"), QStringLiteral("wemoe"), false, 0.81, 0.95)};
}

}  // namespace ms::ui::testing
