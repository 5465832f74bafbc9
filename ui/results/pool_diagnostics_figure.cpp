#include "ui/results/pool_diagnostics_figure.h"

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

// Okabe–Ito, as the other results charts.
const QColor kBlue(0x00, 0x72, 0xB2);
const QColor kVermillion(0xD5, 0x5E, 0x00);
const QColor kOrange(0xE6, 0x9F, 0x00);
const QColor kGreen(0x00, 0x9E, 0x73);
const QColor kGrey(0x99, 0x99, 0x99);
const QColor kMetText(0x00, 0x7A, 0x5A);  // the bluish green, dark enough for text

QString percentText(double fraction, int decimals = 1) { return QString::number(100.0 * fraction, 'f', decimals); }

// The alignment chart's four points, in drawing order.
struct AlignmentSeries {
    const char* name;
    QColor color;
    double PoolDiagnostic::AlignmentRow::*accuracy;
};
const AlignmentSeries kAlignmentSeries[] = {
    {QT_TRANSLATE_NOOP("PoolDiagnosticsFigure", "start"), kGrey, &PoolDiagnostic::AlignmentRow::start},
    {QT_TRANSLATE_NOOP("PoolDiagnosticsFigure", "entropy-optimal"), kBlue,
     &PoolDiagnostic::AlignmentRow::entropyOptimal},
    {QT_TRANSLATE_NOOP("PoolDiagnosticsFigure", "oracle"), kOrange, &PoolDiagnostic::AlignmentRow::oracle},
    {QT_TRANSLATE_NOOP("PoolDiagnosticsFigure", "CE-optimal (labels)"), kGreen,
     &PoolDiagnostic::AlignmentRow::crossEntropyOptimal},
};

struct KindText {
    const char* choice;
    const char* title;
    const char* whatItShows;
    const char* invitation;
};
const KindText kKindTexts[] = {
    {QT_TRANSLATE_NOOP("PoolDiagnosticsFigure", "Identifiability"),
     QT_TRANSLATE_NOOP("PoolDiagnosticsFigure", "Diagnostics"),
     QT_TRANSLATE_NOOP("PoolDiagnosticsFigure",
                       "Can a router tell the tasks apart? Per layer, how well a linear probe reads each image's task "
                       "from what WEMoE's router sees (held out)."),
     QT_TRANSLATE_NOOP("PoolDiagnosticsFigure",
                       "Press Compute to measure, layer by layer, how well the routers' input tells the tasks apart.")},
    {QT_TRANSLATE_NOOP("PoolDiagnosticsFigure", "Disentanglement"),
     QT_TRANSLATE_NOOP("PoolDiagnosticsFigure", "Diagnostics"),
     QT_TRANSLATE_NOOP("PoolDiagnosticsFigure",
                       "Do the task vectors leave each other alone? Per pair, the share of predictions the other "
                       "task's vector changes (Ortiz-Jimenez et al.'s ξ over α ∈ {¼, ½, ¾, 1}²); near 0 is good."),
     QT_TRANSLATE_NOOP("PoolDiagnosticsFigure",
                       "Press Compute to measure, for every pair of tasks, how much each task vector disturbs the "
                       "other task's predictions.")},
    {QT_TRANSLATE_NOOP("PoolDiagnosticsFigure", "Alignment"),
     QT_TRANSLATE_NOOP("PoolDiagnosticsFigure", "Diagnostics"),
     QT_TRANSLATE_NOOP("PoolDiagnosticsFigure",
                       "Can entropy find the experts? Per task alone (perfect routing), accuracy at the MLP "
                       "coefficients that minimise entropy, beside the oracle (its own vector); the gap is in points."),
     QT_TRANSLATE_NOOP("PoolDiagnosticsFigure",
                       "Press Compute to fit, for each task alone, the MLP coefficients entropy minimisation chooses "
                       "(about a minute per task on two cores).")},
};

}  // namespace

PoolDiagnosticsFigure::PoolDiagnosticsFigure(QWidget* parent)
    : FigureCard(tr(kKindTexts[0].title), tr(kKindTexts[0].whatItShows), QStringLiteral("pool-diagnostics"), parent) {
    kindCombo_ = new QComboBox(this);
    for (const KindText& k : kKindTexts) kindCombo_->addItem(tr(k.choice));
    kindCombo_->setToolTip(tr("Which diagnostic to show and compute; each keeps its latest result"));
    QLabel* lambdaLabel = nullptr;
    lambdaSpin_ = newLambdaSpin(this, tr("The task-arithmetic model the routers start from (WEMoE's Initial λ); "
                               "disentanglement does not use it"), &lambdaLabel);
    computeButton_ = new QPushButton(tr("Compute"), this);
    computeButton_->setToolTip(tr("Run the chosen diagnostic on 200 test images of each chosen task"));
    // λ is enabled by hand: off while a job runs (as the panel does for its controls) and for
    // disentanglement, which does not use it.
    addControl(kindCombo_);
    addHeaderWidget(lambdaLabel);
    addHeaderWidget(lambdaSpin_);
    addControl(computeButton_);
    auto enableLambda = [this, lambdaLabel] {
        const bool on = state() != State::Busy && kind() != Kind::Disentanglement;
        lambdaLabel->setEnabled(on);
        lambdaSpin_->setEnabled(on);
    };
    connect(kindCombo_, &QComboBox::currentIndexChanged, this, [this, enableLambda] {
        redraw();
        enableLambda();
    });
    connect(this, &FigurePanel::stateChanged, this, enableLambda);
    connect(computeButton_, &QPushButton::clicked, this, &PoolDiagnosticsFigure::request);

    verdictLabel_ = new QLabel(this);
    verdictLabel_->setWordWrap(true);
    verdictLabel_->setTextFormat(Qt::PlainText);
    panelLayout()->addWidget(verdictLabel_);  // under the plot
    connect(this, &FigurePanel::stateChanged, this, [this](State state) { verdictLabel_->setVisible(state == State::Plot); });

    QCustomPlot* p = plot();
    colorScale_ = setUpTaskMatrixPlot(p, viridisGradient(), tr("ξ"));
    colorScale_->setDataRange(QCPRange(0.0, 1.0));
    ToolTipOptions toolTips;
    toolTips.followMouse = true;
    installToolTips(
        p,
        [this, p](const QPoint& pos) -> QString {
            if (state() != State::Plot || !p->axisRect()->rect().contains(pos)) return {};
            return toolTipAt(p->xAxis->pixelToCoord(pos.x()), p->yAxis->pixelToCoord(pos.y()));
        },
        toolTips);
    clear();
}

void PoolDiagnosticsFigure::clear() {
    results_ = {};
    redraw();
}

void PoolDiagnosticsFigure::setTasks(const QVector<TaskInfo>& tasks) {
    tasks_ = tasks;
    redraw();
}

void PoolDiagnosticsFigure::showDiagnostic(const PoolDiagnostic& diagnostic) {
    results_[size_t(diagnostic.kind)] = diagnostic;
    if (kind() != diagnostic.kind)
        setKind(diagnostic.kind);  // redraws
    else
        redraw();
}

PoolDiagnosticsFigure::Kind PoolDiagnosticsFigure::kind() const { return Kind(std::max(0, kindCombo_->currentIndex())); }
void PoolDiagnosticsFigure::setKind(Kind kind) { kindCombo_->setCurrentIndex(int(kind)); }
double PoolDiagnosticsFigure::lambda() const { return lambdaSpin_->value(); }
void PoolDiagnosticsFigure::setLambda(double lambda) { lambdaSpin_->setValue(lambda); }

void PoolDiagnosticsFigure::request() { Q_EMIT diagnosticRequested(kind(), lambda()); }

QString PoolDiagnosticsFigure::verdictText() const { return verdictLabel_->text(); }

QString PoolDiagnosticsFigure::displayName(const QString& task) const {
    for (const TaskInfo& t : tasks_)
        if (t.name == task) return t.displayName.isEmpty() ? t.name : t.displayName;
    return task;
}

QStringList PoolDiagnosticsFigure::displayNames(const PoolDiagnostic& d) const {
    QStringList names;
    for (const QString& t : d.tasks) names << displayName(t);
    return names;
}

void PoolDiagnosticsFigure::useColorScale(bool on) {
    QCPLayoutGrid* layout = plot()->plotLayout();
    const bool placed = layout->hasElement(0, 1) && layout->element(0, 1) == colorScale_;
    if (on && !placed) {
        layout->addElement(0, 1, colorScale_);
    } else if (!on && placed) {
        layout->take(colorScale_);
        layout->simplify();
    }
    colorScale_->setVisible(on);
    QCustomPlot* p = plot();
    // The matrix reads like an image (row 0 on top, no grid); the bar charts have the house grid.
    p->yAxis->setRangeReversed(on);
    for (QCPAxis* axis : {p->xAxis, p->yAxis}) {
        axis->setSubTicks(false);
        axis->setTickLength(0, on ? 0 : 3);
        axis->setTickLabelRotation(0);
    }
    if (on) {
        p->xAxis->grid()->setVisible(false);
        p->yAxis->grid()->setVisible(false);
        p->legend->setVisible(false);
    } else {
        styleAxes();
        p->yAxis->grid()->setVisible(true);
    }
}

void PoolDiagnosticsFigure::setVerdict(const PoolDiagnostic& d) {
    verdictMet_ = d.met;
    verdictLabel_->setText((d.met ? QStringLiteral("✓ ") : QStringLiteral("✗ ")) + d.verdict);
    QPalette palette = verdictLabel_->palette();
    palette.setColor(QPalette::WindowText, d.met ? kMetText : kVermillion.darker(115));
    verdictLabel_->setPalette(palette);
}

void PoolDiagnosticsFigure::redraw() {
    const KindText& text = kKindTexts[int(kind())];
    setHeading(tr(text.title), tr(text.whatItShows));
    cellTexts_.clear();
    QCustomPlot* p = plot();
    p->clearPlottables();
    p->clearItems();
    const PoolDiagnostic& d = results_[size_t(kind())];
    if (!d.isValid()) {
        verdictLabel_->clear();
        verdictMet_ = false;
        useColorScale(false);
        showEmpty(tr(text.invitation));
        p->replot();
        return;
    }
    switch (d.kind) {
    case Kind::Identifiability: drawIdentifiability(d); break;
    case Kind::Disentanglement: drawDisentanglement(d); break;
    case Kind::Alignment: drawAlignment(d); break;
    }
    setVerdict(d);
    showPlot();
    p->replot();
}

void PoolDiagnosticsFigure::drawIdentifiability(const PoolDiagnostic& d) {
    useColorScale(false);
    QCustomPlot* p = plot();
    const int layers = d.layers();
    auto* bars = new QCPBars(p->xAxis, p->yAxis);
    bars->setName(tr("probe accuracy (held out)"));
    bars->setWidth(0.7);
    bars->setBrush(kBlue);
    bars->setPen(QPen(kBlue.darker(130), 0.8));
    for (int l = 0; l < layers; ++l) bars->addData(l, 100.0 * d.layerAccuracy[l]);
    // The target and chance as lines across the plot; graphs, so that the legend names them.
    auto line = [&](double y, const QColor& color, Qt::PenStyle style, const QString& name) {
        auto* g = p->addGraph();
        g->setData({-0.6, layers - 0.4}, {y, y});
        g->setPen(QPen(color, 1.6, style));
        g->setName(name);
    };
    line(100.0 * d.target, kVermillion, Qt::DashLine, tr("target %1 %").arg(percentText(d.target, 0)));
    line(100.0 / d.taskCount(), kGrey, Qt::DotLine, tr("chance %1 %").arg(percentText(1.0 / d.taskCount())));
    placeLegendBelow(3);
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(layers > 16 ? 2.0 : 1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssNone);
    p->xAxis->setTicker(ticker);
    p->yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    p->xAxis->setLabel(tr("Encoder layer (router input)"));
    p->yAxis->setLabel(tr("Task read right (%)"));
    p->xAxis->setRange(-0.6, layers - 0.4);
    p->yAxis->setRange(0.0, 100.0);
    QStringList numbers;
    for (int l = 0; l < layers; ++l) numbers << QString::number(l);
    fitTickLabels(numbers, 70);
}

void PoolDiagnosticsFigure::drawDisentanglement(const PoolDiagnostic& d) {
    useColorScale(true);
    QCustomPlot* p = plot();
    const int n = d.taskCount();
    double reach = 0.1;  // at least 0–0.1, so a well-disentangled pool does not look alarming
    for (double v : d.pairError)
        if (std::isfinite(v)) reach = std::max(reach, v);
    auto* map = new QCPColorMap(p->xAxis, p->yAxis);
    map->data()->setSize(n, n);
    map->data()->setRange(QCPRange(0, n - 1), QCPRange(0, n - 1));  // n ≥ 2
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c) map->data()->setCell(c, r, d.pairAt(r, c));
    map->setInterpolate(false);
    map->setTightBoundary(false);
    map->setColorScale(colorScale_);
    map->setDataRange(QCPRange(0.0, reach));
    QCPColorGradient gradient = colorScale_->gradient();  // color() is not const in 2.1
    QFont font = p->font();
    font.setPointSizeF(n <= 8 ? 8.0 : 6.5);
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c) {
            const double v = d.pairAt(r, c);
            cellTexts_ << (std::isfinite(v) ? QString::number(v, 'f', 2) : QStringLiteral("—"));
            auto* label = new QCPItemText(p);
            label->position->setType(QCPItemPosition::ptPlotCoords);
            label->position->setCoords(c, r);
            label->setPositionAlignment(Qt::AlignCenter);
            label->setFont(font);
            label->setText(cellTexts_.last());
            label->setColor(std::isfinite(v) ? readableTextColor(QColor::fromRgb(gradient.color(v, QCPRange(0.0, reach))))
                                             : QColor(90, 90, 90));
            label->setClipToAxisRect(true);
        }
    const QStringList names = displayNames(d);
    auto xTicks = QSharedPointer<QCPAxisTickerText>::create();
    auto yTicks = QSharedPointer<QCPAxisTickerText>::create();
    for (int t = 0; t < n; ++t) {
        xTicks->addTick(t, names[t]);
        yTicks->addTick(t, names[t]);
    }
    p->xAxis->setTicker(xTicks);
    p->yAxis->setTicker(yTicks);
    p->xAxis->setLabel(QString());
    p->yAxis->setLabel(QString());
    p->xAxis->setRange(-0.5, n - 0.5);
    p->yAxis->setRange(-0.5, n - 0.5);
    const QFontMetrics metrics(p->yAxis->tickLabelFont());
    int widest = 0;
    for (const QString& name : names) widest = std::max(widest, metrics.horizontalAdvance(name));
    fitTickLabels(names, widest + 110);
}

void PoolDiagnosticsFigure::drawAlignment(const PoolDiagnostic& d) {
    useColorScale(false);
    QCustomPlot* p = plot();
    const int n = d.taskCount();
    auto* group = new QCPBarsGroup(p);
    group->setSpacingType(QCPBarsGroup::stAbsolute);
    group->setSpacing(1);
    for (const AlignmentSeries& series : kAlignmentSeries) {
        auto* bars = new QCPBars(p->xAxis, p->yAxis);
        bars->setName(tr(series.name));
        bars->setWidth(0.8 / std::size(kAlignmentSeries));
        bars->setBrush(series.color);
        bars->setPen(QPen(series.color.darker(130), 0.8));
        bars->setBarsGroup(group);
        for (int t = 0; t < n; ++t) bars->addData(t, 100.0 * (d.alignment[t].*series.accuracy));
    }
    // Each task's gap over its group: red where entropy stops short of the oracle by more than the target.
    QFont font = p->font();
    font.setPointSizeF(8.0);
    for (int t = 0; t < n; ++t) {
        const double gap = d.alignment[t].gapPoints();
        auto* label = new QCPItemText(p);
        label->position->setType(QCPItemPosition::ptPlotCoords);
        label->position->setCoords(t, 101.0);
        label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        label->setFont(font);
        label->setText(QString::number(gap, 'f', 0));
        label->setColor(gap > d.target ? kVermillion.darker(115) : kMetText);
        label->setClipToAxisRect(false);
    }
    placeLegendBelow(4);
    const QStringList names = displayNames(d);
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int t = 0; t < n; ++t) ticker->addTick(t, names[t]);
    p->xAxis->setTicker(ticker);
    p->yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    p->xAxis->setLabel(QString());
    p->yAxis->setLabel(tr("Accuracy alone (%)"));
    p->xAxis->setRange(-0.55, n - 0.45);
    p->yAxis->setRange(0.0, 110.0);
    fitTickLabels(names, 70);
}

QString PoolDiagnosticsFigure::toolTipAt(double x, double y) const {
    const PoolDiagnostic& d = results_[size_t(kind())];
    if (!d.isValid()) return {};
    const int n = d.taskCount();
    const QStringList names = displayNames(d);
    const int column = int(std::lround(x));
    switch (d.kind) {
    case Kind::Identifiability: {
        if (column < 0 || column >= d.layers()) return {};
        QStringList recall;
        for (int t = 0; t < n; ++t)
            recall << tr("%1 %2 %").arg(names[t].toHtmlEscaped(), percentText(d.recallAt(column, t)));
        return tr("Layer %1: the probe reads the task of %2 % of the held-out images.<br>Read correctly, per task: %3")
            .arg(column)
            .arg(percentText(d.layerAccuracy[column]), recall.join(QStringLiteral(", ")));
    }
    case Kind::Disentanglement: {
        const int row = int(std::lround(y));
        if (column < 0 || row < 0 || column >= n || row >= n) return {};
        if (row == column) return tr("%1 with itself: not a pair.").arg(names[row].toHtmlEscaped());
        const double v = d.pairAt(row, column);
        if (!std::isfinite(v)) return tr("%1 + %2: not measured.").arg(names[row].toHtmlEscaped(), names[column].toHtmlEscaped());
        return tr("%1 + %2: adding the other task's vector changes %3 % of the two tasks' predictions, on average over "
                  "the coefficient grid.")
            .arg(names[row].toHtmlEscaped(), names[column].toHtmlEscaped(), percentText(v));
    }
    case Kind::Alignment: {
        if (column < 0 || column >= n) return {};
        const auto& a = d.alignment[column];
        return tr("%1 alone, accuracy (mean entropy):<br>start %2 % (%3 nats)<br>entropy-optimal %4 % (%5 nats)<br>"
                  "oracle %6 % (%7 nats)<br>cross-entropy-optimal %8 %<br>gap to the oracle: %9 points")
            .arg(names[column].toHtmlEscaped(), percentText(a.start), QString::number(a.startEntropy, 'f', 3),
                 percentText(a.entropyOptimal), QString::number(a.entropyOptimalEntropy, 'f', 3), percentText(a.oracle),
                 QString::number(a.oracleEntropy, 'f', 3), percentText(a.crossEntropyOptimal))
            .arg(QString::number(a.gapPoints(), 'f', 1));
    }
    }
    return {};
}

QString PoolDiagnosticsFigure::caption() const {
    const PoolDiagnostic& d = results_[size_t(kind())];
    if (!d.isValid()) return tr(kKindTexts[int(kind())].choice);
    const QString where = d.kind == Kind::Disentanglement
                              ? tr("%1 test images per task").arg(d.imagesPerTask)
                              : tr("%1 test images per task, task arithmetic at λ = %2")
                                    .arg(d.imagesPerTask)
                                    .arg(QString::number(d.lambda, 'g', 3));
    return tr("%1 (%2). %3").arg(tr(kKindTexts[int(d.kind)].choice), where, d.verdict);
}

CsvTable PoolDiagnosticsFigure::data() const {
    const PoolDiagnostic& d = results_[size_t(kind())];
    CsvTable table;
    const QStringList names = displayNames(d);
    const int n = d.taskCount();
    auto number = [](double v) { return std::isfinite(v) ? QString::number(v, 'g', 6) : QString(); };
    switch (kind()) {
    case Kind::Identifiability:
        table.header << tr("layer") << tr("accuracy");
        for (const QString& name : names) table.header << tr("recall %1").arg(name);
        for (int l = 0; l < d.layers(); ++l) {
            QStringList fields{QString::number(l), number(d.layerAccuracy[l])};
            for (int t = 0; t < n; ++t) fields << number(d.recallAt(l, t));
            table.rows << fields;
        }
        break;
    case Kind::Disentanglement:
        table.header << tr("task");
        table.header += names;
        for (int r = 0; r < n && d.isValid(); ++r) {
            QStringList fields{names[r]};
            for (int c = 0; c < n; ++c) fields << number(d.pairAt(r, c));
            table.rows << fields;
        }
        break;
    case Kind::Alignment:
        table.header << tr("task") << tr("start") << tr("entropy_optimal") << tr("oracle") << tr("cross_entropy_optimal")
                     << tr("gap_points") << tr("entropy_start") << tr("entropy_entropy_optimal") << tr("entropy_oracle");
        for (int t = 0; t < d.alignment.size() && t < n; ++t) {
            const auto& a = d.alignment[t];
            table.rows << QStringList{names[t],          number(a.start),        number(a.entropyOptimal),
                                      number(a.oracle),  number(a.crossEntropyOptimal), number(a.gapPoints()),
                                      number(a.startEntropy), number(a.entropyOptimalEntropy), number(a.oracleEntropy)};
        }
        break;
    }
    return table;
}

}  // namespace ms::ui
