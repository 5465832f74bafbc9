#include "ui/routing/category_axis_labels.h"

#include <cmath>

#include "ui/base/qcustomplot_include.h"
#include "ui/routing/routing_palette.h"

namespace ms::ui {

namespace {

constexpr double kRotationDegrees = -45.0;
constexpr int kGap = 5;  // pixels between the plot edge and a label

}  // namespace

CategoryAxisLabels::CategoryAxisLabels(QCustomPlot* plot, QCPAxis* axis, QCPAxis* coordinateAxis, Edge edge)
    : plot_(plot), axis_(axis), coordinateAxis_(coordinateAxis), edge_(edge) {
    axis_->setVisible(true);
    axis_->setTickLabels(true);
    axis_->setTickLabelColor(Qt::transparent);
    axis_->setTickLength(0, 0);
    axis_->setSubTicks(false);
    axis_->setBasePen(Qt::NoPen);
    axis_->setTickPen(Qt::NoPen);
    axis_->setTickLabelPadding(kGap);
    axis_->grid()->setVisible(false);
    // The labelling axis follows the coordinate axis, so its invisible ticks stay under the items.
    if (axis_ != coordinateAxis_)
        QObject::connect(coordinateAxis_, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), axis_,
                     qOverload<const QCPRange&>(&QCPAxis::setRange));
}

void CategoryAxisLabels::clear() { setLabels({}, {}); }

void CategoryAxisLabels::setLabels(const QStringList& texts, const QVector<QColor>& colors) {
    for (auto* item : items_) plot_->removeItem(item);
    items_.clear();
    texts_ = texts;
    colors_ = colors;

    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int i = 0; i < texts.size(); ++i) ticker->addTick(i, texts[i]);
    axis_->setTicker(ticker);
    axis_->setRange(coordinateAxis_->range());
    axis_->setRangeReversed(coordinateAxis_->rangeReversed());

    QFont font = axis_->tickLabelFont();
    for (int i = 0; i < texts.size(); ++i) {
        auto* item = new QCPItemText(plot_);
        item->setClipToAxisRect(false);
        item->setSelectable(false);
        item->setFont(font);
        item->setText(texts[i]);
        item->setColor(color(i));
        item->position->setAxisRect(axis_->axisRect());
        if (edge_ == Edge::Top) {
            item->position->setAxes(coordinateAxis_, axis_->axisRect()->axis(QCPAxis::atLeft));
            item->position->setTypeX(QCPItemPosition::ptPlotCoords);
            item->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
            item->position->setCoords(i, 0.0);
        } else {
            item->position->setAxes(axis_->axisRect()->axis(QCPAxis::atBottom), coordinateAxis_);
            item->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
            item->position->setTypeY(QCPItemPosition::ptPlotCoords);
            item->position->setCoords(0.0, i);
        }
        items_ << item;
    }
    applyRotation();
}

QColor CategoryAxisLabels::color(int i) const {
    const QColor c = colors_.value(i);
    return c.isValid() ? routing::readableOnWhite(c) : QColor(Qt::black);
}

void CategoryAxisLabels::applyRotation() {
    const bool top = edge_ == Edge::Top;
    axis_->setTickLabelRotation(top && rotated_ ? kRotationDegrees : 0.0);
    for (auto* item : items_) {
        if (!top) {
            item->setPositionAlignment(Qt::AlignRight | Qt::AlignVCenter);
            item->setPadding(QMargins(0, 0, kGap + axis_->offset(), 0));
        } else if (rotated_) {
            // Reads upwards to the right, starting just above its column's centre.
            item->setRotation(kRotationDegrees);
            item->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
            item->setPadding(QMargins(kGap + 2, 0, 0, 0));
        } else {
            item->setRotation(0.0);
            item->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
            item->setPadding(QMargins(0, 0, 0, kGap + axis_->offset()));
        }
    }
}

bool CategoryAxisLabels::updateAfterLayout() {
    if (edge_ != Edge::Top || texts_.isEmpty()) return false;
    const QFontMetrics metrics(axis_->tickLabelFont());
    int widest = 0;
    for (const auto& t : texts_) widest = std::max(widest, metrics.horizontalAdvance(t));
    const double columnWidth = double(axis_->axisRect()->width()) / texts_.size();
    const bool shouldRotate = widest + 6 > columnWidth;
    // The last label, read diagonally, reaches past the right edge of the plot: keep room for it.
    const int overhang = shouldRotate ? int(std::ceil(widest * 0.71 - columnWidth / 2.0)) + kGap : 0;
    QMargins minimum = axis_->axisRect()->minimumMargins();
    const bool marginChanged = minimum.right() != std::max(overhang, 0);
    if (shouldRotate == rotated_ && !marginChanged) return false;
    rotated_ = shouldRotate;
    minimum.setRight(std::max(overhang, 0));
    axis_->axisRect()->setMinimumMargins(minimum);
    applyRotation();
    return true;
}

QRectF CategoryAxisLabels::labelRect(int i) const {
    if (i < 0 || i >= items_.size()) return {};
    const QFontMetrics metrics(axis_->tickLabelFont());
    const QPointF anchor = items_[i]->position->pixelPosition();
    const QSizeF size(metrics.horizontalAdvance(texts_[i]), metrics.height());
    if (edge_ == Edge::Left) return QRectF(anchor.x() - kGap - size.width(), anchor.y() - size.height() / 2, size.width(), size.height());
    return QRectF(anchor.x() - size.width() / 2, anchor.y() - kGap - size.height(), size.width(), size.height());
}

}  // namespace ms::ui
