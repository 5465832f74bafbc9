#include "ui/results/entropy_signal_figure.h"

#include <algorithm>
#include <cmath>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include "ui/base/colors.h"
#include "ui/base/qcustomplot_include.h"
#include "ui/base/tool_tips.h"
#include "ui/results/task_matrix_plot.h"

namespace ms::ui {

namespace {

const QChar kMinus(0x2212);

// "+0.027" / "−0.013": the sign always shown, a real minus.
QString signedNumber(double v, char format, int precision) {
    if (std::isnan(v)) return QStringLiteral("—");
    const QString magnitude = QString::number(std::abs(v), format, precision);
    return (v < 0 ? QString(kMinus) : QStringLiteral("+")) + magnitude;
}

// Decimals that give the largest magnitude three significant digits; every cell shares them, so
// the small pulls still read and the columns line up.
int sharedDecimals(double reach) { return std::clamp(2 - int(std::floor(std::log10(reach))), 0, 6); }

// "MNIST's", "SynScenes'".
QString possessive(const QString& name) {
    return name + (name.endsWith(QLatin1Char('s')) ? QStringLiteral("'") : QStringLiteral("'s"));
}

}  // namespace

EntropySignalFigure::EntropySignalFigure(QWidget* parent)
    : FigureCard(tr("Adaptation signal: what entropy minimisation will pull"),
                 tr("How raising each task vector's MLP coefficient changes each task's mean prediction entropy at "
                    "WEMoE's start, before any adaptation: routers can learn to tell tasks apart where each row is "
                    "bluest (surest) on its outlined diagonal and red elsewhere."),
                 QStringLiteral("adaptation-signal"), parent) {
    layerCombo_ = new QComboBox(this);
    layerCombo_->setToolTip(tr("Every layer's coefficients raised together (their sum), or one layer's"));
    setLayerCount(12);
    QLabel* lambdaLabel = nullptr;
    lambdaSpin_ = newLambdaSpin(this, tr("Where the gradient is taken: every task vector's coefficient at this λ, as WEMoE's "
                               "routers start (its Initial λ)"), &lambdaLabel);
    computeButton_ = new QPushButton(tr("Compute"), this);
    computeButton_->setToolTip(tr("Measure the entropy gradient of every task's test images (no label is read)"));
    for (QWidget* w : std::initializer_list<QWidget*>{layerCombo_, lambdaLabel, lambdaSpin_, computeButton_}) addControl(w);
    connect(layerCombo_, &QComboBox::currentIndexChanged, this, &EntropySignalFigure::redraw);
    connect(computeButton_, &QPushButton::clicked, this, &EntropySignalFigure::request);

    summaryLabel_ = new QLabel(this);
    summaryLabel_->setWordWrap(true);
    summaryLabel_->setTextFormat(Qt::PlainText);
    panelLayout()->addWidget(summaryLabel_);  // under the plot
    connect(this, &FigurePanel::stateChanged, this, [this](State state) { summaryLabel_->setVisible(state == State::Plot); });

    QCustomPlot* p = plot();
    colorScale_ = setUpTaskMatrixPlot(p, divergingGradient(), tr("Δ entropy per unit (nats)"));
    p->xAxis->setLabel(tr("task vector raised"));
    p->yAxis->setLabel(tr("test images of"));
    connect(p, &QCustomPlot::afterLayout, this, &EntropySignalFigure::fitCellTexts);
    ToolTipOptions toolTips;
    toolTips.followMouse = true;
    installToolTips(
        p,
        [this, p](const QPoint& pos) -> QString {
            if (state() != State::Plot || !p->axisRect()->rect().contains(pos)) return {};
            const int c = int(std::lround(p->xAxis->pixelToCoord(pos.x())));
            const int r = int(std::lround(p->yAxis->pixelToCoord(pos.y())));
            return cellToolTip(r, c);
        },
        toolTips);
    clear();
}

void EntropySignalFigure::clear() { showSignal({}); }

void EntropySignalFigure::setTasks(const QVector<TaskInfo>& tasks) {
    tasks_ = tasks;
    if (signal_.isValid()) redraw();
}

void EntropySignalFigure::setLayerCount(int layers) {
    if (layerCombo_->count() == layers + 1) return;
    const int current = layer();
    const QSignalBlocker block(layerCombo_);
    layerCombo_->clear();
    layerCombo_->addItem(tr("All layers"), -1);
    for (int k = 0; k < layers; ++k) layerCombo_->addItem(tr("Layer %1").arg(k), k);
    layerCombo_->setCurrentIndex(std::max(0, layerCombo_->findData(current)));
}

int EntropySignalFigure::layer() const { return layerCombo_->count() ? layerCombo_->currentData().toInt() : -1; }
void EntropySignalFigure::setLayer(int layer) { layerCombo_->setCurrentIndex(std::max(0, layerCombo_->findData(layer))); }
double EntropySignalFigure::lambda() const { return lambdaSpin_->value(); }
void EntropySignalFigure::setLambda(double lambda) { lambdaSpin_->setValue(lambda); }

void EntropySignalFigure::request() { Q_EMIT entropySignalRequested(lambda()); }

void EntropySignalFigure::showSignal(const AdaptationSignal& signal) {
    signal_ = signal;
    if (!signal.isValid()) {
        redraw();
        showEmpty(tr("Press Compute to measure, before any adaptation, which task vectors make each task's "
                     "predictions surer."));
        return;
    }
    setLayerCount(signal.layers);
    redraw();
}

QString EntropySignalFigure::displayName(int task) const {
    const QString name = signal_.tasks.value(task);
    for (const TaskInfo& t : tasks_)
        if (t.name == name) return t.displayName.isEmpty() ? t.name : t.displayName;
    return name;
}

QString EntropySignalFigure::scopeText() const { return layer() < 0 ? tr("all layers") : tr("layer %1").arg(layer()); }

QColor EntropySignalFigure::cellColor(int imageTask, int vector) const {
    QCPColorGradient gradient = colorScale_->gradient();  // color() is not const in 2.1
    return QColor::fromRgb(gradient.color(signal_.at(layer(), imageTask, vector), QCPRange(-reach_, reach_)));
}

QString EntropySignalFigure::summaryText() const { return summaryLabel_->text(); }

QString EntropySignalFigure::summary() const {
    const int n = signal_.taskCount(), l = layer();
    QString text = tr("Own vector surest for %1 of %2 tasks (%3).").arg(signal_.ownVectorSurestCount(l)).arg(n).arg(scopeText());
    QStringList everywhere;
    for (int t = 0; t < n; ++t)
        if (signal_.sharpensEveryTask(l, t)) everywhere << QStringLiteral("τ_") + displayName(t);
    if (everywhere.size() == 1)
        text += QLatin1Char(' ') + tr("%1 makes every task surer: adaptation will raise it for every image.").arg(everywhere[0]);
    else if (everywhere.size() > 1)
        text += QLatin1Char(' ') + tr("%1 make every task surer: adaptation will raise them for every image.")
                                       .arg(everywhere.join(QStringLiteral(", ")));
    return text;
}

QString EntropySignalFigure::cellToolTip(int imageTask, int vector) const {
    const int n = signal_.taskCount();
    if (!signal_.isValid() || imageTask < 0 || vector < 0 || imageTask >= n || vector >= n) return {};
    const int l = layer();
    const double v = signal_.at(l, imageTask, vector);
    const QString where = l < 0 ? tr("in every layer") : tr("in layer %1").arg(l);
    const QString effect = v < 0 ? tr("surer") : v > 0 ? tr("less sure") : tr("neither surer nor less sure");
    QString text = tr("Raising τ_%1 %2 makes %3 predictions %4 (%5 nats per unit).")
                       .arg(displayName(vector).toHtmlEscaped(), where, possessive(displayName(imageTask)).toHtmlEscaped(),
                            effect, signedNumber(v, 'g', 3));
    if (imageTask == vector) {
        const int surest = signal_.surestVector(l, imageTask);
        text += QStringLiteral("<br>") +
                (surest == vector ? tr("Its own vector, and the one that makes it surest.")
                                  : tr("Its own vector, but τ_%1 makes it surer.").arg(displayName(surest).toHtmlEscaped()));
    }
    return text;
}

void EntropySignalFigure::fitCellTexts() {
    if (cellLabels_.isEmpty()) return;
    const QFontMetrics metrics(cellLabels_.first()->font());
    int widest = 0;
    for (const QString& text : cellTexts_) widest = std::max(widest, metrics.horizontalAdvance(text));
    const int n = signal_.taskCount();
    const double cellWidth = double(plot()->axisRect()->width()) / n, cellHeight = double(plot()->axisRect()->height()) / n;
    cellTextsVisible_ = widest + 4 <= cellWidth && metrics.height() <= cellHeight;
    for (QCPItemText* label : cellLabels_) label->setVisible(cellTextsVisible_);
}

void EntropySignalFigure::redraw() {
    cellTexts_.clear();
    cellLabels_.clear();
    cellTextsVisible_ = false;
    QCustomPlot* p = plot();
    p->clearPlottables();
    p->clearItems();
    if (!signal_.isValid()) {
        summaryLabel_->clear();
        p->replot();
        return;
    }
    const int n = signal_.taskCount(), l = layer();
    reach_ = 0.0;
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c)
            if (const double v = signal_.at(l, r, c); std::isfinite(v)) reach_ = std::max(reach_, std::abs(v));
    if (!(reach_ > 0.0)) reach_ = 1.0;  // all zero: any symmetric range shows white

    auto* map = new QCPColorMap(p->xAxis, p->yAxis);
    map->data()->setSize(n, n);
    // Cell centres at integer coordinates; QCustomPlot widens a map by half a cell only from two cells on.
    map->data()->setRange(n > 1 ? QCPRange(0, n - 1) : QCPRange(-0.5, 0.5), n > 1 ? QCPRange(0, n - 1) : QCPRange(-0.5, 0.5));
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c) map->data()->setCell(c, r, signal_.at(l, r, c));
    map->setInterpolate(false);
    map->setTightBoundary(false);
    map->setColorScale(colorScale_);
    map->setDataRange(QCPRange(-reach_, reach_));  // centred at 0: white = no pull either way

    // The values in the cells, black or white as the colour needs (fitCellTexts() hides them
    // while they do not fit; the tooltip always has them).
    QFont font = p->font();
    font.setPointSizeF(n <= 8 ? 8.5 : 7.0);
    const int decimals = sharedDecimals(reach_);
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c) {
            cellTexts_ << signedNumber(signal_.at(l, r, c), 'f', decimals);
            auto* label = new QCPItemText(p);
            label->position->setType(QCPItemPosition::ptPlotCoords);
            label->position->setCoords(c, r);
            label->setPositionAlignment(Qt::AlignCenter);
            label->setFont(font);
            label->setText(cellTexts_.last());
            label->setColor(readableTextColor(cellColor(r, c)));
            label->setClipToAxisRect(true);
            cellLabels_ << label;
        }
    // Each task's own vector outlined: where the routers need the bluest cell of the row.
    for (int s = 0; s < n; ++s) {
        auto* frame = new QCPItemRect(p);
        frame->setSelectable(false);
        frame->setClipToAxisRect(false);  // the frame's outer half would be clipped at the edges
        frame->setPen(QPen(QColor(20, 20, 20), 2.0));
        frame->setBrush(Qt::NoBrush);
        frame->topLeft->setCoords(s - 0.5, s - 0.5);
        frame->bottomRight->setCoords(s + 0.5, s + 0.5);
    }

    auto xTicks = QSharedPointer<QCPAxisTickerText>::create();
    auto yTicks = QSharedPointer<QCPAxisTickerText>::create();
    QStringList names;
    for (int t = 0; t < n; ++t) {
        names << displayName(t);
        xTicks->addTick(t, QStringLiteral("τ_") + names.last());
        yTicks->addTick(t, names.last());
    }
    p->xAxis->setTicker(xTicks);
    p->yAxis->setTicker(yTicks);
    p->xAxis->setRange(-0.5, n - 0.5);
    p->yAxis->setRange(-0.5, n - 0.5);
    // Row names and the y label on the left, the colour scale on the right take about this much.
    const QFontMetrics metrics(p->yAxis->tickLabelFont());
    int widestRow = 0;
    for (const QString& name : names) widestRow = std::max(widestRow, metrics.horizontalAdvance(name));
    QStringList columnLabels;
    for (const QString& name : names) columnLabels << QStringLiteral("τ_") + name;
    fitTickLabels(columnLabels, widestRow + 130);
    summaryLabel_->setText(summary());
    showPlot();
    p->replot();
}

QString EntropySignalFigure::caption() const {
    if (!signal_.isValid()) return tr("Adaptation signal");
    return tr("Adaptation signal at λ = %1, %2: d(mean prediction entropy) / d(coefficient of τ in the MLPs), nats per "
              "unit; negative = surer. %3")
        .arg(QString::number(signal_.lambda, 'g', 3), scopeText(), summary());
}

CsvTable EntropySignalFigure::data() const {
    CsvTable table;
    table.header << tr("layer") << tr("images of");
    const int n = signal_.taskCount();
    for (int t = 0; t < n; ++t) table.header << QStringLiteral("τ_") + displayName(t);
    if (!signal_.isValid()) return table;
    for (int l = -1; l < signal_.layers; ++l)
        for (int s = 0; s < n; ++s) {
            QStringList fields{l < 0 ? QStringLiteral("all") : QString::number(l), displayName(s)};
            for (int t = 0; t < n; ++t) fields << QString::number(signal_.at(l, s, t), 'g', 6);
            table.rows << fields;
        }
    return table;
}

}  // namespace ms::ui
