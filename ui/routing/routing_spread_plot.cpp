#include "ui/routing/routing_spread_plot.h"

#include <cmath>

#include "ui/base/colors.h"
#include "ui/base/qcustomplot_include.h"
#include "ui/base/tool_tips.h"

namespace ms::ui {

RoutingSpreadPlot::RoutingSpreadPlot(QWidget* parent) : FigureFrame(QStringLiteral("routing-spread"), parent) {
    QCustomPlot* p = plot();
    p->xAxis->setLabel(tr("layer"));
    p->yAxis->setLabel(tr("routing spread (bits)"));
    p->xAxis->grid()->setVisible(false);
    p->xAxis->setSubTicks(false);
    p->xAxis->setTickLength(0, 4);
    bars_ = new QCPBars(p->xAxis, p->yAxis);
    bars_->setWidth(0.6);
    bars_->setBrush(viridis(0.25));  // viridis blue: a magnitude, not a task
    bars_->setPen(Qt::NoPen);
    bars_->setSelectable(QCP::stNone);
    maximumLine_ = new QCPItemStraightLine(p);
    maximumLine_->setPen(QPen(divergingRed(), 1.5, Qt::DashLine));
    maximumLine_->setSelectable(false);
    maximumLabel_ = new QCPItemText(p);
    maximumLabel_->setSelectable(false);
    maximumLabel_->setColor(divergingRed());
    maximumLabel_->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    maximumLabel_->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
    maximumLabel_->position->setTypeY(QCPItemPosition::ptPlotCoords);
    maximumLabel_->setPadding(QMargins(0, 0, 4, 2));
    installToolTips(p, [this](const QPoint& pos) { return toolTipAt(pos); });
    clear();
}

void RoutingSpreadPlot::clear(const QString& message) {
    summary_ = {};
    bars_->data()->clear();
    showPlaceholder(message.isEmpty() ? tr("Compute the routing of the test sets to see its spread per layer.") : message);
}

double RoutingSpreadPlot::maximumBits() const {
    return summary_.tasks.isEmpty() ? std::nan("") : std::log2(double(summary_.tasks.size()));
}

double RoutingSpreadPlot::referenceLineValue() const {
    return summary_.spread.isEmpty() ? std::nan("") : maximumLine_->point1->coords().y();
}

QString RoutingSpreadPlot::referenceLineText() const { return summary_.spread.isEmpty() ? QString() : maximumLabel_->text(); }

void RoutingSpreadPlot::setSummary(const RoutingSummary& summary) {
    if (summary.tasks.isEmpty() || summary.spread.isEmpty()) {
        clear(tr("This routing summary has no spread per layer."));
        return;
    }
    summary_ = summary;
    QCustomPlot* p = plot();
    QVector<double> keys;
    for (int l = 0; l < summary.spread.size(); ++l) keys << l;
    bars_->setData(keys, summary.spread, true);
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int l = 0; l < summary.spread.size(); ++l) ticker->addTick(l, QString::number(l));
    p->xAxis->setTicker(ticker);
    p->xAxis->setRange(-0.6, summary.spread.size() - 0.4);
    const double top = maximumBits();
    maximumLine_->point1->setCoords(0, top);
    maximumLine_->point2->setCoords(1, top);
    maximumLabel_->position->setCoords(1.0, top);
    maximumLabel_->setText(tr("uniform: log₂ %1 = %2 bits")
                               .arg(summary.tasks.size())
                               .arg(QString::number(top, 'g', 3)));
    p->yAxis->setRange(0.0, std::max(top, *std::max_element(summary.spread.begin(), summary.spread.end())) * 1.15 + 1e-9);
    showPlot();
    p->replot();
}

QPointF RoutingSpreadPlot::barTop(int layer) const {
    return {plot()->xAxis->coordToPixel(layer), plot()->yAxis->coordToPixel(spread(layer))};
}

QString RoutingSpreadPlot::toolTipAt(const QPointF& pixel) const {
    if (summary_.spread.isEmpty() || !plot()->axisRect()->rect().contains(pixel.toPoint())) return {};
    const int layer = int(std::lround(plot()->xAxis->pixelToCoord(pixel.x())));
    if (layer < 0 || layer >= summary_.spread.size()) return {};
    return tr("layer %1 · spread %2 bits of at most %3\n(%4% of uniform routing)")
        .arg(layer)
        .arg(QString::number(spread(layer), 'f', 3), QString::number(maximumBits(), 'f', 3),
             QString::number(100.0 * spread(layer) / maximumBits(), 'f', 0));
}

CsvTable RoutingSpreadPlot::table() const {
    CsvTable table;
    if (summary_.spread.isEmpty()) return table;
    table.header = {tr("layer"), tr("spread (bits)"), tr("maximum (bits)")};
    for (int l = 0; l < summary_.spread.size(); ++l)
        table.rows << QStringList{QString::number(l), QString::number(spread(l), 'g', 8),
                                  QString::number(maximumBits(), 'g', 8)};
    return table;
}

}  // namespace ms::ui
