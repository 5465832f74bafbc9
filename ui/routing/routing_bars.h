#pragma once
// The routing of one image as grouped bars: one group per layer, one bar per task vector in its
// task colour. Easier than the heatmap to read off exact heights and signs, and to see how one
// task vector's weight climbs or falls through the layers.
#include <QPointF>
#include <QVector>

#include "ui/base/lab_data.h"
#include "ui/routing/figure_frame.h"

class QCPBars;

namespace ms::ui {

class RoutingBars : public FigureFrame {
    Q_OBJECT
public:
    explicit RoutingBars(QWidget* parent = nullptr);

    void setTrace(const RoutingTrace& trace, const QVector<TaskInfo>& tasks);
    void clear(const QString& message = {});

    int layerCount() const { return trace_.layers; }
    int taskCount() const { return columns_.size(); }
    double barValue(int layer, int task) const;
    QColor barColor(int task) const;
    // The legend's text for a task vector.
    QString legendText(int task) const;
    // The centre of a bar's top (its value) in plot() pixels, after the last layout.
    QPointF barTop(int layer, int task) const;
    // "layer 3 · τ MNIST · 0.4172" for the bar slot under a plot() pixel; empty elsewhere.
    QString toolTipAt(const QPointF& pixel) const;

    CsvTable table() const override;

private:
    double barKey(int layer, int task) const;
    double barWidth() const;

    RoutingTrace trace_;
    QVector<TaskInfo> columns_;
    QVector<QCPBars*> bars_;
};

}  // namespace ms::ui
