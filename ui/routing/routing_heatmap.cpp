#include "ui/routing/routing_heatmap.h"

#include <QDoubleSpinBox>
#include <QLabel>
#include <cmath>

#include "ui/base/colors.h"
#include "ui/base/qcustomplot_include.h"
#include "ui/routing/routing_palette.h"

namespace ms::ui {

namespace {

constexpr double kSmallestHalfRange = 1e-3;  // all-equal weights still get a readable scale

QString signedNumber(double v, int decimals) { return routing::formatWeight(v, decimals, true); }

}  // namespace

RoutingHeatmap::RoutingHeatmap(QWidget* parent) : MatrixFigure(QStringLiteral("routing-heatmap"), parent) {
    auto* centerLabel = new QLabel(tr("c&entre"));
    centerLabel_ = centerLabel;
    centerBox_ = new QDoubleSpinBox;
    centerBox_->setRange(-10.0, 10.0);
    centerBox_->setDecimals(2);
    centerBox_->setSingleStep(0.05);
    centerBox_->setValue(center_);
    centerBox_->setAccelerated(true);
    const QString why = tr("The routing weight drawn white. Weights above it are red, below it blue.\n"
                           "0 separates positive from negative weights; WEMoE's routers start near 0.3,\n"
                           "so centring there shows what the router learnt.");
    centerBox_->setToolTip(why);
    centerLabel->setToolTip(why);
    centerLabel->setBuddy(centerBox_);
    addHeaderWidget(centerLabel);
    addHeaderWidget(centerBox_);
    connect(centerBox_, qOverload<double>(&QDoubleSpinBox::valueChanged), this, &RoutingHeatmap::setCenter);
    clear();
}

void RoutingHeatmap::setTrace(const RoutingTrace& trace, const QVector<TaskInfo>& tasks) {
    if (trace.layers <= 0 || trace.tasks.isEmpty() || trace.weights.size() != trace.layers * trace.tasks.size()) {
        clear(tr("This routing trace is empty or malformed (%1 weights for %2 layers × %3 tasks).")
                  .arg(trace.weights.size()).arg(trace.layers).arg(trace.tasks.size()));
        return;
    }
    mode_ = Mode::Trace;
    trace_ = trace;
    before_ = {};
    columns_ = routing::tasksByName(trace.tasks, tasks);
    redraw();
}

void RoutingHeatmap::setDifference(const RoutingTrace& before, const RoutingTrace& after, const QVector<TaskInfo>& tasks) {
    const bool shapesMatch = before.layers == after.layers && before.tasks == after.tasks && after.layers > 0 &&
                             after.weights.size() == after.layers * after.tasks.size() &&
                             before.weights.size() == after.weights.size();
    if (!shapesMatch) {
        clear(tr("These two results route different layers or task vectors (%1 × %2 against %3 × %4), "
                 "so their routing cannot be subtracted.")
                  .arg(after.layers).arg(after.tasks.size()).arg(before.layers).arg(before.tasks.size()));
        return;
    }
    mode_ = Mode::Difference;
    before_ = before;
    trace_ = after;
    columns_ = routing::tasksByName(after.tasks, tasks);
    redraw();
}

void RoutingHeatmap::clear(const QString& message) {
    mode_ = Mode::Empty;
    trace_ = {};
    before_ = {};
    columns_.clear();
    clearMatrix(message.isEmpty() ? tr("Choose an image to see how it is routed.") : message);
}

void RoutingHeatmap::setCenter(double center) {
    if (center == center_) return;
    center_ = center;
    {
        const QSignalBlocker block(centerBox_);
        centerBox_->setValue(center);
    }
    if (mode_ == Mode::Trace) redraw();
    Q_EMIT centerChanged(center);
}

void RoutingHeatmap::setHalfRange(double halfRange) {
    halfRange_ = std::max(0.0, halfRange);
    if (mode_ != Mode::Empty) redraw();
}

int RoutingHeatmap::outlinedTask() const {
    const auto cells = outlines();
    return cells.isEmpty() ? -1 : cells.first().x();
}

double RoutingHeatmap::shown(int layer, int task) const {
    const double after = trace_.weight(layer, task);
    return mode_ == Mode::Difference ? after - before_.weight(layer, task) : after;
}

void RoutingHeatmap::redraw() {
    const int layers = trace_.layers;
    const int tasks = trace_.tasks.size();
    const double center = mode_ == Mode::Difference ? 0.0 : center_;
    QVector<double> values;
    QStringList annotations;
    double reach = 0.0;
    for (int l = 0; l < layers; ++l)
        for (int t = 0; t < tasks; ++t) {
            const double v = shown(l, t);
            values << v;
            annotations << routing::formatWeight(v, 2, mode_ == Mode::Difference);
            if (std::isfinite(v)) reach = std::max(reach, std::abs(v - center));
        }
    // Symmetric around the centre, so equal distances above and below get equally strong colours.
    const double half = halfRange_ > 0 ? halfRange_ : std::max(reach, kSmallestHalfRange);

    Axes axes;
    for (int l = 0; l < layers; ++l) axes.rowLabels << QString::number(l);
    for (const auto& task : columns_) {
        axes.columnLabels << task.displayName;
        axes.columnColors << task.color;
    }
    axes.rowTitle = tr("layer");
    axes.columnTitle = tr("task vector τ");
    setMatrix(layers, tasks, values, axes);
    setAnnotations(annotations);
    setColorScale(divergingGradient(), center - half, center + half,
                  mode_ == Mode::Difference ? tr("change in weight") : tr("routing weight"));
    if (trace_.trueTask >= 0 && trace_.trueTask < tasks)
        setOutlines({QRect(trace_.trueTask, 0, 1, layers)});
    else
        setOutlines({});
    // Differences are always centred at 0: no control to suggest otherwise.
    centerBox_->setVisible(mode_ != Mode::Difference);
    centerLabel_->setVisible(mode_ != Mode::Difference);
    replot();
}

QString RoutingHeatmap::cellToolTip(int row, int column) const {
    const QString task = columns_.value(column).displayName;
    if (mode_ == Mode::Difference) {
        return tr("layer %1 · τ %2 · %3 (%4 → %5)")
            .arg(row)
            .arg(task, signedNumber(shown(row, column), 4), QString::number(before_.weight(row, column), 'f', 4),
                 QString::number(trace_.weight(row, column), 'f', 4));
    }
    return tr("layer %1 · τ %2 · %3").arg(row).arg(task, QString::number(shown(row, column), 'f', 4));
}

CsvTable RoutingHeatmap::table() const {
    CsvTable table;
    if (mode_ == Mode::Empty) return table;
    if (mode_ == Mode::Difference) {
        // Long form: both traces and their difference, so the CSV stands on its own.
        table.header = {tr("layer"), tr("task vector"), tr("before"), tr("after"), tr("after - before")};
        for (int l = 0; l < trace_.layers; ++l)
            for (int t = 0; t < columns_.size(); ++t)
                table.rows << QStringList{QString::number(l), columns_[t].displayName,
                                          QString::number(before_.weight(l, t), 'g', 8),
                                          QString::number(trace_.weight(l, t), 'g', 8),
                                          QString::number(shown(l, t), 'g', 8)};
        return table;
    }
    return routing::weightTable(trace_, columns_);
}

}  // namespace ms::ui
