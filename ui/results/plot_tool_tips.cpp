#include "ui/results/plot_tool_tips.h"

#include <QToolTip>

#include "ui/base/qcustomplot_include.h"

namespace ms::ui {

void installPointToolTips(QCustomPlot* plot, PointToolTip text) {
    plot->setMouseTracking(true);
    QObject::connect(plot, &QCustomPlot::mouseMove, plot, [plot, text](QMouseEvent* event) {
        const QPointF pos = event->position();
        // Topmost first: the last plottable added is drawn on top.
        for (int i = plot->plottableCount() - 1; i >= 0; --i) {
            QCPAbstractPlottable* plottable = plot->plottable(i);
            if (!plottable->visible()) continue;
            QVariant details;
            const double distance = plottable->selectTest(pos, false, &details);
            if (distance < 0 || distance > plot->selectionTolerance()) continue;
            const QCPDataSelection hit = details.value<QCPDataSelection>();
            if (hit.isEmpty()) continue;
            const QString tip = text(plottable, hit.dataRange().begin());
            if (tip.isEmpty()) continue;
            QToolTip::showText(event->globalPosition().toPoint(), tip, plot);
            return;
        }
        QToolTip::hideText();
    });
}

}  // namespace ms::ui
