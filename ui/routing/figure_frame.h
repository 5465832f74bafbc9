#pragma once
// The look of the routing figures: the shared FigurePanel (title, header controls, export
// button, plot or message) without a border, tight to its neighbours, with an italic placeholder
// while there is nothing to plot. Subclasses draw into plot() and say what their numbers are in
// table().
#include "ui/base/figure_panel.h"

namespace ms::ui {

class FigureFrame : public FigurePanel {
    Q_OBJECT
public:
    // `baseName` is the suggested export file name, e.g. "routing-heatmap".
    explicit FigureFrame(const QString& baseName, QWidget* parent = nullptr);

    // The numbers behind the figure, as the CSV export writes them.
    virtual CsvTable table() const = 0;
    CsvTable data() const override { return table(); }

    // True while the placeholder is shown instead of the plot.
    bool isShowingPlaceholder() const { return state() != State::Plot; }
    QString placeholderText() const { return message(); }

protected:
    void showPlaceholder(const QString& message) { showEmpty(message); }
};

}  // namespace ms::ui
