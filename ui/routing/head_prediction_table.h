#pragma once
// What each task's head predicts for the routed image: colour swatch and task, top class, its
// probability as a small bar, and, for the image's own task when its class is known, whether the
// prediction is right. The image's own head is highlighted: it is the one whose answer counts.
#include <QTableWidget>

#include "ui/base/lab_data.h"

namespace ms::ui {

class HeadPredictionTable : public QTableWidget {
    Q_OBJECT
public:
    enum Column { TaskColumn, ClassColumn, ProbabilityColumn, VerdictColumn, ColumnCount };

    explicit HeadPredictionTable(QWidget* parent = nullptr);

    void setPredictions(const RoutingTrace& trace, const QVector<TaskInfo>& tasks);
    void clearPredictions();

    // The row of the image's own task's head, -1 when unknown.
    int highlightedRow() const { return highlightedRow_; }
    // "correct", "wrong" or empty (no verdict for this row).
    QString verdict(int row) const;

private:
    int highlightedRow_ = -1;
};

}  // namespace ms::ui
