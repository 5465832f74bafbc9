#pragma once
// Paints a TiesGrid: labelled rows of coloured cells, summary rows under a rule, a legend for the
// looks in use. Painted by hand rather than a QTableWidget so the crossings, greyed cells and
// the sign row read at a glance on a projector, and so a PNG of it looks like the screen.
#include <QWidget>

#include "ui/teaching/ties_grid.h"

namespace ms::ui {

class TiesGridView : public QWidget {
    Q_OBJECT
public:
    explicit TiesGridView(QWidget* parent = nullptr);

    void setGrid(TiesGrid grid);
    const TiesGrid& grid() const { return grid_; }
    // Shown instead of the grid while there is none.
    void setPlaceholder(const QString& text);

    // Cell geometry, in widget coordinates, for hover and for tests. Invalid when out of range.
    QRect cellRect(int row, int column) const;
    // The cell under `pos`: {row, column}, or {-1, -1}.
    QPoint cellAt(const QPoint& pos) const;
    // The hover tooltip at `pos`: row, entry, exact value and what the cell's look means; empty
    // outside the cells.
    QString toolTipAt(const QPoint& pos) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    struct Metrics {
        int labelWidth = 0, noteWidth = 0, cellWidth = 0, cellHeight = 0, headerHeight = 0;
        int top = 0, left = 0, separatorGap = 0, legendHeight = 0;
    };
    Metrics metricsFor(int width) const;
    int rowTop(const Metrics& m, int row) const;
    void paintCell(QPainter& painter, const QRect& rect, const TiesGridCell& cell) const;
    void paintLegend(QPainter& painter, const Metrics& m, int top) const;

    TiesGrid grid_;
    QString placeholder_;
};

}  // namespace ms::ui
