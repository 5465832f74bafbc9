#include "ui/routing/test_set_routing_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

#include "ui/routing/first_choice_matrix.h"
#include "ui/routing/routing_heatmap.h"
#include "ui/routing/routing_palette.h"
#include "ui/routing/routing_spread_plot.h"

namespace ms::ui {

TestSetRoutingView::TestSetRoutingView(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* top = new QHBoxLayout;
    compute_ = new QPushButton(tr("Compute for the test sets"));
    compute_->setToolTip(tr("Route every test image of every merged task and summarise: which task vector\n"
                            "each task's images favour in each layer, and how spread out the routing is."));
    top->addWidget(compute_);
    hint_ = new QLabel;
    hint_->setWordWrap(true);
    hint_->setStyleSheet(QStringLiteral("color: palette(mid);"));
    top->addWidget(hint_, 1);
    layout->addLayout(top);
    connect(compute_, &QPushButton::clicked, this, &TestSetRoutingView::computeRequested);

    firstChoice_ = new FirstChoiceMatrix;
    firstChoice_->setTitle(tr("<b>Own task first</b> — share of each task's images whose largest weight is their own τ"));
    firstChoice_->setToolTip(tr("High values: the router recognises the task in that layer. Chance is 1/T."));
    spread_ = new RoutingSpreadPlot;
    spread_->setTitle(tr("<b>Routing spread</b> — mean entropy of the normalised weights"));
    spread_->setToolTip(tr("0 bits: one task vector per image. log₂ T bits: all task vectors equally, like task arithmetic."));

    // The task chooser sits in the mean-routing figure's own header row.
    meanRouting_ = new RoutingHeatmap;
    meanRouting_->setTitle(tr("<b>Mean routing</b> of the test images of"));
    meanTask_ = new QComboBox;
    meanTask_->setToolTip(tr("Whose images to average the routing over; their own task vector is outlined"));
    meanTask_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    meanRouting_->addHeaderWidget(meanTask_, true);
    auto* meanBox = meanRouting_;
    connect(meanTask_, qOverload<int>(&QComboBox::currentIndexChanged), this, &TestSetRoutingView::showMeanRouting);

    auto* upper = new QSplitter(Qt::Horizontal);
    upper->addWidget(firstChoice_);
    upper->addWidget(spread_);
    upper->setStretchFactor(0, 3);
    upper->setStretchFactor(1, 2);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(upper);
    split->addWidget(meanBox);
    split->setChildrenCollapsible(false);
    layout->addWidget(split, 1);
    clear();
}

void TestSetRoutingView::setResultLabel(const QString& label) {
    resultLabel_ = label;
    updateCaptions();
}

void TestSetRoutingView::clear(const QString& message) {
    summary_ = {};
    const QString text = message.isEmpty() ? tr("Press “Compute for the test sets” to summarise routing over every test image.")
                                           : message;
    firstChoice_->clear(text);
    spread_->clear(text);
    meanRouting_->clear(text);
    const QSignalBlocker block(meanTask_);
    meanTask_->clear();
    meanTask_->setEnabled(false);
    hint_->setText(tr("Takes one pass over the test sets."));
    compute_->setEnabled(true);
}

void TestSetRoutingView::setComputing(bool computing) {
    compute_->setEnabled(!computing);
    if (computing) hint_->setText(tr("Computing… (the rest of the app stays usable)"));
}

void TestSetRoutingView::setSummary(const RoutingSummary& summary) {
    summary_ = summary;
    compute_->setEnabled(true);
    hint_->setText(tr("%1 tasks · %2 layers").arg(summary.tasks.size()).arg(summary.layers));
    firstChoice_->setSummary(summary, tasks_);
    spread_->setSummary(summary);
    const auto rows = routing::tasksByName(summary.tasks, tasks_);
    {
        const QSignalBlocker block(meanTask_);
        const int previous = meanTask_->currentIndex();
        meanTask_->clear();
        for (const auto& task : rows) meanTask_->addItem(task.displayName);
        meanTask_->setCurrentIndex(std::clamp(previous, 0, std::max(0, int(rows.size()) - 1)));
        meanTask_->setEnabled(!rows.isEmpty());
    }
    showMeanRouting();
    updateCaptions();
}

void TestSetRoutingView::showMeanRouting() {
    const int task = meanTask_->currentIndex();
    const int n = summary_.tasks.size();
    if (task < 0 || n == 0 || summary_.meanRouting.size() != n * n * summary_.layers) {
        meanRouting_->clear(tr("This summary has no mean routing."));
        return;
    }
    // A mean over images is drawn exactly like one image's routing, own task outlined.
    RoutingTrace mean;
    mean.resultId = summary_.resultId;
    mean.imageLabel = tr("mean over the %1 test images").arg(meanTask_->currentText());
    mean.trueTask = task;
    mean.tasks = summary_.tasks;
    mean.layers = summary_.layers;
    for (int l = 0; l < summary_.layers; ++l)
        for (int v = 0; v < n; ++v) mean.weights << summary_.mean(task, l, v);
    meanRouting_->setTrace(mean, tasks_);
    updateCaptions();
}

void TestSetRoutingView::updateCaptions() {
    const QString who = resultLabel_.isEmpty() ? tr("Routing") : resultLabel_;
    firstChoice_->setCaption(tr("%1 — share of each task's test images whose largest routing weight is their own "
                                "task vector; image task × layer").arg(who));
    spread_->setCaption(tr("%1 — routing spread per layer (mean entropy of the normalised routing weights, bits); "
                           "dashed: log2 T").arg(who));
    meanRouting_->setCaption(tr("%1 — mean routing of the %2 test images; layers × task vectors")
                                 .arg(who, meanTask_->currentText()));
}

}  // namespace ms::ui
