#pragma once
// How much each merge method loses against the individual fine-tuned models, per task: the
// numbers behind the "drop from individual" figure. For each method id it takes the session's
// most recent result (the last in the list), in the order of ALGORITHM.md §5.
#include <QStringList>
#include <QVector>

#include "ui/base/lab_data.h"

namespace ms::ui {

struct TaskDropTable {
    QStringList tasks;          // display names; the last column is the average
    QStringList methodIds;      // the methods found, in the paper's order
    QStringList labels;         // their rows' labels
    QStringList captions;       // their rows' captions
    QVector<QVector<double>> drop;  // [method][task, then average]: (accuracy − individual) × 100, points
    QStringList missing;        // compared method ids with no result in the session
    bool hasIndividual = false;

    bool isEmpty() const { return !hasIndividual || methodIds.isEmpty(); }
};

// The methods compared, in order: simple averaging (when present), task arithmetic, TIES,
// AdaMerging, WEMoE.
const QStringList& comparedMethodIds();

TaskDropTable computeTaskDrops(const QVector<MethodAccuracy>& rows, const QVector<TaskInfo>& tasks);

}  // namespace ms::ui
