#pragma once
// The accuracy table as grouped bars: one group per task plus the average, one bar per method,
// in the method's fixed colour. A dumb view of AccuracyTableModel: it redraws (coalesced by a
// zero-length timer) whenever the model changes, in the model's mode and row order. Clicking a bar
// names its cell, so the panel can select it in the table.
#include <QTimer>

#include "ui/results/figure_card.h"

class QCPAbstractPlottable;

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

Q_SIGNALS:
    // A bar was clicked: the model's row (method) and column (task, or the average).
    void barClicked(int row, int column);

private:
    void scheduleRefresh();
    // The table cell a bar's data point shows; false for anything that is not one of the bars.
    static bool cellOf(QCPAbstractPlottable* plottable, int index, int& row, int& column);
    QString toolTipFor(int row, int column) const;

    AccuracyTableModel* model_;
    QTimer refreshTimer_;
};

}  // namespace ms::ui
