#include "ui/base/tool_tips.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QToolTip>

#include "ui/base/qcustomplot_include.h"

namespace ms::ui {

namespace {

class ToolTipFilter : public QObject {
public:
    ToolTipFilter(QWidget* widget, ToolTipText text, ToolTipOptions options)
        : QObject(widget), widget_(widget), text_(std::move(text)), options_(std::move(options)) {}

    bool eventFilter(QObject* watched, QEvent* event) override {
        if (watched != widget_) return false;
        if (event->type() == QEvent::ToolTip) {
            auto* help = static_cast<QHelpEvent*>(event);
            if (!show(help->pos(), help->globalPos())) event->ignore();
            return true;
        }
        if (options_.followMouse && event->type() == QEvent::MouseMove) {
            auto* move = static_cast<QMouseEvent*>(event);
            show(move->position().toPoint(), move->globalPosition().toPoint());
        }
        return false;  // the widget still handles the move itself
    }

private:
    bool show(const QPoint& pos, const QPoint& globalPos) {
        const QString text = text_(pos);
        if (text.isEmpty()) {
            QToolTip::hideText();
            return false;
        }
        QToolTip::showText(globalPos, text, widget_, options_.area ? options_.area(pos) : QRect());
        return true;
    }

    QWidget* widget_;
    ToolTipText text_;
    ToolTipOptions options_;
};

}  // namespace

void installToolTips(QWidget* widget, ToolTipText text, ToolTipOptions options) {
    if (options.followMouse) widget->setMouseTracking(true);
    widget->installEventFilter(new ToolTipFilter(widget, std::move(text), std::move(options)));
}

void installPointToolTips(QCustomPlot* plot, PointToolTip text) {
    ToolTipOptions options;
    options.followMouse = true;
    installToolTips(
        plot,
        [plot, text = std::move(text)](const QPoint& pos) -> QString {
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
                if (!tip.isEmpty()) return tip;
            }
            return {};
        },
        options);
}

}  // namespace ms::ui
