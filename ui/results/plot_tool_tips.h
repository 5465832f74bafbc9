#pragma once
// Hover tooltips for QCustomPlot figures: the exact number under the mouse. QCustomPlot has no
// tooltips of its own, so this asks each plottable whether the cursor is on one of its points.
#include <functional>

#include <QString>

class QCPAbstractPlottable;
class QCustomPlot;

namespace ms::ui {

// `text(plottable, dataIndex)` returns the tooltip for that point, or an empty string for none.
using PointToolTip = std::function<QString(QCPAbstractPlottable* plottable, int dataIndex)>;
void installPointToolTips(QCustomPlot* plot, PointToolTip text);

}  // namespace ms::ui
