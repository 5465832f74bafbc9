#pragma once
// Over a whole test set: for the images of each task (rows) and each layer (columns), the fraction
// whose largest routing weight goes to their own task's vector. A router that recognises tasks
// fills this with high fractions; chance is 1/T. Sequential colours from 0 to 1, percentages in
// the cells.
#include <QVector>

#include "ui/base/lab_data.h"
#include "ui/routing/matrix_figure.h"

namespace ms::ui {

class FirstChoiceMatrix : public MatrixFigure {
    Q_OBJECT
public:
    explicit FirstChoiceMatrix(QWidget* parent = nullptr);

    void setSummary(const RoutingSummary& summary, const QVector<TaskInfo>& tasks);
    void clear(const QString& message = {});

    CsvTable table() const override;

protected:
    QString cellToolTip(int row, int column) const override;

private:
    RoutingSummary summary_;
    QVector<TaskInfo> rows_;
};

}  // namespace ms::ui
