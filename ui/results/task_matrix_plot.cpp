#include "ui/results/task_matrix_plot.h"

#include "ui/base/qcustomplot_include.h"

namespace ms::ui {

QCPColorScale* setUpTaskMatrixPlot(QCustomPlot* p, const QCPColorGradient& gradient, const QString& scaleLabel) {
    auto* scale = new QCPColorScale(p);
    scale->setType(QCPAxis::atRight);
    scale->setGradient(gradient);
    scale->axis()->setLabel(scaleLabel);
    scale->setBarWidth(12);
    p->plotLayout()->addElement(0, 1, scale);
    auto* margins = new QCPMarginGroup(p);
    p->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    scale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    p->yAxis->setRangeReversed(true);
    for (QCPAxis* axis : {p->xAxis, p->yAxis}) {
        axis->grid()->setVisible(false);
        axis->setSubTicks(false);
        axis->setTickLength(0, 0);
    }
    return scale;
}

}  // namespace ms::ui
