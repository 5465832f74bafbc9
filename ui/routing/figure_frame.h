#pragma once
// The frame every routing figure sits in: a title, room for a few controls, the export button
// (PNG/SVG/PDF with caption, CSV), and the plot, or a placeholder message while there is nothing
// to plot. Subclasses draw into plot() and say what their numbers are in table().
#include <QWidget>

#include "ui/base/figure_export.h"

class QCustomPlot;
class QHBoxLayout;
class QLabel;
class QStackedWidget;

namespace ms::ui {

class FigureFrame : public QWidget {
    Q_OBJECT
public:
    // `baseName` is the suggested export file name, e.g. "routing-heatmap".
    FigureFrame(const QString& baseName, QWidget* parent = nullptr);

    QCustomPlot* plot() const { return plot_; }
    FigureExportButton* exportButton() const { return exportButton_; }

    // The line under exported figures: method, parameters, what is shown.
    void setCaption(const QString& caption) { caption_ = caption; }
    QString caption() const { return caption_; }
    void setTitle(const QString& title);
    QString title() const;

    // The numbers behind the figure, as the CSV export writes them.
    virtual CsvTable table() const = 0;

    // True while the placeholder is shown instead of the plot.
    bool isShowingPlaceholder() const;
    QString placeholderText() const;

    // Extra controls go into the header: left of the export button, or right after the title.
    void addHeaderWidget(QWidget* widget, bool besideTitle = false);

protected:
    void showPlaceholder(const QString& message);
    void showPlot();

private:
    QCustomPlot* plot_ = nullptr;
    FigureExportButton* exportButton_ = nullptr;
    QLabel* title_ = nullptr;
    QLabel* placeholder_ = nullptr;
    QStackedWidget* stack_ = nullptr;
    QHBoxLayout* header_ = nullptr;
    QString caption_;
    int titleCompanions_ = 0;
};

}  // namespace ms::ui
