#include "ui/results/lambda_sweep_figure.h"

#include <algorithm>
#include <cmath>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPushButton>

#include "ui/base/qcustomplot_include.h"
#include "ui/base/tool_tips.h"
#include "ui/results/results_colors.h"

namespace ms::ui {

namespace {
const QColor kMeanColor = methodColor(QStringLiteral("task_arithmetic")).darker(120);
const QColor kBestColor(0x33, 0x33, 0x33);
const QColor kEntropyColor(0x76, 0x2a, 0x83);
}  // namespace

LambdaSweepFigure::LambdaSweepFigure(QWidget* parent)
    : FigureCard({}, {}, QStringLiteral("task-arithmetic-lambda"), parent) {
    updateHeading(LambdaSweep::Kind::TaskArithmetic);
    kindCombo_ = new QComboBox(this);
    kindCombo_->addItem(tr("Task arithmetic λ"), int(LambdaSweep::Kind::TaskArithmetic));
    kindCombo_->addItem(tr("Way to oracle routing α"), int(LambdaSweep::Kind::TowardOracle));
    kindCombo_->setToolTip(tr("What Run sweep computes. Task arithmetic: θ = θ₀ + λ Στ at each λ. Way to oracle routing: "
                              "WEMoE's MLP coefficients for each image go from λ = 0.3 for every task vector (α = 0, "
                              "where adaptation starts) to its own task's vector only (α = 1, oracle routing: what the routers would "
                              "ideally learn)."));
    auto* stepLabel = new QLabel(tr("Step"), this);
    stepSpin_ = new QDoubleSpinBox(this);
    stepSpin_->setRange(0.01, 0.5);
    stepSpin_->setSingleStep(0.05);
    stepSpin_->setDecimals(2);
    stepSpin_->setValue(0.1);
    stepLabel->setBuddy(stepSpin_);
    auto* maximumLabel = new QLabel(tr("up to"), this);
    maximumSpin_ = new QDoubleSpinBox(this);
    maximumSpin_->setSingleStep(0.1);
    maximumSpin_->setDecimals(2);
    maximumSpin_->setValue(1.0);
    maximumLabel->setBuddy(maximumSpin_);
    perTaskCheck_ = new QCheckBox(tr("Per task"), this);
    perTaskCheck_->setToolTip(tr("Also draw each task's accuracy as a thin line in its colour"));
    entropyCheck_ = new QCheckBox(tr("Entropy"), this);
    entropyCheck_->setChecked(true);
    entropyCheck_->setToolTip(tr("Also draw the mean prediction entropy (right axis): the quantity AdaMerging and WEMoE "
                                 "minimise on unlabeled images. Where its lowest λ is far from the best λ, "
                                 "entropy misleads on this pool."));
    runButton_ = new QPushButton(tr("Run sweep"), this);
    for (QWidget* w : std::initializer_list<QWidget*>{kindCombo_, stepLabel, stepSpin_, maximumLabel, maximumSpin_, perTaskCheck_,
                                                      entropyCheck_, runButton_})
        addControl(w);
    applyRequestedKind();
    connect(runButton_, &QPushButton::clicked, this, &LambdaSweepFigure::request);
    connect(perTaskCheck_, &QCheckBox::toggled, this, &LambdaSweepFigure::redraw);
    connect(entropyCheck_, &QCheckBox::toggled, this, &LambdaSweepFigure::redraw);
    connect(kindCombo_, &QComboBox::currentIndexChanged, this, [this] {
        applyRequestedKind();
        if (sweep_.lambdas.isEmpty()) clear();  // the invitation names what Run sweep will compute
    });

    styleAxes();
    plot()->xAxis->setLabel(tr("λ"));
    plot()->yAxis->setLabel(tr("Accuracy (%)"));
    plot()->yAxis2->setLabel(tr("Mean prediction entropy (nats)"));
    plot()->yAxis2->setLabelColor(kEntropyColor);
    plot()->yAxis2->setTickLabelColor(kEntropyColor);
    installPointToolTips(plot(), [this](QCPAbstractPlottable* plottable, int index) -> QString {
        const QString role = plottable->property("role").toString();
        if (index < 0 || index >= summary_.lambdas.size()) return {};
        const QString lambda = symbol() + QStringLiteral(" = ") + QString::number(summary_.lambdas[index], 'g', 3);
        if (role == QLatin1String("mean"))
            return tr("%1<br>mean %2 %<br>worst task %3 %, best task %4 %")
                .arg(lambda)
                .arg(summary_.mean[index] * 100, 0, 'f', 2)
                .arg(summary_.minimum[index] * 100, 0, 'f', 2)
                .arg(summary_.maximum[index] * 100, 0, 'f', 2);
        if (role == QLatin1String("entropy"))
            return tr("%1<br>mean prediction entropy %2 nats").arg(lambda).arg(sweep_.entropy.value(index), 0, 'f', 3);
        if (role == QLatin1String("task"))
            return tr("%1 at %2: %3 %")
                .arg(plottable->name().toHtmlEscaped(), lambda)
                .arg(sweep_.accuracy[index].value(plottable->property("task").toInt()) * 100, 0, 'f', 2);
        return {};
    });
    clear();
}

void LambdaSweepFigure::clear() {
    LambdaSweep none;
    none.kind = requestedKind();
    showSweep(none);
    showEmpty(none.kind == LambdaSweep::Kind::TowardOracle
                  ? tr("Press Run sweep to walk from the WEMoE start (α = 0) to oracle routing (α = 1).")
                  : tr("Press Run sweep to evaluate task arithmetic at λ = 0, 0.1, …, 1."));
}

void LambdaSweepFigure::updateHeading(LambdaSweep::Kind kind) {
    exportButton()->setBaseName(kind == LambdaSweep::Kind::TowardOracle ? QStringLiteral("way-to-oracle-routing")
                                                                        : QStringLiteral("task-arithmetic-lambda"));
    if (kind == LambdaSweep::Kind::TowardOracle)
        setHeading(tr("Accuracy against α"),
                   tr("Each image's MLP coefficients go from λ for every task vector (α = 0, where WEMoE's routers "
                      "start) to its own task's vector alone (α = 1, oracle routing: the mixture they would ideally "
                      "learn, with the other vectors at 0). The band spans "
                      "the worst to the best task. Where the dashed entropy falls all the way, entropy "
                      "minimisation has a downhill path to the oracle."));
    else
        setHeading(tr("Accuracy against λ"),
                   tr("θ = θ₀ + λ Στ. The line is the mean over tasks, the band spans the worst to the best task: "
                      "a wide band means no single λ suits every task. The dashed line is the mean prediction "
                      "entropy, which test-time adaptation lowers: it can be trusted where it is lowest at the best λ."));
}

void LambdaSweepFigure::applyRequestedKind() {
    if (requestedKind() == LambdaSweep::Kind::TowardOracle) {
        maximumSpin_->setRange(0.1, 1.0);  // past 1 the foreign coefficients turn negative: not the oracle any more
        stepSpin_->setToolTip(tr("Spacing of the α values evaluated"));
        maximumSpin_->setToolTip(tr("The largest α evaluated (the way starts at α = 0, every MLP coefficient at λ = 0.3, "
                                    "and ends at α = 1, oracle routing)"));
        runButton_->setToolTip(tr("Evaluate each task's images with their MLP coefficients at (1 − α)·0.3 for every task "
                                  "vector plus α for their own, at each α"));
    } else {
        maximumSpin_->setRange(0.1, 3.0);
        stepSpin_->setToolTip(tr("Spacing of the λ values evaluated"));
        maximumSpin_->setToolTip(tr("The largest λ evaluated (the sweep starts at 0, the pretrained model)"));
        runButton_->setToolTip(tr("Merge with task arithmetic at each λ and evaluate every task"));
    }
}

QString LambdaSweepFigure::symbol() const { return towardOracle() ? QStringLiteral("α") : QStringLiteral("λ"); }

LambdaSweep::Kind LambdaSweepFigure::requestedKind() const {
    return LambdaSweep::Kind(kindCombo_->currentData().toInt());
}

void LambdaSweepFigure::setRequestedKind(LambdaSweep::Kind kind) {
    kindCombo_->setCurrentIndex(kindCombo_->findData(int(kind)));
}

void LambdaSweepFigure::setTasks(const QVector<TaskInfo>& tasks) {
    tasks_ = tasks;
    if (!sweep_.lambdas.isEmpty()) redraw();
}

QVector<double> LambdaSweepFigure::requestedLambdas() const { return lambdaGrid(stepSpin_->value(), maximumSpin_->value()); }

void LambdaSweepFigure::setPerTaskVisible(bool visible) { perTaskCheck_->setChecked(visible); }
bool LambdaSweepFigure::perTaskVisible() const { return perTaskCheck_->isChecked(); }
void LambdaSweepFigure::setEntropyVisible(bool visible) { entropyCheck_->setChecked(visible); }
bool LambdaSweepFigure::entropyVisible() const { return entropyCheck_->isChecked(); }

void LambdaSweepFigure::request() {
    if (requestedKind() == LambdaSweep::Kind::TowardOracle)
        Q_EMIT oraclePathRequested(requestedLambdas());
    else
        Q_EMIT sweepRequested(requestedLambdas());
}

void LambdaSweepFigure::showSweep(const LambdaSweep& sweep) {
    sweep_ = sweep;
    summary_ = summarizeLambdaSweep(sweep);
    {
        const QSignalBlocker quiet(kindCombo_);  // Run sweep repeats what is shown unless the user switches
        setRequestedKind(sweep.kind);
    }
    applyRequestedKind();
    updateHeading(sweep.kind);
    redraw();
}

TaskInfo LambdaSweepFigure::taskInfo(const QString& name, int index) const {
    for (const TaskInfo& t : tasks_)
        if (t.name == name) return t;
    // Unknown task: a grey line, still named.
    return TaskInfo{name, name, {}, QColor::fromHsv((index * 47) % 360, 120, 170), {}};
}

void LambdaSweepFigure::redraw() {
    QCustomPlot* p = plot();
    p->clearPlottables();
    p->clearItems();
    if (summary_.best < 0) {
        showEmpty(sweep_.lambdas.isEmpty() ? tr("The sweep has no %1 values.").arg(symbol())
                                           : tr("No task was evaluated in the sweep."));
        p->replot();
        return;
    }
    const QVector<double>& x = summary_.lambdas;
    auto percent = [](QVector<double> v) {
        for (double& a : v) a *= 100.0;
        return v;
    };

    // The band: the max line filled down to the min line.
    auto* low = p->addGraph();
    low->setPen(QPen(kMeanColor.lighter(150), 1));
    low->setData(x, percent(summary_.minimum), true);
    low->setProperty("role", "band");
    low->removeFromLegend();
    auto* high = p->addGraph();
    high->setPen(QPen(kMeanColor.lighter(150), 1));
    high->setData(x, percent(summary_.maximum), true);
    high->setProperty("role", "band");
    QColor fill = kMeanColor;
    fill.setAlpha(45);
    high->setBrush(fill);
    high->setChannelFillGraph(low);
    high->setName(tr("min–max over tasks"));

    if (perTaskCheck_->isChecked()) {
        for (int t = 0; t < sweep_.tasks.size(); ++t) {
            const TaskInfo info = taskInfo(sweep_.tasks[t], t);
            QVector<double> y;
            for (int i = 0; i < x.size(); ++i) y << sweep_.accuracy.value(i).value(t, std::nan("")) * 100.0;
            auto* line = p->addGraph();
            line->setData(x, y, true);
            line->setPen(QPen(info.color, 1.0));
            line->setName(info.displayName.isEmpty() ? info.name : info.displayName);
            line->setProperty("role", "task");
            line->setProperty("task", t);
        }
    }

    auto* mean = p->addGraph();
    mean->setData(x, percent(summary_.mean), true);
    mean->setPen(QPen(kMeanColor, 2.2));
    mean->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, kMeanColor, Qt::white, 6));
    mean->setName(tr("mean over tasks"));
    mean->setProperty("role", "mean");

    const double bestLambda = summary_.bestLambda(), bestMean = summary_.mean[summary_.best] * 100.0;
    auto* bestLine = new QCPItemStraightLine(p);
    bestLine->point1->setCoords(bestLambda, 0);
    bestLine->point2->setCoords(bestLambda, 1);
    bestLine->setPen(QPen(kBestColor, 1, Qt::DashLine));
    auto* bestPoint = p->addGraph();
    bestPoint->setData({bestLambda}, {bestMean});
    bestPoint->setLineStyle(QCPGraph::lsNone);
    bestPoint->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssStar, kBestColor, 13));
    bestPoint->setName(tr("best %1 = %2").arg(symbol()).arg(bestLambda, 0, 'g', 3));
    auto* bestLabel = new QCPItemText(p);
    bestLabel->position->setCoords(bestLambda, bestMean);
    // Keep the label inside the plot: to the left of the star when it sits on the right half.
    const bool rightHalf = bestLambda > (x.first() + x.last()) / 2;
    bestLabel->setPositionAlignment((rightHalf ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignBottom);
    bestLabel->setPadding(QMargins(8, 2, 8, 6));
    bestLabel->setText(tr("best %1 = %2, mean %3 %").arg(symbol()).arg(bestLambda, 0, 'g', 3).arg(bestMean, 0, 'f', 1));
    bestLabel->setColor(kBestColor);
    bestLabel->setBrush(QColor(255, 255, 255, 200));  // readable over the per-task lines
    bestLabel->setClipToAxisRect(true);

    const bool withEntropy = entropyCheck_->isChecked() && summary_.leastEntropy >= 0;
    p->yAxis2->setVisible(withEntropy);
    if (withEntropy) {
        auto* entropy = p->addGraph(p->xAxis, p->yAxis2);
        entropy->setData(x, sweep_.entropy, true);
        entropy->setPen(QPen(kEntropyColor, 1.8, Qt::DashLine));
        entropy->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, kEntropyColor, Qt::white, 6));
        entropy->setName(tr("mean entropy (right axis)"));
        entropy->setProperty("role", "entropy");
        const double least = summary_.leastEntropyLambda();
        auto* leastLine = new QCPItemStraightLine(p);
        leastLine->point1->setCoords(least, 0);
        leastLine->point2->setCoords(least, 1);
        leastLine->setPen(QPen(kEntropyColor, 1, Qt::DotLine));
        auto* leastPoint = p->addGraph(p->xAxis, p->yAxis2);
        leastPoint->setData({least}, {sweep_.entropy[summary_.leastEntropy]});
        leastPoint->setLineStyle(QCPGraph::lsNone);
        leastPoint->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, QPen(kEntropyColor, 1.5), kEntropyColor, 11));
        leastPoint->setName(tr("least entropy %1 = %2").arg(symbol()).arg(least, 0, 'g', 3));
        double high = 0.0;
        for (double e : sweep_.entropy)
            if (!std::isnan(e)) high = std::max(high, e);
        p->yAxis2->setRange(0, high * 1.15 + 1e-9);
    }

    double top = 0.0;
    for (double v : summary_.maximum)
        if (!std::isnan(v)) top = std::max(top, v * 100.0);
    p->xAxis->setRange(x.first() - 0.03 * (x.last() - x.first() + 1e-9), x.last() + 0.03 * (x.last() - x.first() + 1e-9));
    p->yAxis->setRange(0, std::min(100.0, top + 8.0) + (top > 92.0 ? 6.0 : 0.0));
    p->xAxis->setLabel(towardOracle() ? tr("α   (0: every MLP coefficient at λ = %1;  1: oracle routing)").arg(sweep_.startLambda)
                                      : tr("λ"));
    placeLegendBelow(perTaskCheck_->isChecked() ? 6 : withEntropy ? 5 : 3);
    showPlot();
    p->replot();
}

QString LambdaSweepFigure::caption() const {
    if (towardOracle()) {
        if (summary_.best < 0) return tr("Accuracy on the way from the WEMoE start to oracle routing.");
        const int last = int(summary_.lambdas.size()) - 1;
        QString text = tr("Accuracy over %1 tasks on the straight way from the WEMoE start (α = 0, every MLP coefficient "
                          "at λ = %2) to oracle routing (α = 1): mean %3 % at α = %4, %5 % at α = %6.")
                           .arg(sweep_.tasks.size())
                           .arg(sweep_.startLambda, 0, 'g', 3)
                           .arg(summary_.mean[0] * 100.0, 0, 'f', 1)
                           .arg(summary_.lambdas[0], 0, 'g', 3)
                           .arg(summary_.mean[last] * 100.0, 0, 'f', 1)
                           .arg(summary_.lambdas[last], 0, 'g', 3);
        if (summary_.leastEntropy >= 0 && entropyCheck_->isChecked())
            text += QLatin1Char(' ') + tr("The mean prediction entropy is lowest at α = %1 (%2 nats).")
                                           .arg(summary_.leastEntropyLambda(), 0, 'g', 3)
                                           .arg(sweep_.entropy[summary_.leastEntropy], 0, 'f', 3);
        return text;
    }
    if (summary_.best < 0) return tr("Task arithmetic accuracy against λ.");
    QString text = tr("Task arithmetic accuracy against λ over %1 tasks (mean, min–max band over tasks); best λ = %2 "
                      "with a mean of %3 %.")
                       .arg(sweep_.tasks.size())
                       .arg(summary_.bestLambda(), 0, 'g', 3)
                       .arg(summary_.mean[summary_.best] * 100.0, 0, 'f', 1);
    if (summary_.leastEntropy >= 0 && entropyCheck_->isChecked())
        text += QLatin1Char(' ') + tr("The mean prediction entropy is lowest at λ = %1 (%2 nats), where the mean accuracy is %3 %.")
                                       .arg(summary_.leastEntropyLambda(), 0, 'g', 3)
                                       .arg(sweep_.entropy[summary_.leastEntropy], 0, 'f', 3)
                                       .arg(summary_.mean[summary_.leastEntropy] * 100.0, 0, 'f', 1);
    return text;
}

CsvTable LambdaSweepFigure::data() const {
    CsvTable table;
    table.header << (towardOracle() ? QStringLiteral("alpha") : QStringLiteral("lambda"));
    for (const QString& t : sweep_.tasks) table.header << t;
    table.header << QStringLiteral("mean") << QStringLiteral("min") << QStringLiteral("max");
    const bool withEntropy = summary_.leastEntropy >= 0;
    if (withEntropy) table.header << QStringLiteral("entropy");
    for (int i = 0; i < summary_.lambdas.size(); ++i) {
        QStringList fields{QString::number(summary_.lambdas[i], 'g', 6)};
        for (int t = 0; t < sweep_.tasks.size(); ++t)
            fields << QString::number(sweep_.accuracy.value(i).value(t, std::nan("")), 'g', 6);
        fields << QString::number(summary_.mean[i], 'g', 6) << QString::number(summary_.minimum[i], 'g', 6)
               << QString::number(summary_.maximum[i], 'g', 6);
        if (withEntropy) fields << QString::number(sweep_.entropy[i], 'g', 6);
        table.rows << fields;
    }
    return table;
}

}  // namespace ms::ui
