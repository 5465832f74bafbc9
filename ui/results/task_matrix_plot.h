#pragma once
// The plot set-up the task × task heatmaps of the Interference tab share (task-vector cosines,
// the adaptation signal): a colour scale on the right whose bar lines up with the cells, row 0 on
// top as in an image, and no grid or ticks between the cells.
#include <QString>

class QCPColorGradient;
class QCPColorScale;
class QCustomPlot;

namespace ms::ui {

// Adds the colour scale (owned by the plot) and returns it.
QCPColorScale* setUpTaskMatrixPlot(QCustomPlot* plot, const QCPColorGradient& gradient, const QString& scaleLabel);

}  // namespace ms::ui
