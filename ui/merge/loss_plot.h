#pragma once
// The live loss curve of test-time adaptation: the summed entropy per step, and thin lines for
// each task's entropy in the task's colour. Appending a point redraws at most ~10 times a second.
#include <QVector>
#include <QWidget>

#include "ui/base/lab_data.h"

class QCustomPlot;
class QLabel;
class QTimer;

namespace ms::ui {

class LossPlot : public QWidget {
    Q_OBJECT
public:
    explicit LossPlot(QWidget* parent = nullptr);

    // A new run: its tasks (for colours and the legend), steps and caption.
    void start(const QVector<TaskInfo>& tasks, int totalSteps, const QString& caption);
    void append(const LossPoint& point);
    // Shows a finished run's loss log (e.g. a result chosen from the session).
    void show(const QVector<TaskInfo>& tasks, const QVector<LossPoint>& points, const QString& caption);
    void clear();

    const QVector<LossPoint>& points() const { return points_; }
    QCustomPlot* plot() const { return plot_; }

private:
    void rebuildGraphs();
    void redraw();

    QCustomPlot* plot_ = nullptr;
    QLabel* status_ = nullptr;
    QTimer* redrawTimer_ = nullptr;
    QVector<TaskInfo> tasks_;
    QVector<LossPoint> points_;
    QString caption_;
    int totalSteps_ = 0;
};

}  // namespace ms::ui
