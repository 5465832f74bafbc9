#include "ui/results/accuracy_bar_chart.h"

#include <algorithm>
#include <cmath>

#include "ui/base/qcustomplot_include.h"
#include "ui/results/accuracy_table_export.h"
#include "ui/results/accuracy_table_model.h"
#include "ui/base/tool_tips.h"

namespace ms::ui {


AccuracyBarChart::AccuracyBarChart(AccuracyTableModel* model, QWidget* parent)
    : FigureCard(tr("Accuracy per task"),
                 tr("One bar per method on each task; the last group is the average. Hover a bar for its value; "
                    "click it to select its cell in the table."),
                 QStringLiteral("accuracy-per-task"), parent),
      model_(model) {
    refreshTimer_.setSingleShot(true);
    refreshTimer_.setInterval(0);
    connect(&refreshTimer_, &QTimer::timeout, this, &AccuracyBarChart::refresh);
    connect(model_, &QAbstractItemModel::modelReset, this, &AccuracyBarChart::scheduleRefresh);
    connect(model_, &QAbstractItemModel::layoutChanged, this, &AccuracyBarChart::scheduleRefresh);
    connect(model_, &QAbstractItemModel::rowsInserted, this, &AccuracyBarChart::scheduleRefresh);
    connect(model_, &QAbstractItemModel::rowsRemoved, this, &AccuracyBarChart::scheduleRefresh);
    connect(model_, &QAbstractItemModel::dataChanged, this, &AccuracyBarChart::scheduleRefresh);

    QCustomPlot* p = plot();
    styleAxes();
    installPointToolTips(p, [this](QCPAbstractPlottable* plottable, int index) -> QString {
        int row = -1, column = -1;
        return cellOf(plottable, index, row, column) ? toolTipFor(row, column) : QString();
    });
    connect(p, &QCustomPlot::plottableClick, this, [this](QCPAbstractPlottable* plottable, int index, QMouseEvent*) {
        int row = -1, column = -1;
        if (cellOf(plottable, index, row, column)) Q_EMIT barClicked(row, column);
    });
    refresh();
}

void AccuracyBarChart::scheduleRefresh() { refreshTimer_.start(); }

bool AccuracyBarChart::cellOf(QCPAbstractPlottable* plottable, int index, int& row, int& column) {
    auto* bars = qobject_cast<QCPBars*>(plottable);
    if (!bars || index < 0 || index >= bars->data()->size()) return false;
    row = bars->property("modelRow").toInt();
    column = int(std::lround((bars->data()->constBegin() + index)->key)) - 1;
    return true;
}



void AccuracyBarChart::refresh() {
    refreshTimer_.stop();
    QCustomPlot* p = plot();
    p->clearPlottables();
    p->clearItems();
    const int columns = model_->columnCount(), rows = model_->rowCount();
    if (rows == 0 || columns <= 1) {
        showEmpty(tr("No accuracies yet: evaluate the pool's baselines or run a merge in Merge & adapt."));
        p->replot();
        return;
    }

    auto* group = new QCPBarsGroup(p);
    group->setSpacingType(QCPBarsGroup::stAbsolute);
    group->setSpacing(1);
    const double groupWidth = 0.8;
    double highest = 0.0;
    for (int r = 0; r < rows; ++r) {
        auto* bars = new QCPBars(p->xAxis, p->yAxis);
        bars->setName(model_->headerData(r, Qt::Vertical).toString());
        bars->setProperty("modelRow", r);
        bars->setWidth(groupWidth / rows);
        const QColor colour = model_->methodColor(r);
        bars->setBrush(colour);
        bars->setPen(QPen(colour.darker(130), 0.8));
        bars->setBarsGroup(group);
        for (int c = 0; c < columns; ++c) {
            const double v = model_->value(r, c);
            if (std::isnan(v)) continue;  // a gap, not a zero bar
            bars->addData(c + 1, v);
            highest = std::max(highest, v);
        }
    }

    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int c = 0; c < columns; ++c) ticker->addTick(c + 1, model_->columnTitle(c));
    p->xAxis->setTicker(ticker);
    p->xAxis->setTickLength(0, 3);
    p->xAxis->setSubTicks(false);
    p->xAxis->setRange(0.45, columns + 0.55);
    QStringList titles;
    for (int c = 0; c < columns; ++c) titles << model_->columnTitle(c);
    fitTickLabels(titles, 70);  // 70: the y axis and its label

    // The average stands apart from the tasks.
    auto* separator = new QCPItemStraightLine(p);
    separator->point1->setCoords(columns - 0.5, 0);
    separator->point2->setCoords(columns - 0.5, 1);
    separator->setPen(QPen(QColor(150, 150, 150), 1, Qt::DashLine));

    p->yAxis->setLabel(model_->isNormalised() ? tr("Normalised accuracy (% of individual)") : tr("Accuracy (%)"));
    p->yAxis->setRange(0, model_->isNormalised() ? std::max(105.0, highest * 1.05) : 104.0);  // room above 100
    placeLegendBelow(4);
    showPlot();
    p->replot();
}

QString AccuracyBarChart::caption() const {
    QStringList methods;
    for (int r = 0; r < model_->rowCount(); ++r) {
        const MethodAccuracy& row = model_->rowAt(r);
        methods << (row.caption.isEmpty() ? row.label : row.caption);
    }
    return tr("%1 accuracy per task (%2). %3.")
        .arg(model_->isNormalised() ? tr("Normalised") : tr("Absolute"),
             model_->isNormalised() ? tr("% of the individual fine-tuned model") : tr("%"), methods.join(QStringLiteral("; ")));
}

CsvTable AccuracyBarChart::data() const { return accuracyTableData(*model_); }

QString AccuracyBarChart::toolTipFor(int row, int column) const {
    if (row < 0 || row >= model_->rowCount() || column < 0 || column >= model_->columnCount()) return {};
    return model_->data(model_->index(row, column), Qt::ToolTipRole).toString();
}

}  // namespace ms::ui
