#pragma once
// Category labels in their own colours (task names in task colours) along the top or left edge
// of a plot's axis rect. QCustomPlot draws all tick labels of an axis in one colour, so the axis
// keeps invisible tick labels, which reserve exactly the room QCustomPlot's layout needs, and one
// text item per category draws the visible, coloured label over that room.
#include <QColor>
#include <QRectF>
#include <QStringList>
#include <QVector>

class QCustomPlot;
class QCPAxis;
class QCPItemText;

namespace ms::ui {

class CategoryAxisLabels {
public:
    enum class Edge { Top, Left };

    // `axis` is the axis whose room the labels use: the top axis (xAxis2) for Edge::Top, the left
    // axis for Edge::Left. `coordinateAxis` carries the category coordinates 0, 1, …
    CategoryAxisLabels(QCustomPlot* plot, QCPAxis* axis, QCPAxis* coordinateAxis, Edge edge);

    // Category i sits at coordinate i. An invalid colour draws in the plot's text colour.
    void setLabels(const QStringList& texts, const QVector<QColor>& colors = {});
    void clear();

    // Call after every layout: rotates top labels by 45° when they do not fit their columns.
    // Returns true when the margins changed, so the plot needs one more layout.
    bool updateAfterLayout();

    int count() const { return texts_.size(); }
    QString text(int i) const { return texts_.value(i); }
    QColor color(int i) const;
    bool rotated() const { return rotated_; }
    // Where label i is drawn, in plot pixels (the unrotated box; meaningful when !rotated()).
    QRectF labelRect(int i) const;

private:
    void applyRotation();

    QCustomPlot* plot_;
    QCPAxis* axis_;
    QCPAxis* coordinateAxis_;
    Edge edge_;
    QStringList texts_;
    QVector<QColor> colors_;
    QVector<QCPItemText*> items_;
    bool rotated_ = false;
};

}  // namespace ms::ui
