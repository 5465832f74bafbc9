#include "ui/results/sign_conflict_figure.h"

#include <algorithm>

#include <QDoubleSpinBox>
#include <QLabel>
#include <QPushButton>

#include "ui/base/qcustomplot_include.h"
#include "ui/base/tool_tips.h"

namespace ms::ui {

namespace {
const QColor kBarColor(0x00, 0x72, 0xB2);      // Okabe–Ito blue
const QColor kOverallColor(0xD5, 0x5E, 0x00);  // Okabe–Ito vermillion, apart from the bars
}  // namespace

SignConflictFigure::SignConflictFigure(QWidget* parent)
    : FigureCard(tr("Sign conflicts per layer (TIES)"),
                 tr("Of the entries each task vector keeps (its top k % by magnitude), the share whose sign another "
                    "task contradicts. Conflicts cancel out when task vectors are added."),
                 QStringLiteral("sign-conflicts"), parent) {
    auto* label = new QLabel(tr("Keep top"), this);
    keepSpin_ = new QDoubleSpinBox(this);
    keepSpin_->setRange(1.0, 100.0);
    keepSpin_->setSingleStep(5.0);
    keepSpin_->setDecimals(0);
    keepSpin_->setSuffix(tr(" %"));
    keepSpin_->setValue(20.0);
    keepSpin_->setToolTip(tr("TIES' trim step: each task vector keeps this share of its entries, the largest in "
                             "magnitude (Yadav et al., NeurIPS 2023; default 20 %)"));
    label->setBuddy(keepSpin_);
    computeButton_ = new QPushButton(tr("Compute"), this);
    computeButton_->setToolTip(tr("Measure the sign conflicts at this k"));
    addControl(label);
    addControl(keepSpin_);
    addControl(computeButton_);
    connect(computeButton_, &QPushButton::clicked, this, &SignConflictFigure::request);

    styleAxes();
    QCustomPlot* p = plot();
    p->xAxis->setLabel(tr("Encoder layer"));
    p->yAxis->setLabel(tr("Conflicting signs (% of kept entries)"));
    installPointToolTips(p, [this](QCPAbstractPlottable* plottable, int index) -> QString {
        if (!qobject_cast<QCPBars*>(plottable) || index >= profile_.rate.size()) return {};
        return tr("Layer %1: %2 % of the kept entries conflict").arg(index).arg(profile_.rate[index] * 100.0, 0, 'f', 2);
    });
    clear();
}

void SignConflictFigure::clear() {
    showProfile({});
    showEmpty(tr("Press Compute to measure how often the task vectors disagree in sign."));
}

double SignConflictFigure::keepPercent() const { return keepSpin_->value(); }
void SignConflictFigure::setKeepPercent(double percent) { keepSpin_->setValue(percent); }

void SignConflictFigure::request() { Q_EMIT conflictsRequested(keepPercent()); }

void SignConflictFigure::showProfile(const SignConflictProfile& profile) {
    profile_ = profile;
    QCustomPlot* p = plot();
    p->clearPlottables();
    p->clearItems();
    const int layers = int(profile.rate.size());
    if (layers == 0) {
        showEmpty(tr("No layers were measured."));
        p->replot();
        return;
    }
    auto* bars = new QCPBars(p->xAxis, p->yAxis);
    bars->setWidth(0.7);
    bars->setBrush(kBarColor);
    bars->setPen(QPen(kBarColor.darker(130), 0.8));
    double highest = profile.overall * 100.0;
    for (int k = 0; k < layers; ++k) {
        bars->addData(k, profile.rate[k] * 100.0);
        highest = std::max(highest, profile.rate[k] * 100.0);
    }

    bars->setName(tr("per layer"));
    // The overall rate as a dashed line across the plot; a graph rather than an item so the
    // legend names it and no label sits on the bars.
    auto* overall = p->addGraph();
    overall->setData({-0.6, layers - 0.4}, {profile.overall * 100.0, profile.overall * 100.0});
    overall->setPen(QPen(kOverallColor, 1.6, Qt::DashLine));
    overall->setName(tr("overall %1 %").arg(profile.overall * 100.0, 0, 'f', 1));
    placeLegendBelow(2);

    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(layers > 16 ? 2.0 : 1.0);
    // Every layer numbered up to 16 layers, every other one beyond.
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssNone);
    p->xAxis->setTicker(ticker);
    p->xAxis->setSubTicks(false);
    p->xAxis->setRange(-0.6, layers - 0.4);
    p->yAxis->setRange(0, std::min(100.0, std::max(5.0, highest * 1.1)));
    showPlot();
    p->replot();
}

QString SignConflictFigure::caption() const {
    return tr("TIES sign-conflict rate per encoder layer, keeping the top %1 % of each task vector by magnitude; "
              "overall %2 %.")
        .arg(profile_.keepPercent, 0, 'g', 3)
        .arg(profile_.overall * 100.0, 0, 'f', 1);
}

CsvTable SignConflictFigure::data() const {
    CsvTable table;
    table.header = QStringList{tr("layer"), tr("conflict_rate"), tr("keep_percent")};
    for (int k = 0; k < profile_.rate.size(); ++k)
        table.rows << QStringList{QString::number(k), QString::number(profile_.rate[k], 'g', 6),
                                  QString::number(profile_.keepPercent, 'g', 6)};
    table.rows << QStringList{tr("overall"), QString::number(profile_.overall, 'g', 6),
                              QString::number(profile_.keepPercent, 'g', 6)};
    return table;
}

}  // namespace ms::ui
