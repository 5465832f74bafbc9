#pragma once
// How far each merge method falls below the individual fine-tuned models, task by task:
// accuracy − individual, in points, grouped bars per task (one colour per method) plus the
// average. The paper's story in one figure: task arithmetic and TIES lose tens of points on some
// tasks, WEMoE stays near zero.
#include "ui/base/lab_data.h"
#include "ui/results/figure_card.h"
#include "ui/results/task_drop_table.h"

namespace ms::ui {

class TaskDropFigure : public FigureCard {
    Q_OBJECT
public:
    explicit TaskDropFigure(QWidget* parent = nullptr);

    void setTasks(const QVector<TaskInfo>& tasks);
    // The session's results; the figure picks the most recent of each compared method.
    void setAccuracies(const QVector<MethodAccuracy>& rows);
    const TaskDropTable& table() const { return table_; }

    QString caption() const override;
    CsvTable data() const override;

private:
    void redraw();

    QVector<TaskInfo> tasks_;
    QVector<MethodAccuracy> rows_;
    TaskDropTable table_;
};

}  // namespace ms::ui
