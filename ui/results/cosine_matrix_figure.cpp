#include "ui/results/cosine_matrix_figure.h"

#include <algorithm>
#include <cmath>

#include <QComboBox>
#include <QPushButton>

#include "ui/base/colors.h"
#include "ui/base/qcustomplot_include.h"
#include "ui/base/tool_tips.h"
#include "ui/results/task_matrix_plot.h"

namespace ms::ui {

CosineMatrixFigure::CosineMatrixFigure(QWidget* parent)
    : FigureCard(tr("Task-vector cosine similarity"),
                 tr("cos(τᵢ, τⱼ) between the fine-tuning updates τ = θ_task − θ_pretrained. Near 0: the tasks barely "
                    "interfere; high values: merging adds overlapping changes."),
                 QStringLiteral("task-vector-cosine"), parent) {
    scopeCombo_ = new QComboBox(this);
    scopeCombo_->addItem(tr("Whole model"), QStringLiteral("all"));
    scopeCombo_->addItem(tr("Attention"), QStringLiteral("attention"));
    scopeCombo_->addItem(tr("MLP"), QStringLiteral("mlp"));
    scopeCombo_->setToolTip(tr("Which weights the task vectors are made of: all, the attention projections, or the "
                               "MLPs (the part WEMoE turns into experts)"));
    layerCombo_ = new QComboBox(this);
    layerCombo_->setToolTip(tr("All encoder layers together, or one layer"));
    setLayerCount(12);
    computeButton_ = new QPushButton(tr("Compute"), this);
    computeButton_->setToolTip(tr("Measure the cosines for this scope and layer"));
    addControl(scopeCombo_);
    addControl(layerCombo_);
    addControl(computeButton_);
    connect(scopeCombo_, &QComboBox::activated, this, &CosineMatrixFigure::request);
    connect(layerCombo_, &QComboBox::activated, this, &CosineMatrixFigure::request);
    connect(computeButton_, &QPushButton::clicked, this, &CosineMatrixFigure::request);

    QCustomPlot* p = plot();
    colorScale_ = setUpTaskMatrixPlot(p, viridisGradient(), tr("cosine"));
    ToolTipOptions toolTips;
    toolTips.followMouse = true;
    installToolTips(p, [this](const QPoint& pos) { return cellToolTip(pos); }, toolTips);
    clear();
}

void CosineMatrixFigure::clear() {
    showMatrix({});
    showEmpty(tr("Press Compute to measure how aligned the task vectors are."));
}

void CosineMatrixFigure::setTasks(const QVector<TaskInfo>& tasks) { tasks_ = tasks; }

void CosineMatrixFigure::setLayerCount(int layers) {
    const int current = layer();
    layerCombo_->clear();
    layerCombo_->addItem(tr("All layers"), -1);
    for (int k = 0; k < layers; ++k) layerCombo_->addItem(tr("Layer %1").arg(k), k);
    layerCombo_->setCurrentIndex(std::max(0, layerCombo_->findData(current)));
}

QString CosineMatrixFigure::group() const { return scopeCombo_->currentData().toString(); }
int CosineMatrixFigure::layer() const { return layerCombo_->count() ? layerCombo_->currentData().toInt() : -1; }

void CosineMatrixFigure::request() { Q_EMIT cosineRequested(group(), layer()); }

QStringList CosineMatrixFigure::cellTexts() const { return cellTexts_; }

QString CosineMatrixFigure::displayName(const QString& task) const {
    for (const TaskInfo& t : tasks_)
        if (t.name == task) return t.displayName.isEmpty() ? t.name : t.displayName;
    return task;
}

void CosineMatrixFigure::showMatrix(const LabeledMatrix& matrix) {
    matrix_ = matrix;
    cellTexts_.clear();
    QCustomPlot* p = plot();
    p->clearPlottables();
    p->clearItems();
    const int rows = int(matrix.rows.size()), columns = int(matrix.columns.size());
    if (rows == 0 || columns == 0 || matrix.values.size() < rows * columns) {
        showEmpty(tr("The cosine matrix is empty: pick at least two tasks in the pool."));
        p->replot();
        return;
    }

    auto* map = new QCPColorMap(p->xAxis, p->yAxis);
    map->data()->setSize(columns, rows);
    map->data()->setRange(QCPRange(0, columns - 1), QCPRange(0, rows - 1));
    double low = 0.0, high = 1.0;  // cosines of a vector with itself are 1; keep 0 in view
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < columns; ++c) {
            const double v = matrix.at(r, c);
            map->data()->setCell(c, r, v);
            if (!std::isnan(v)) low = std::min(low, v), high = std::max(high, v);
        }
    map->setInterpolate(false);
    map->setColorScale(colorScale_);
    map->setDataRange(QCPRange(low, high));
    map->setTightBoundary(false);

    // Print each value in its cell, in black or white, whichever reads on that colour; skip the
    // numbers when the cells get too small to hold them.
    QCPColorGradient gradient = colorScale_->gradient();  // color() is not const in 2.1
    const int cells = std::max(rows, columns);
    if (cells <= 14) {
        QFont font = p->font();
        font.setPointSizeF(cells <= 8 ? 8.5 : 7.0);
        for (int r = 0; r < rows; ++r) {
            for (int c = 0; c < columns; ++c) {
                const double v = matrix.at(r, c);
                const QString text = std::isnan(v) ? QStringLiteral("—") : QString::number(v, 'f', 2);
                cellTexts_ << text;
                auto* label = new QCPItemText(p);
                label->position->setType(QCPItemPosition::ptPlotCoords);
                label->position->setCoords(c, r);
                label->setPositionAlignment(Qt::AlignCenter);
                label->setFont(font);
                label->setText(text);
                label->setColor(readableTextColor(QColor::fromRgb(gradient.color(v, QCPRange(low, high)))));
                label->setClipToAxisRect(true);
            }
        }
    }

    auto xTicks = QSharedPointer<QCPAxisTickerText>::create();
    auto yTicks = QSharedPointer<QCPAxisTickerText>::create();
    QStringList columnNames;
    for (int c = 0; c < columns; ++c) {
        columnNames << displayName(matrix.columns[c]);
        xTicks->addTick(c, columnNames.last());
    }
    for (int r = 0; r < rows; ++r) yTicks->addTick(r, displayName(matrix.rows[r]));
    p->xAxis->setTicker(xTicks);
    p->yAxis->setTicker(yTicks);
    p->xAxis->setRange(-0.5, columns - 0.5);
    p->yAxis->setRange(-0.5, rows - 0.5);
    // Row names on the left and the colour scale on the right take about this much.
    const QFontMetrics metrics(p->yAxis->tickLabelFont());
    int widestRow = 0;
    for (int r = 0; r < rows; ++r) widestRow = std::max(widestRow, metrics.horizontalAdvance(displayName(matrix.rows[r])));
    fitTickLabels(columnNames, widestRow + 110);
    showPlot();
    p->replot();
}

QString CosineMatrixFigure::caption() const {
    const QString title = matrix_.title.isEmpty() ? tr("Task-vector cosine similarity") : matrix_.title;
    return tr("%1. Scope: %2, %3.").arg(title, scopeCombo_->currentText().toLower(), layerCombo_->currentText().toLower());
}

CsvTable CosineMatrixFigure::data() const {
    CsvTable table;
    table.header << tr("task");
    for (const QString& c : matrix_.columns) table.header << displayName(c);
    for (int r = 0; r < matrix_.rows.size(); ++r) {
        QStringList fields{displayName(matrix_.rows[r])};
        for (int c = 0; c < matrix_.columns.size(); ++c) fields << QString::number(matrix_.at(r, c), 'g', 6);
        table.rows << fields;
    }
    return table;
}

QString CosineMatrixFigure::cellToolTip(const QPointF& position) const {
    QCustomPlot* p = plot();
    if (state() != State::Plot || !p->axisRect()->rect().contains(position.toPoint())) return {};
    const int c = int(std::lround(p->xAxis->pixelToCoord(position.x())));
    const int r = int(std::lround(p->yAxis->pixelToCoord(position.y())));
    if (r < 0 || c < 0 || r >= matrix_.rows.size() || c >= matrix_.columns.size()) return {};
    return tr("<b>%1</b> · <b>%2</b><br>cos = %3")
        .arg(displayName(matrix_.rows[r]).toHtmlEscaped(), displayName(matrix_.columns[c]).toHtmlEscaped(),
             QString::number(matrix_.at(r, c), 'f', 4));
}

}  // namespace ms::ui
