#include "ui/routing/routing_inspector.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

#include "ui/routing/image_gallery.h"
#include "ui/routing/routed_image_view.h"
#include "ui/routing/routing_bars.h"
#include "ui/routing/routing_heatmap.h"
#include "ui/routing/test_set_routing_view.h"

namespace ms::ui {

RoutingInspector::RoutingInspector(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    pages_ = new QStackedWidget;
    emptyState_ = new QLabel;
    emptyState_->setAlignment(Qt::AlignCenter);
    emptyState_->setWordWrap(true);
    emptyState_->setTextFormat(Qt::RichText);
    emptyState_->setMargin(24);
    pages_->addWidget(emptyState_);
    pages_->addWidget(buildContent());
    layout->addWidget(pages_);
    setFocusPolicy(Qt::StrongFocus);  // ← → reach the panel even when no child wants them
    updateEmptyState();
}

QWidget* RoutingInspector::buildContent() {
    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(6, 6, 6, 6);

    auto* top = new QHBoxLayout;
    resultCombo_ = new QComboBox;
    resultCombo_->setToolTip(tr("The merged model whose routing is shown (methods with a router: WEMoE)"));
    resultCombo_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto* resultCaption = new QLabel(tr("&Result"));
    resultCaption->setBuddy(resultCombo_);
    compareCombo_ = new QComboBox;
    compareCombo_->setToolTip(tr("A second result routed on the same image, e.g. WEMoE before test-time adaptation.\n"
                                 "The Before/after tab shows (result) − (compare with)."));
    compareCombo_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto* compareLabel = new QLabel(tr("&Compare with"));
    compareLabel->setBuddy(compareCombo_);
    busy_ = new QLabel;
    busy_->setStyleSheet(QStringLiteral("color: palette(mid); font-style: italic;"));
    busy_->hide();
    top->addWidget(resultCaption);
    top->addWidget(resultCombo_);
    top->addSpacing(12);
    top->addWidget(compareLabel);
    top->addWidget(compareCombo_);
    top->addStretch(1);
    top->addWidget(busy_);
    layout->addLayout(top);

    error_ = new QLabel;
    error_->setWordWrap(true);
    error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    error_->setStyleSheet(QStringLiteral("QLabel { background: #fdecea; color: #8a1c1c; border: 1px solid #f5c2c0;"
                                         " border-radius: 4px; padding: 6px; }"));
    error_->hide();
    layout->addWidget(error_);

    gallery_ = new ImageGallery;
    gallery_->setMinimumWidth(220);
    imageView_ = new RoutedImageView;
    imageView_->setMinimumWidth(280);

    tabs_ = new QTabWidget;
    heatmap_ = new RoutingHeatmap;
    heatmap_->setTitle(tr("<b>Routing weights</b> r[layer][τ] of this image · outlined: its own task"));
    bars_ = new RoutingBars;
    bars_->setTitle(tr("<b>Routing weights</b> per layer, one bar per task vector"));
    auto* differencePage = new QWidget;
    auto* differenceLayout = new QVBoxLayout(differencePage);
    differenceLayout->setContentsMargins(0, 0, 0, 0);
    difference_ = new RoutingHeatmap;
    differenceLayout->addWidget(difference_, 1);
    testSet_ = new TestSetRoutingView;
    tabs_->addTab(heatmap_, tr("&Heatmap"));
    tabs_->addTab(bars_, tr("Per-layer &bars"));
    tabs_->addTab(differencePage, tr("Before/&after"));
    tabs_->addTab(testSet_, tr("&Test set"));
    tabs_->setTabToolTip(HeatmapTab, tr("Layers × task vectors; hover a cell for its exact weight"));
    tabs_->setTabToolTip(BarsTab, tr("The same weights as grouped bars"));
    tabs_->setTabToolTip(DifferenceTab, tr("How the routing of this image changed between the two results"));
    tabs_->setTabToolTip(TestSetTab, tr("Routing statistics over whole test sets"));
    tabs_->setTabVisible(DifferenceTab, false);

    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(gallery_);
    split->addWidget(imageView_);
    split->addWidget(tabs_);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 0);
    split->setStretchFactor(2, 1);
    split->setChildrenCollapsible(false);
    split->setSizes({245, 305, 750});
    layout->addWidget(split, 1);

    connect(resultCombo_, qOverload<int>(&QComboBox::currentIndexChanged), this, &RoutingInspector::onResultChanged);
    connect(compareCombo_, qOverload<int>(&QComboBox::currentIndexChanged), this, &RoutingInspector::onCompareChanged);
    connect(gallery_, &ImageGallery::thumbnailsNeeded, this, &RoutingInspector::galleryRequested);
    connect(gallery_, &ImageGallery::imageChosen, this, [this](int task, int index) {
        imageTask_ = task;
        imageIndex_ = index;
        imagePath_.clear();
        requestCurrentImage();
    });
    connect(gallery_, &ImageGallery::openImageClicked, this, &RoutingInspector::chooseImageFile);
    connect(testSet_, &TestSetRoutingView::computeRequested, this, [this] {
        const QString id = currentResultId();
        if (id.isEmpty()) return;
        error_->hide();
        testSet_->setComputing(true);
        showBusy(tr("Routing the test sets under %1…").arg(resultLabel(id)));
        Q_EMIT summaryRequested(id);
    });
    connect(heatmap_, &RoutingHeatmap::centerChanged, this, &RoutingInspector::updateCaptions);
    return content;
}

QString RoutingInspector::currentResultId() const { return resultCombo_->currentData().toString(); }

QString RoutingInspector::compareResultId() const {
    const QString id = compareCombo_->currentData().toString();
    return id == currentResultId() ? QString() : id;
}

QString RoutingInspector::resultLabel(const QString& id) const {
    for (const auto& r : results_)
        if (r.first == id) return r.second;
    return id;
}

bool RoutingInspector::isEmptyStateShown() const { return pages_->currentWidget() == emptyState_; }
QString RoutingInspector::emptyStateText() const { return emptyState_->text(); }
QString RoutingInspector::errorText() const { return error_->isVisibleTo(this) ? error_->text() : QString(); }
QString RoutingInspector::busyText() const { return busy_->isVisibleTo(this) ? busy_->text() : QString(); }

void RoutingInspector::updateEmptyState() {
    if (tasks_.isEmpty()) {
        emptyState_->setText(tr("<h3>No model pool is open</h3><p>Open a pool to inspect how WEMoE routes its images.</p>"));
    } else if (results_.isEmpty()) {
        emptyState_->setText(
            tr("<h3>Nothing routed yet</h3>"
               "<p>Run WEMoE in <b>Merge &amp; adapt</b> to see routing.</p>"
               "<p style=\"color:gray\">WEMoE's routers give every image its own mix of task vectors in every layer;"
               "<br>this panel shows that mix, image by image and over whole test sets.</p>"));
    }
    pages_->setCurrentIndex(tasks_.isEmpty() || results_.isEmpty() ? 0 : 1);
}

void RoutingInspector::setTasks(const QVector<TaskInfo>& tasks) {
    tasks_ = tasks;
    summaries_.clear();
    hasMain_ = hasCompare_ = false;
    imageTask_ = imageIndex_ = -1;
    imagePath_.clear();
    imageView_->clear();
    heatmap_->clear();
    bars_->clear();
    testSet_->setTasks(tasks);
    testSet_->clear();
    updateDifference();
    updateEmptyState();
    gallery_->setTasks(tasks);
}

void RoutingInspector::setResults(const QVector<QPair<QString, QString>>& results) {
    const QString previous = currentResultId();
    const QString previousCompare = compareCombo_->currentData().toString();
    results_ = results;
    {
        const QSignalBlocker blockResult(resultCombo_);
        const QSignalBlocker blockCompare(compareCombo_);
        resultCombo_->clear();
        compareCombo_->clear();
        compareCombo_->addItem(tr("(none)"), QString());
        for (const auto& r : results) {
            resultCombo_->addItem(r.second, r.first);
            compareCombo_->addItem(r.second, r.first);
        }
        const int kept = resultCombo_->findData(previous);
        resultCombo_->setCurrentIndex(kept >= 0 ? kept : 0);
        compareCombo_->setCurrentIndex(std::max(0, compareCombo_->findData(previousCompare)));
    }
    updateEmptyState();
    if (currentResultId() != previous) onResultChanged();
    if (compareCombo_->currentData().toString() != previousCompare) onCompareChanged();
    updateDifference();
}

void RoutingInspector::selectResult(const QString& id) {
    const int index = resultCombo_->findData(id);
    if (index >= 0) resultCombo_->setCurrentIndex(index);
}

void RoutingInspector::selectCompareResult(const QString& id) {
    compareCombo_->setCurrentIndex(std::max(0, compareCombo_->findData(id)));
}

void RoutingInspector::onResultChanged() {
    const QString id = currentResultId();
    hasMain_ = false;
    heatmap_->clear();
    bars_->clear();
    testSet_->setResultLabel(resultLabel(id));
    if (summaries_.contains(id))
        testSet_->setSummary(summaries_.value(id));
    else
        testSet_->clear();
    updateDifference();
    requestTrace(id);
}

void RoutingInspector::requestTrace(const QString& id) {
    if (id.isEmpty() || (imageIndex_ < 0 && imagePath_.isEmpty())) return;
    showBusy(tr("Routing under %1…").arg(resultLabel(id)));
    if (imagePath_.isEmpty())
        Q_EMIT traceRequested(id, imageTask_, imageIndex_);
    else
        Q_EMIT traceFileRequested(id, imagePath_);
}

void RoutingInspector::onCompareChanged() {
    hasCompare_ = false;
    compareTrace_ = {};
    const QString id = compareResultId();
    tabs_->setTabVisible(DifferenceTab, !id.isEmpty());
    updateDifference();
    requestTrace(id);
}

void RoutingInspector::setGallery(int task, const QVector<QImage>& thumbnails, const QStringList& labels) {
    gallery_->setThumbnails(task, thumbnails, labels);
    // Re-mark the image being shown without asking for its routing again.
    if (task == imageTask_ && imagePath_.isEmpty() && task == gallery_->currentTask()) {
        const QSignalBlocker block(gallery_);
        gallery_->setCurrentIndex(imageIndex_);
    }
}

void RoutingInspector::selectImage(int task, int index) {
    imageTask_ = task;
    imageIndex_ = index;
    imagePath_.clear();
    if (task != gallery_->currentTask()) gallery_->setCurrentTask(task);  // asks for its thumbnails
    {
        const QSignalBlocker block(gallery_);  // one request, below, whether or not the grid is filled yet
        gallery_->setCurrentIndex(index);
    }
    requestCurrentImage();
}

void RoutingInspector::openImageFile(const QString& path) {
    if (path.isEmpty()) return;
    imagePath_ = path;
    imageTask_ = imageIndex_ = -1;
    requestCurrentImage();
}

void RoutingInspector::chooseImageFile() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Route an image"), QString(),
                                                      tr("Images (*.png *.jpg *.jpeg *.bmp *.ppm *.pgm *.webp);;All files (*)"));
    openImageFile(path);
}

void RoutingInspector::requestCurrentImage() {
    const QString main = currentResultId();
    if (main.isEmpty()) return;
    error_->hide();
    hasMain_ = hasCompare_ = false;
    const QString compare = compareResultId();
    const QString what = imagePath_.isEmpty() ? gallery_->imageLabel(imageIndex_) : imagePath_.section(QLatin1Char('/'), -1);
    showBusy(what.isEmpty() ? tr("Routing…") : tr("Routing %1…").arg(what));
    if (imagePath_.isEmpty()) {
        Q_EMIT traceRequested(main, imageTask_, imageIndex_);
        if (!compare.isEmpty()) Q_EMIT traceRequested(compare, imageTask_, imageIndex_);
    } else {
        Q_EMIT traceFileRequested(main, imagePath_);
        if (!compare.isEmpty()) Q_EMIT traceFileRequested(compare, imagePath_);
    }
}

void RoutingInspector::showTrace(const RoutingTrace& trace) {
    bool used = false;
    if (!trace.resultId.isEmpty() && trace.resultId == currentResultId()) {
        mainTrace_ = trace;
        hasMain_ = true;
        imageView_->setTrace(trace, tasks_);
        heatmap_->setTrace(trace, tasks_);
        bars_->setTrace(trace, tasks_);
        used = true;
    }
    if (!trace.resultId.isEmpty() && trace.resultId == compareResultId()) {
        compareTrace_ = trace;
        hasCompare_ = true;
        used = true;
    }
    if (!used) return;  // a late answer for a result no longer chosen
    if (hasMain_ && (compareResultId().isEmpty() || hasCompare_)) showBusy({});
    updateDifference();
    updateCaptions();
}

void RoutingInspector::updateDifference() {
    const QString compare = compareResultId();
    tabs_->setTabVisible(DifferenceTab, !compare.isEmpty());
    if (compare.isEmpty()) {
        difference_->clear(tr("Choose a result in “Compare with” to see how routing changed."));
        return;
    }
    const QString after = resultLabel(currentResultId()), before = resultLabel(compare);
    difference_->setTitle(tr("<b>Change in routing</b>: %1 − %2 · red: more weight under %1")
                              .arg(after.toHtmlEscaped(), before.toHtmlEscaped()));
    if (!hasMain_ || !hasCompare_) {
        difference_->clear(tr("Waiting for the routing under %1…").arg(hasMain_ ? before : after));
    } else if (mainTrace_.imageLabel != compareTrace_.imageLabel) {
        difference_->clear(tr("The two results were routed on different images; choose the image again."));
    } else {
        difference_->setDifference(compareTrace_, mainTrace_, tasks_);
    }
}

void RoutingInspector::updateCaptions() {
    const QString label = resultLabel(currentResultId());
    const QString image = mainTrace_.imageLabel;
    heatmap_->setCaption(tr("%1 — routing of %2; layers × task vectors; colours centred at %3")
                             .arg(label, image, QString::number(heatmap_->center(), 'g', 3)));
    bars_->setCaption(tr("%1 — routing of %2 per layer; one bar per task vector").arg(label, image));
    difference_->setCaption(tr("%1 − %2 — change in the routing of %3; layers × task vectors")
                                .arg(label, resultLabel(compareResultId()), image));
}

void RoutingInspector::showSummary(const RoutingSummary& summary) {
    summaries_.insert(summary.resultId, summary);
    if (summary.resultId != currentResultId()) return;
    testSet_->setSummary(summary);
    showBusy({});
}

void RoutingInspector::showError(const QString& message) {
    error_->setText(message);
    error_->setVisible(!message.isEmpty());
    testSet_->setComputing(false);
    showBusy({});
}

void RoutingInspector::showBusy(const QString& message) {
    busy_->setText(message);
    busy_->setVisible(!message.isEmpty());
}

void RoutingInspector::keyPressEvent(QKeyEvent* event) {
    if ((event->key() == Qt::Key_Left || event->key() == Qt::Key_Right) && event->modifiers() == Qt::NoModifier) {
        gallery_->step(event->key() == Qt::Key_Left ? -1 : 1);
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

}  // namespace ms::ui
