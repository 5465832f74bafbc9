#pragma once
// Hover tooltips computed from the mouse position, for widgets that draw their own content
// (QCustomPlot figures, painted grids): Qt's single widget tooltip cannot say which cell, bar or
// point is under the mouse, so the widget answers with a function of the position instead.
#include <functional>

#include <QPoint>
#include <QRect>
#include <QString>

class QCPAbstractPlottable;
class QCustomPlot;
class QWidget;

namespace ms::ui {

// The tooltip for a position in the widget's coordinates; an empty string hides the tooltip.
using ToolTipText = std::function<QString(const QPoint& pos)>;

struct ToolTipOptions {
    // Show and update the tip while the mouse moves (it turns on mouse tracking), instead of after
    // Qt's usual hover delay.
    bool followMouse = false;
    // The widget rectangle the tip belongs to (a cell): Qt hides it once the mouse leaves it.
    // Unset: the tip stays until the mouse moves on.
    std::function<QRect(const QPoint& pos)> area;
};

// Installs an event filter on `widget` (owned by it) that shows `text(pos)` as its tooltip.
void installToolTips(QWidget* widget, ToolTipText text, ToolTipOptions options = {});

// Point tooltips for a plot: `text(plottable, dataIndex)` for the topmost visible plottable
// whose data point is within the selection tolerance of the mouse, following the mouse; an empty
// string tries the plottables below it.
using PointToolTip = std::function<QString(QCPAbstractPlottable* plottable, int dataIndex)>;
void installPointToolTips(QCustomPlot* plot, PointToolTip text);

}  // namespace ms::ui
