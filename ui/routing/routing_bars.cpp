#include "ui/routing/routing_bars.h"

#include <cmath>

#include "ui/base/qcustomplot_include.h"
#include "ui/base/tool_tips.h"
#include "ui/routing/routing_palette.h"

namespace ms::ui {

namespace {

constexpr double kGroupWidth = 0.82;  // of one layer's slot; the rest separates the groups

}  // namespace

RoutingBars::RoutingBars(QWidget* parent) : FigureFrame(QStringLiteral("routing-bars"), parent) {
    QCustomPlot* p = plot();
    p->xAxis->setLabel(tr("layer"));
    p->yAxis->setLabel(tr("routing weight"));
    p->xAxis->grid()->setVisible(false);
    p->xAxis->setTickLength(0, 4);
    p->xAxis->setSubTicks(false);
    p->yAxis->grid()->setZeroLinePen(QPen(QColor(90, 90, 90), 1));
    // The legend gets its own column right of the bars, so it never hides a bar.
    p->legend->setVisible(true);
    p->legend->setBorderPen(Qt::NoPen);
    p->legend->setBrush(Qt::NoBrush);
    QFont legendFont = p->font();
    legendFont.setPointSizeF(8.5);
    p->legend->setFont(legendFont);
    p->legend->setIconSize(12, 12);
    p->axisRect()->insetLayout()->take(p->legend);
    auto* legendCell = new QCPLayoutGrid;
    p->plotLayout()->addElement(0, 1, legendCell);
    legendCell->addElement(0, 0, p->legend);
    legendCell->setMargins(QMargins(0, 10, 6, 0));
    legendCell->setRowStretchFactor(0, 0.01);
    legendCell->addElement(1, 0, new QCPLayoutElement(p));  // pushes the legend to the top
    p->plotLayout()->setColumnStretchFactor(1, 0.001);
    installToolTips(p, [this](const QPoint& pos) { return toolTipAt(pos); });
    clear();
}

void RoutingBars::clear(const QString& message) {
    trace_ = {};
    columns_.clear();
    for (auto* bars : bars_) plot()->removePlottable(bars);
    bars_.clear();
    showPlaceholder(message.isEmpty() ? tr("Choose an image to see how it is routed.") : message);
}

double RoutingBars::barWidth() const { return columns_.isEmpty() ? kGroupWidth : kGroupWidth / columns_.size(); }

double RoutingBars::barKey(int layer, int task) const {
    return layer - kGroupWidth / 2 + barWidth() * (task + 0.5);
}

void RoutingBars::setTrace(const RoutingTrace& trace, const QVector<TaskInfo>& tasks) {
    if (trace.layers <= 0 || trace.tasks.isEmpty() || trace.weights.size() != trace.layers * trace.tasks.size()) {
        clear(tr("This routing trace is empty or malformed."));
        return;
    }
    clear();
    trace_ = trace;
    columns_ = routing::tasksByName(trace.tasks, tasks);
    QCustomPlot* p = plot();
    double low = 0.0, high = 0.0;
    for (int t = 0; t < columns_.size(); ++t) {
        auto* bars = new QCPBars(p->xAxis, p->yAxis);
        bars->setName(legendText(t));
        bars->setWidth(barWidth() * 0.92);
        bars->setPen(QPen(columns_[t].color.darker(130), 0.8));
        bars->setBrush(columns_[t].color);
        bars->setSelectable(QCP::stNone);
        for (int l = 0; l < trace.layers; ++l) {
            const double v = trace.weight(l, t);
            bars->addData(barKey(l, t), v);
            low = std::min(low, v);
            high = std::max(high, v);
        }
        bars_ << bars;
    }
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int l = 0; l < trace.layers; ++l) ticker->addTick(l, QString::number(l));
    p->xAxis->setTicker(ticker);
    p->xAxis->setRange(-0.55, trace.layers - 0.45);
    const double pad = 0.06 * std::max(high - low, 1e-3);
    p->yAxis->setRange(low < 0 ? low - pad : 0.0, high + pad);
    showPlot();
    p->replot();
}

double RoutingBars::barValue(int layer, int task) const {
    if (layer < 0 || layer >= trace_.layers || task < 0 || task >= columns_.size()) return std::nan("");
    return trace_.weight(layer, task);
}

QColor RoutingBars::barColor(int task) const {
    auto* bars = bars_.value(task);
    return bars ? bars->brush().color() : QColor();
}

QString RoutingBars::legendText(int task) const {
    if (task < 0 || task >= columns_.size()) return {};
    const QString name = tr("τ %1").arg(columns_[task].displayName);
    return task == trace_.trueTask ? tr("%1 (own task)").arg(name) : name;
}

QPointF RoutingBars::barTop(int layer, int task) const {
    return {plot()->xAxis->coordToPixel(barKey(layer, task)), plot()->yAxis->coordToPixel(barValue(layer, task))};
}

QString RoutingBars::toolTipAt(const QPointF& pixel) const {
    if (columns_.isEmpty() || !plot()->axisRect()->rect().contains(pixel.toPoint())) return {};
    const double key = plot()->xAxis->pixelToCoord(pixel.x());
    const int layer = int(std::lround(key));
    const double offset = key - layer + kGroupWidth / 2;
    if (layer < 0 || layer >= trace_.layers || offset < 0 || offset >= kGroupWidth) return {};
    const int task = std::min(int(offset / barWidth()), int(columns_.size()) - 1);
    return tr("layer %1 · τ %2 · %3").arg(layer).arg(columns_[task].displayName,
                                                      QString::number(barValue(layer, task), 'f', 4));
}

CsvTable RoutingBars::table() const {
    return columns_.isEmpty() ? CsvTable() : routing::weightTable(trace_, columns_);
}

}  // namespace ms::ui
