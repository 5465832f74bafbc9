#pragma once
// Over a whole test set: how spread out the routing is in each layer, as the mean entropy of the
// normalised routing weights in bits. 0 bits: every image uses a single task vector; log2(T) bits
// (the dashed line): every task vector gets the same weight, as in task arithmetic.
#include <QPointF>

#include "ui/base/lab_data.h"
#include "ui/routing/figure_frame.h"

class QCPBars;
class QCPItemStraightLine;
class QCPItemText;

namespace ms::ui {

class RoutingSpreadPlot : public FigureFrame {
    Q_OBJECT
public:
    explicit RoutingSpreadPlot(QWidget* parent = nullptr);

    void setSummary(const RoutingSummary& summary);
    void clear(const QString& message = {});

    int layerCount() const { return summary_.spread.size(); }
    double spread(int layer) const { return summary_.spread.value(layer); }
    // log2(T): the spread of uniform routing over T task vectors.
    double maximumBits() const;
    // Where the reference line is drawn (data coordinates), NaN when none.
    double referenceLineValue() const;
    QString referenceLineText() const;
    QPointF barTop(int layer) const;
    QString toolTipAt(const QPointF& pixel) const;

    CsvTable table() const override;

private:
    RoutingSummary summary_;
    QCPBars* bars_ = nullptr;
    QCPItemStraightLine* maximumLine_ = nullptr;
    QCPItemText* maximumLabel_ = nullptr;
};

}  // namespace ms::ui
