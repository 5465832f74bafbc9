#pragma once
// The accuracy table as grouped bars: one group per task plus the average, one bar per method,
// in the method's fixed colour. A dumb view of AccuracyTableModel: it redraws (coalesced by a
// zero-length timer) whenever the model changes, in the model's mode and row order.
#include <QTimer>

#include "ui/results/figure_card.h"

namespace ms::ui {

class AccuracyTableModel;

class AccuracyBarChart : public FigureCard {
    Q_OBJECT
public:
    explicit AccuracyBarChart(AccuracyTableModel* model, QWidget* parent = nullptr);

    // Redraws now (the model's signals schedule this; tests call it directly).
    void refresh();

    QString caption() const override;
    CsvTable data() const override;

private:
    void scheduleRefresh();
    QString toolTipFor(int row, int column) const;

    AccuracyTableModel* model_;
    QTimer refreshTimer_;
};

}  // namespace ms::ui
