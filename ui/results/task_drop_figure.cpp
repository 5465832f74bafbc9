#include "ui/results/task_drop_figure.h"

#include <algorithm>
#include <cmath>

#include "ui/base/qcustomplot_include.h"
#include "ui/base/tool_tips.h"
#include "ui/results/results_colors.h"

namespace ms::ui {

TaskDropFigure::TaskDropFigure(QWidget* parent)
    : FigureCard(tr("Drop from the individual models"),
                 tr("Accuracy − the individual fine-tuned model's accuracy, in points, per task. Below zero is what "
                    "merging lost to interference."),
                 QStringLiteral("drop-from-individual"), parent) {
    styleAxes();
    plot()->yAxis->setLabel(tr("Accuracy − individual (points)"));
    installPointToolTips(plot(), [this](QCPAbstractPlottable* plottable, int index) -> QString {
        auto* bars = qobject_cast<QCPBars*>(plottable);
        if (!bars || index >= bars->data()->size()) return {};
        const int method = bars->property("method").toInt();
        const int column = int(std::lround((bars->data()->constBegin() + index)->key)) - 1;
        if (method >= table_.drop.size() || column < 0 || column >= table_.tasks.size()) return {};
        return tr("<b>%1</b> · %2<br>%3 points vs the individual model")
            .arg(table_.labels[method].toHtmlEscaped(), table_.tasks[column].toHtmlEscaped())
            .arg(table_.drop[method][column], 0, 'f', 2);
    });
    redraw();
}

void TaskDropFigure::setTasks(const QVector<TaskInfo>& tasks) {
    tasks_ = tasks;
    redraw();
}

void TaskDropFigure::setAccuracies(const QVector<MethodAccuracy>& rows) {
    rows_ = rows;
    redraw();
}

void TaskDropFigure::redraw() {
    table_ = computeTaskDrops(rows_, tasks_);
    QCustomPlot* p = plot();
    p->clearPlottables();
    p->clearItems();
    if (tasks_.isEmpty() || table_.isEmpty()) {
        showEmpty(!table_.hasIndividual && !table_.methodIds.isEmpty()
                      ? tr("Evaluate the individual fine-tuned models to measure the drop from them.")
                      : tr("Run task arithmetic and WEMoE in Merge & adapt (TIES and AdaMerging too, if you like) to "
                           "see how much each method loses to interference, task by task."));
        p->replot();
        return;
    }
    const int methods = int(table_.methodIds.size()), columns = int(table_.tasks.size());
    auto* group = new QCPBarsGroup(p);
    group->setSpacingType(QCPBarsGroup::stAbsolute);
    group->setSpacing(1);
    double lowest = 0.0, highest = 0.0;
    for (int m = 0; m < methods; ++m) {
        auto* bars = new QCPBars(p->xAxis, p->yAxis);
        const QColor colour = methodColor(table_.methodIds[m]);
        bars->setName(table_.labels[m]);
        bars->setProperty("method", m);
        bars->setWidth(0.8 / methods);
        bars->setBrush(colour);
        bars->setPen(QPen(colour.darker(130), 0.8));
        bars->setBarsGroup(group);
        for (int c = 0; c < columns; ++c) {
            const double d = table_.drop[m][c];
            if (std::isnan(d)) continue;
            bars->addData(c + 1, d);
            lowest = std::min(lowest, d), highest = std::max(highest, d);
        }
    }
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int c = 0; c < columns; ++c) ticker->addTick(c + 1, table_.tasks[c]);
    p->xAxis->setTicker(ticker);
    p->xAxis->setSubTicks(false);
    p->xAxis->setTickLength(0, 3);
    p->xAxis->setRange(0.45, columns + 0.55);
    fitTickLabels(table_.tasks, 70);
    // The zero line is the individual model; the average stands apart.
    auto* zero = new QCPItemStraightLine(p);
    zero->point1->setCoords(0, 0);
    zero->point2->setCoords(1, 0);
    zero->setPen(QPen(QColor(60, 60, 60), 1));
    auto* separator = new QCPItemStraightLine(p);
    separator->point1->setCoords(columns - 0.5, 0);
    separator->point2->setCoords(columns - 0.5, 1);
    separator->setPen(QPen(QColor(150, 150, 150), 1, Qt::DashLine));
    p->yAxis->setRange(std::floor(lowest / 5.0) * 5.0 - 2.0, std::max(2.0, highest + 2.0));
    placeLegendBelow(methods);
    showPlot();
    p->replot();
}

QString TaskDropFigure::caption() const {
    QStringList methods;
    for (int m = 0; m < table_.labels.size(); ++m)
        methods << (table_.captions[m].isEmpty() ? table_.labels[m] : table_.captions[m]);
    return tr("Accuracy minus the individual fine-tuned model's, in points, per task. %1.").arg(methods.join(QStringLiteral("; ")));
}

CsvTable TaskDropFigure::data() const {
    CsvTable table;
    table.header << tr("method");
    table.header += table_.tasks;
    for (int m = 0; m < table_.labels.size(); ++m) {
        QStringList fields{table_.labels[m]};
        for (double d : table_.drop[m]) fields << (std::isnan(d) ? QString() : QString::number(d, 'f', 4));
        table.rows << fields;
    }
    return table;
}

}  // namespace ms::ui
