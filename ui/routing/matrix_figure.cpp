#include "ui/routing/matrix_figure.h"

#include <cmath>

#include "ui/base/qcustomplot_include.h"
#include "ui/base/tool_tips.h"
#include "ui/base/colors.h"

namespace ms::ui {

MatrixFigure::MatrixFigure(const QString& baseName, QWidget* parent) : FigureFrame(baseName, parent) {
    QCustomPlot* p = plot();
    p->setNoAntialiasingOnDrag(true);
    auto* rect = p->axisRect();
    p->xAxis->setVisible(false);
    p->xAxis->grid()->setVisible(false);
    p->yAxis->grid()->setVisible(false);
    p->yAxis->setRangeReversed(true);  // row 0 (layer 0, the first task) at the top
    p->yAxis->setLabelPadding(4);
    p->xAxis2->setLabelPadding(4);
    columnLabels_ = new CategoryAxisLabels(p, p->xAxis2, p->xAxis, CategoryAxisLabels::Edge::Top);
    rowLabels_ = new CategoryAxisLabels(p, p->yAxis, p->yAxis, CategoryAxisLabels::Edge::Left);

    map_ = new QCPColorMap(p->xAxis, p->yAxis);
    map_->setInterpolate(false);
    map_->setTightBoundary(false);
    map_->setSelectable(QCP::stNone);

    scale_ = new QCPColorScale(p);
    scale_->setType(QCPAxis::atRight);
    scale_->setBarWidth(12);
    scale_->axis()->setPadding(2);
    p->plotLayout()->addElement(0, 1, scale_);
    map_->setColorScale(scale_);
    // The colour bar spans exactly the cells, whatever room the column labels take above them.
    auto* group = new QCPMarginGroup(p);
    rect->setMarginGroup(QCP::msTop | QCP::msBottom, group);
    scale_->setMarginGroup(QCP::msTop | QCP::msBottom, group);

    connect(p, &QCustomPlot::afterLayout, this, &MatrixFigure::afterLayout);
    ToolTipOptions toolTips;
    toolTips.area = [this](const QPoint& pos) {  // the tip belongs to its cell
        const QPoint cell = cellAt(pos);
        if (cell.x() < 0) return QRect();
        const QPointF centre = cellCenter(cell.y(), cell.x());
        const double w = double(plot()->axisRect()->width()) / columns_;
        const double h = double(plot()->axisRect()->height()) / rows_;
        return QRect(int(centre.x() - w / 2), int(centre.y() - h / 2), int(std::ceil(w)), int(std::ceil(h)));
    };
    installToolTips(p, [this](const QPoint& pos) { return toolTipAt(pos); }, toolTips);
}

MatrixFigure::~MatrixFigure() {
    delete columnLabels_;
    delete rowLabels_;
}

double MatrixFigure::value(int row, int column) const {
    if (row < 0 || row >= rows_ || column < 0 || column >= columns_) return std::nan("");
    return values_.value(row * columns_ + column, std::nan(""));
}

QColor MatrixFigure::cellColor(int row, int column) const {
    QCPColorGradient gradient = map_->gradient();  // color() is not const: it caches its table
    return QColor::fromRgba(gradient.color(value(row, column), map_->dataRange(), false));
}

QPointF MatrixFigure::cellCenter(int row, int column) const {
    return {plot()->xAxis->coordToPixel(column), plot()->yAxis->coordToPixel(row)};
}

QPoint MatrixFigure::cellAt(const QPointF& pixel) const {
    if (rows_ == 0 || columns_ == 0 || !plot()->axisRect()->rect().contains(pixel.toPoint())) return {-1, -1};
    const int column = int(std::lround(plot()->xAxis->pixelToCoord(pixel.x())));
    const int row = int(std::lround(plot()->yAxis->pixelToCoord(pixel.y())));
    if (row < 0 || row >= rows_ || column < 0 || column >= columns_) return {-1, -1};
    return {column, row};
}

QString MatrixFigure::toolTipAt(const QPointF& pixel) const {
    const QPoint cell = cellAt(pixel);
    return cell.x() < 0 ? QString() : cellToolTip(cell.y(), cell.x());
}

QString MatrixFigure::annotation(int row, int column) const {
    if (!annotationsVisible_ || row < 0 || row >= rows_ || column < 0 || column >= columns_) return {};
    const auto* item = annotationItems_.value(row * columns_ + column);
    return item ? item->text() : QString();
}

void MatrixFigure::clearMatrix(const QString& placeholder) {
    setAnnotations({});
    setOutlines({});
    rows_ = columns_ = 0;
    values_.clear();
    map_->data()->clear();
    columnLabels_->clear();
    rowLabels_->clear();
    showPlaceholder(placeholder);
}

void MatrixFigure::setMatrix(int rows, int columns, const QVector<double>& values, const Axes& axes) {
    QCustomPlot* p = plot();
    rows_ = rows;
    columns_ = columns;
    values_ = values;
    map_->data()->setSize(columns, rows);
    // Cell centres at integer coordinates. QCustomPlot widens a map by half a cell on each side
    // only when it has two or more cells along an axis, so a single cell spans ±0.5 itself.
    auto cellRange = [](int n) { return n > 1 ? QCPRange(0, n - 1) : QCPRange(-0.5, 0.5); };
    map_->data()->setRange(cellRange(columns), cellRange(rows));
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < columns; ++c) map_->data()->setCell(c, r, values.value(r * columns + c, std::nan("")));
    p->xAxis->setRange(-0.5, columns - 0.5);
    p->yAxis->setRange(-0.5, rows - 0.5);
    columnLabels_->setLabels(axes.columnLabels, axes.columnColors);
    rowLabels_->setLabels(axes.rowLabels, axes.rowColors);
    p->xAxis2->setLabel(axes.columnTitle);
    p->yAxis->setLabel(axes.rowTitle);
    showPlot();
}

void MatrixFigure::setColorScale(const QCPColorGradient& gradient, double lower, double upper, const QString& label) {
    lower_ = lower;
    upper_ = upper;
    map_->setGradient(gradient);
    map_->setDataRange(QCPRange(lower, upper));
    scale_->setGradient(gradient);
    scale_->setDataRange(QCPRange(lower, upper));
    scale_->axis()->setLabel(label);
    // Annotation colours follow the cell colours.
    for (int i = 0; i < annotationItems_.size(); ++i)
        annotationItems_[i]->setColor(readableTextColor(cellColor(i / columns_, i % columns_)));
}

void MatrixFigure::setAnnotations(const QStringList& texts) {
    for (auto* item : annotationItems_) plot()->removeItem(item);
    annotationItems_.clear();
    if (texts.size() != rows_ * columns_) return;
    QFont font = plot()->font();
    font.setPointSizeF(8);
    for (int i = 0; i < texts.size(); ++i) {
        auto* item = new QCPItemText(plot());
        item->setSelectable(false);
        item->setFont(font);
        item->setText(texts[i]);
        item->setPositionAlignment(Qt::AlignCenter);
        item->position->setCoords(i % columns_, i / columns_);
        item->setColor(readableTextColor(cellColor(i / columns_, i % columns_)));
        annotationItems_ << item;
    }
}

void MatrixFigure::setOutlines(const QVector<QRect>& cells) {
    for (auto* item : outlineItems_) plot()->removeItem(item);
    outlineItems_.clear();
    outlineCells_ = cells;
    for (const QRect& cell : cells) {
        auto* item = new QCPItemRect(plot());
        item->setSelectable(false);
        item->setClipToAxisRect(false);  // the frame's outer half would be clipped at the edges
        item->setPen(QPen(QColor(20, 20, 20), 2.5));
        item->setBrush(Qt::NoBrush);
        item->topLeft->setCoords(cell.left() - 0.5, cell.top() - 0.5);
        item->bottomRight->setCoords(cell.right() + 0.5, cell.bottom() + 0.5);
        outlineItems_ << item;
    }
}

void MatrixFigure::replot() {
    plot()->replot();
    // The first layout can decide that column labels must turn; lay out once more at once so
    // exports and grabs never see the intermediate state.
    if (columnLabels_->updateAfterLayout()) plot()->replot();
}

void MatrixFigure::afterLayout() {
    if (columnLabels_->updateAfterLayout()) plot()->replot(QCustomPlot::rpQueuedReplot);
    // Numbers in the cells only when they fit; the tooltip always has them.
    bool fits = !annotationItems_.isEmpty() && rows_ > 0 && columns_ > 0;
    if (fits) {
        const QFontMetrics metrics(annotationItems_.first()->font());
        int widest = 0;
        for (auto* item : annotationItems_) widest = std::max(widest, metrics.horizontalAdvance(item->text()));
        const double cellWidth = double(plot()->axisRect()->width()) / columns_;
        const double cellHeight = double(plot()->axisRect()->height()) / rows_;
        fits = widest + 4 <= cellWidth && metrics.height() <= cellHeight;
    }
    annotationsVisible_ = fits;
    for (auto* item : annotationItems_) item->setVisible(fits);
}

}  // namespace ms::ui
