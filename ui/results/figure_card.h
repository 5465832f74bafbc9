#pragma once
// The frame every results figure sits in: a title with a "what this shows" subtitle, the
// figure's own controls, its export button, and the plot, which a message replaces while there is
// nothing to show, a computation runs, or it failed. Subclasses draw into plot() and say what the
// caption and the CSV data are.
#include <QFrame>

#include "ui/base/figure_export.h"

class QCustomPlot;
class QHBoxLayout;
class QLabel;
class QStackedWidget;

namespace ms::ui {

class FigureCard : public QFrame {
    Q_OBJECT
public:
    enum class State { Plot, Empty, Busy, Error };

    FigureCard(const QString& title, const QString& whatItShows, const QString& baseName,
               QWidget* parent = nullptr);

    QCustomPlot* plot() const { return plot_; }
    FigureExportButton* exportButton() const { return exportButton_; }

    void showPlot();
    void showEmpty(const QString& text);
    void showBusy(const QString& text);
    void showError(const QString& text);
    State state() const { return state_; }
    QString message() const;  // the text shown instead of the plot; empty while the plot shows

    // For the figure exporter; subclasses describe what they drew.
    virtual QString caption() const;
    virtual CsvTable data() const { return {}; }

Q_SIGNALS:
    void stateChanged(ms::ui::FigureCard::State state);

protected:
    // Controls go between the title and the export button.
    void addControl(QWidget* control);
    // Busy disables the controls (a Run button must not start a second job).
    void setControlsEnabled(bool enabled);
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
    void showMessage(State state, const QString& text);
    void applyWidthDependentLayout();

    QString title_;
    QHBoxLayout* controlsRow_ = nullptr;
    QList<QWidget*> controls_;
    QStackedWidget* stack_ = nullptr;
    QCustomPlot* plot_ = nullptr;
    QLabel* messageLabel_ = nullptr;
    FigureExportButton* exportButton_ = nullptr;
    State state_ = State::Empty;
    int legendColumns_ = 0;  // 0: the legend is not placed below
    QStringList tickLabels_;
    int tickReserved_ = 0;
};

}  // namespace ms::ui
