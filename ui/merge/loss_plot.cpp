#include "ui/merge/loss_plot.h"

#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>

#include "ui/base/figure_export.h"
#include "ui/base/qcustomplot_include.h"

namespace ms::ui {

LossPlot::LossPlot(QWidget* parent) : QWidget(parent) {
    plot_ = new QCustomPlot;
    plot_->setMinimumHeight(200);
    plot_->xAxis->setLabel(tr("adaptation step"));
    plot_->yAxis->setLabel(tr("entropy (nats)"));
    plot_->legend->setVisible(true);
    QFont legendFont = font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.85);
    plot_->legend->setFont(legendFont);
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    status_ = new QLabel(tr("The loss of test-time adaptation appears here while AdaMerging or WEMoE adapts."));
    status_->setWordWrap(true);

    FigureSource source;
    source.plot = [this] { return plot_; };
    source.caption = [this] { return caption_; };
    source.baseName = QStringLiteral("adaptation-loss");
    source.data = [this] {
        CsvTable table;
        table.header << QStringLiteral("step") << QStringLiteral("loss") << QStringLiteral("learning_rate");
        for (const auto& t : tasks_) table.header << QStringLiteral("entropy_") + t.name;
        for (const auto& p : points_) {
            QStringList row{QString::number(p.step), QString::number(p.loss, 'g', 8), QString::number(p.learningRate, 'g', 6)};
            for (double e : p.taskEntropy) row << QString::number(e, 'g', 8);
            table.rows << row;
        }
        return table;
    };
    auto* exportButton = new FigureExportButton(source);

    auto* top = new QHBoxLayout;
    top->addWidget(status_, 1);
    top->addWidget(exportButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(plot_, 1);

    redrawTimer_ = new QTimer(this);
    redrawTimer_->setSingleShot(true);
    redrawTimer_->setInterval(100);
    connect(redrawTimer_, &QTimer::timeout, this, &LossPlot::redraw);
}

void LossPlot::rebuildGraphs() {
    plot_->clearGraphs();
    auto* total = plot_->addGraph();
    total->setName(tr("Σ tasks"));
    total->setPen(QPen(QColor(20, 20, 20), 2.2));
    for (const auto& t : tasks_) {
        auto* g = plot_->addGraph();
        g->setName(t.displayName);
        QColor c = t.color.isValid() ? t.color : QColor(Qt::gray);
        g->setPen(QPen(c, 1.2));
    }
}

void LossPlot::start(const QVector<TaskInfo>& tasks, int totalSteps, const QString& caption) {
    tasks_ = tasks;
    totalSteps_ = totalSteps;
    caption_ = caption;
    points_.clear();
    rebuildGraphs();
    status_->setText(tr("Adapting: %1").arg(caption));
    redraw();
}

void LossPlot::append(const LossPoint& point) {
    points_ << point;
    if (point.totalSteps > 0) totalSteps_ = point.totalSteps;
    if (!redrawTimer_->isActive()) redrawTimer_->start();
}

void LossPlot::show(const QVector<TaskInfo>& tasks, const QVector<LossPoint>& points, const QString& caption) {
    tasks_ = tasks;
    caption_ = caption;
    points_ = points;
    totalSteps_ = points.isEmpty() ? 0 : points.back().totalSteps;
    rebuildGraphs();
    redraw();
}

void LossPlot::clear() {
    points_.clear();
    tasks_.clear();
    plot_->clearGraphs();
    plot_->replot();
}

void LossPlot::redraw() {
    if (plot_->graphCount() == 0) return;
    QVector<double> steps, loss;
    QVector<QVector<double>> perTask(plot_->graphCount() - 1);
    double top = 0.0;
    for (const auto& p : points_) {
        steps << p.step;
        loss << p.loss;
        top = std::max(top, p.loss);
        for (int t = 0; t < perTask.size() && t < p.taskEntropy.size(); ++t) perTask[t] << p.taskEntropy[t];
    }
    plot_->graph(0)->setData(steps, loss, true);
    for (int t = 0; t < perTask.size(); ++t)
        if (perTask[t].size() == steps.size()) plot_->graph(t + 1)->setData(steps, perTask[t], true);
    plot_->xAxis->setRange(0, std::max(totalSteps_, points_.isEmpty() ? 1 : points_.back().step));
    plot_->yAxis->setRange(0, top > 0 ? top * 1.08 : 1.0);
    if (!points_.isEmpty()) {
        const auto& last = points_.back();
        status_->setText(tr("%1 — step %2 of %3, loss %4")
                             .arg(caption_)
                             .arg(last.step)
                             .arg(totalSteps_)
                             .arg(last.loss, 0, 'f', 4));
    }
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace ms::ui
