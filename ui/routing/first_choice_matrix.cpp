#include "ui/routing/first_choice_matrix.h"

#include "ui/base/colors.h"
#include "ui/base/qcustomplot_include.h"
#include "ui/routing/routing_palette.h"

namespace ms::ui {

namespace {

QString percent(double fraction) { return QStringLiteral("%1%").arg(qRound(fraction * 100.0)); }

}  // namespace

FirstChoiceMatrix::FirstChoiceMatrix(QWidget* parent) : MatrixFigure(QStringLiteral("routing-first-choice"), parent) {
    clear();
}

void FirstChoiceMatrix::clear(const QString& message) {
    summary_ = {};
    rows_.clear();
    clearMatrix(message.isEmpty() ? tr("Compute the routing of the test sets to fill this matrix.") : message);
}

void FirstChoiceMatrix::setSummary(const RoutingSummary& summary, const QVector<TaskInfo>& tasks) {
    const int n = summary.tasks.size();
    if (n == 0 || summary.layers <= 0 || summary.firstChoice.size() != n * summary.layers) {
        clear(tr("This routing summary has no first-choice fractions."));
        return;
    }
    summary_ = summary;
    rows_ = routing::tasksByName(summary.tasks, tasks);
    Axes axes;
    for (const auto& task : rows_) {
        axes.rowLabels << task.displayName;
        axes.rowColors << task.color;
    }
    for (int l = 0; l < summary.layers; ++l) axes.columnLabels << QString::number(l);
    axes.rowTitle = tr("images of task");
    axes.columnTitle = tr("layer");
    QStringList annotations;
    for (double f : summary.firstChoice) annotations << percent(f);
    setMatrix(n, summary.layers, summary.firstChoice, axes);
    setAnnotations(annotations);
    setColorScale(viridisGradient(), 0.0, 1.0, tr("own task first"));
    replot();
}

QString FirstChoiceMatrix::cellToolTip(int row, int column) const {
    const QString task = rows_.value(row).displayName;
    return tr("%1 images · layer %2\n%3 give τ %1 their largest weight (chance: %4)")
        .arg(task)
        .arg(column)
        .arg(QString::number(summary_.first(row, column) * 100.0, 'f', 1) + QLatin1Char('%'),
             QString::number(100.0 / std::max(1, int(rows_.size())), 'f', 1) + QLatin1Char('%'));
}

CsvTable FirstChoiceMatrix::table() const {
    CsvTable table;
    if (rows_.isEmpty()) return table;
    table.header << tr("image task");
    for (int l = 0; l < summary_.layers; ++l) table.header << tr("layer %1").arg(l);
    for (int i = 0; i < rows_.size(); ++i) {
        QStringList row{rows_[i].displayName};
        for (int l = 0; l < summary_.layers; ++l) row << QString::number(summary_.first(i, l), 'g', 8);
        table.rows << row;
    }
    return table;
}

}  // namespace ms::ui
