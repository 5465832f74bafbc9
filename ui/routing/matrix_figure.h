#pragma once
// A labelled matrix drawn as coloured cells: the common ground of the routing heatmap (layers ×
// task vectors) and the first-choice matrix (image tasks × layers). Row 0 is at the top, column
// labels sit above the cells in their own colours, a colour scale explains the colours, and
// hovering a cell shows its exact value. Subclasses fill it and word the tooltips.
#include <QPointF>
#include <QRect>
#include <QVector>

#include "ui/routing/category_axis_labels.h"
#include "ui/routing/figure_frame.h"

class QCPColorGradient;
class QCPColorMap;
class QCPColorScale;
class QCPItemRect;
class QCPItemText;

namespace ms::ui {

class MatrixFigure : public FigureFrame {
    Q_OBJECT
public:
    explicit MatrixFigure(const QString& baseName, QWidget* parent = nullptr);
    ~MatrixFigure() override;

    int rowCount() const { return rows_; }
    int columnCount() const { return columns_; }
    double value(int row, int column) const;
    // The colour the cell is painted with.
    QColor cellColor(int row, int column) const;
    // The cell's centre in plot() pixels, after the last layout.
    QPointF cellCenter(int row, int column) const;
    // The cell under a plot() pixel as (column, row); (-1, -1) outside the cells.
    QPoint cellAt(const QPointF& pixel) const;
    // The tooltip shown when hovering `pixel` in plot(); empty outside the cells.
    QString toolTipAt(const QPointF& pixel) const;
    // The text written in the cell (empty when none, or while the cells are too small for text).
    QString annotation(int row, int column) const;
    bool annotationsVisible() const { return annotationsVisible_; }
    // Outlined blocks of cells: x = first column, y = first row, width/height in cells.
    QVector<QRect> outlines() const { return outlineCells_; }
    double dataLower() const { return lower_; }
    double dataUpper() const { return upper_; }
    const CategoryAxisLabels& columnLabels() const { return *columnLabels_; }
    const CategoryAxisLabels& rowLabels() const { return *rowLabels_; }

protected:
    struct Axes {
        QStringList rowLabels, columnLabels;
        QVector<QColor> rowColors, columnColors;  // may be empty
        QString rowTitle, columnTitle;            // "layer", "task vector"
    };
    // Replaces the matrix (row-major values), then replots.
    void setMatrix(int rows, int columns, const QVector<double>& values, const Axes& axes);
    void setColorScale(const QCPColorGradient& gradient, double lower, double upper, const QString& label);
    // One text per cell, row-major; an empty list removes them.
    void setAnnotations(const QStringList& texts);
    void setOutlines(const QVector<QRect>& cells);
    void clearMatrix(const QString& placeholder);
    void replot();

    virtual QString cellToolTip(int row, int column) const = 0;

private:
    void afterLayout();

    QCPColorMap* map_ = nullptr;
    QCPColorScale* scale_ = nullptr;
    CategoryAxisLabels* columnLabels_ = nullptr;
    CategoryAxisLabels* rowLabels_ = nullptr;
    QVector<QCPItemText*> annotationItems_;
    QVector<QCPItemRect*> outlineItems_;
    QVector<QRect> outlineCells_;
    QVector<double> values_;
    int rows_ = 0;
    int columns_ = 0;
    double lower_ = 0.0;
    double upper_ = 1.0;
    bool annotationsVisible_ = false;
};

}  // namespace ms::ui
