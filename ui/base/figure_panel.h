#pragma once
// The frame every figure sits in: a header (title, the figure's controls, the export button:
// PNG/SVG/PDF with caption, CSV) and the plot, which a message replaces while there is nothing to
// show, a computation runs, or it failed. Subclasses draw into plot() and say what the caption
// and the CSV data are. The routing figures (FigureFrame) and the results figures (FigureCard)
// are two looks of this one frame.
#include <QFrame>

#include "ui/base/figure_export.h"

class QCustomPlot;
class QHBoxLayout;
class QLabel;
class QStackedWidget;
class QVBoxLayout;

namespace ms::ui {

class FigurePanel : public QFrame {
    Q_OBJECT
public:
    enum class State { Plot, Empty, Busy, Error };

    // `baseName` is the suggested export file name, e.g. "routing-heatmap".
    explicit FigurePanel(const QString& baseName, QWidget* parent = nullptr);

    QCustomPlot* plot() const { return plot_; }
    FigureExportButton* exportButton() const { return exportButton_; }

    // Rich text; hidden while empty.
    void setTitle(const QString& title);
    QString title() const;

    void showPlot();
    void showEmpty(const QString& text);
    // Busy: a computation runs; its controls are disabled. endBusy() brings back what showed
    // before it (a cancelled computation changes nothing); it does nothing when not busy.
    void showBusy(const QString& text);
    void endBusy();
    void showError(const QString& text);
    State state() const { return state_; }
    QString message() const;  // the text shown instead of the plot; empty while the plot shows

    // The line under exported figures (method, parameters, what is shown): what setCaption() set,
    // unless a subclass words it itself.
    void setCaption(const QString& caption) { caption_ = caption; }
    virtual QString caption() const { return caption_; }
    // The numbers behind the figure, as the CSV export writes them.
    virtual CsvTable data() const { return {}; }

    // Extra widgets in the header: left of the export button, or right after the title (a control
    // that finishes the title's sentence, "Mean routing of [task]").
    void addHeaderWidget(QWidget* widget, bool besideTitle = false);

Q_SIGNALS:
    void stateChanged(ms::ui::FigurePanel::State state);

protected:
    // A header widget that is disabled while busy (a Run button must not start a second job).
    void addControl(QWidget* control);
    void setControlsEnabled(bool enabled);

    // For the looks of the subclasses.
    QVBoxLayout* panelLayout() const { return layout_; }
    QLabel* titleLabel() const { return title_; }
    QLabel* messageLabel() const { return messageLabel_; }

private:
    void showMessage(State state, const QString& text);

    QVBoxLayout* layout_ = nullptr;
    QHBoxLayout* header_ = nullptr;
    QLabel* title_ = nullptr;
    QStackedWidget* stack_ = nullptr;
    QCustomPlot* plot_ = nullptr;
    QLabel* messageLabel_ = nullptr;
    FigureExportButton* exportButton_ = nullptr;
    QList<QWidget*> controls_;
    QString caption_;
    State state_ = State::Empty;
    State stateBeforeBusy_ = State::Empty;
    QString messageBeforeBusy_;
    int titleCompanions_ = 0;
};

}  // namespace ms::ui
