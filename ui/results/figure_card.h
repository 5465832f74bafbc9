#pragma once
// The look of the results figures: the shared FigurePanel (title, controls, export button, plot
// or a message while there is nothing to show, a computation runs, or it failed) as a bordered
// card with a "what this shows" subtitle, plus the plot styling the results charts share.
// Subclasses draw into plot() and say what the caption and the CSV data are.
#include "ui/base/figure_panel.h"

class QDoubleSpinBox;
class QLabel;

namespace ms::ui {

class FigureCard : public FigurePanel {
    Q_OBJECT
public:
    FigureCard(const QString& title, const QString& whatItShows, const QString& baseName,
               QWidget* parent = nullptr);

    // The title and the "what this shows" line, for a card that shows more than one kind of figure.
    void setHeading(const QString& title, const QString& whatItShows);
    QString whatItShows() const;

protected:
    // The house style: light dotted grid, no sub-grid, white background.
    void styleAxes();
    // The legend in its own row under the axes, in up to `columns` columns (fewer when the names
    // would not fit the plot's width), so it covers no data.
    void placeLegendBelow(int columns);
    // x tick labels, one per slot: tilted when the widest would not fit its slot. `reservedPixels`
    // is the width not shared by the slots (y axis, colour scale). Re-fitted on every resize.
    void fitTickLabels(const QStringList& labels, int reservedPixels);

    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void applyWidthDependentLayout();

    QLabel* subtitle_ = nullptr;
    int legendColumns_ = 0;  // 0: the legend is not placed below
    QStringList tickLabels_;
    int tickReserved_ = 0;
};

// The "at λ" spin box the cards that start from task arithmetic share (range −1…2, step 0.05,
// 0.3 as WEMoE's routers start), with its label's buddy set; the caller places both.
QDoubleSpinBox* newLambdaSpin(QWidget* parent, const QString& toolTip, QLabel** label);

}  // namespace ms::ui
