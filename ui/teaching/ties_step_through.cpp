#include "ui/teaching/ties_step_through.h"

#include <algorithm>
#include <cmath>

#include <QButtonGroup>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QStandardPaths>
#include <QVBoxLayout>

#include "ui/teaching/ties_grid_view.h"

namespace ms::ui {

namespace {

const char* const kStepNames[kTiesStepCount] = {"Task vectors", "Trim", "Elect sign", "Disjoint merge"};

// Three significant digits and a true minus: enough to follow the arithmetic aloud.
QString spoken(double v) {
    QString text = QString::number(v, 'g', 3);
    if (text.startsWith(QLatin1Char('-'))) text.replace(0, 1, QStringLiteral("−"));
    return text;
}

}  // namespace

TiesStepThrough::TiesStepThrough(QWidget* parent) : QWidget(parent) {
    // The figure: everything the PNG export shows.
    figure_ = new QWidget;
    figure_->setAutoFillBackground(true);
    QPalette white = figure_->palette();
    white.setColor(QPalette::Window, Qt::white);
    figure_->setPalette(white);

    title_ = new QLabel(tr("TIES-merging, step by step"));
    QFont titleFont = title_->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    title_->setFont(titleFont);
    title_->setStyleSheet(QStringLiteral("color:#1f3a5f"));
    subtitle_ = new QLabel;
    subtitle_->setStyleSheet(QStringLiteral("color:#555"));
    subtitle_->setWordWrap(true);
    explanation_ = new QLabel;
    explanation_->setObjectName(QStringLiteral("stepExplanation"));
    explanation_->setWordWrap(true);
    explanation_->setTextFormat(Qt::RichText);
    QFont explanationFont = explanation_->font();
    explanationFont.setPointSizeF(explanationFont.pointSizeF() * 1.2);
    explanation_->setFont(explanationFont);
    explanation_->setMinimumHeight(QFontMetrics(explanationFont).lineSpacing() * 4);
    explanation_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    gridView_ = new TiesGridView;
    gridView_->setObjectName(QStringLiteral("tiesGrid"));
    gridView_->setPlaceholder(tr("No slice yet. Open a model pool and click New slice: MergeScope takes a few "
                                 "entries of one MLP weight from each task vector and runs TIES on them."));

    auto* figureLayout = new QVBoxLayout(figure_);
    figureLayout->setContentsMargins(16, 12, 16, 12);
    figureLayout->addWidget(title_);
    figureLayout->addWidget(subtitle_);
    figureLayout->addSpacing(6);
    figureLayout->addWidget(explanation_);
    figureLayout->addWidget(gridView_);
    figureLayout->addStretch(1);

    auto* scroll = new QScrollArea;
    scroll->setWidget(figure_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    // Step indicator: where we are, and a shortcut to any step.
    stepButtons_ = new QButtonGroup(this);
    stepButtons_->setExclusive(true);
    auto* indicator = new QHBoxLayout;
    for (int s = 0; s < kTiesStepCount; ++s) {
        if (s > 0) {
            auto* arrow = new QLabel(QStringLiteral("→"));
            arrow->setStyleSheet(QStringLiteral("color:#888; font-size:14pt"));
            indicator->addWidget(arrow);
        }
        auto* button = new QPushButton(QStringLiteral("%1  %2").arg(s + 1).arg(tr(kStepNames[s])));
        button->setCheckable(true);
        button->setObjectName(QStringLiteral("stepButton%1").arg(s + 1));
        button->setStyleSheet(QStringLiteral(
            "QPushButton { padding: 6px 14px; border: 1px solid #c8ccd4; border-radius: 14px; background: #f4f6fa; }"
            "QPushButton:checked { background: #1f3a5f; color: white; border-color: #1f3a5f; }"));
        stepButtons_->addButton(button, s);
        indicator->addWidget(button);
    }
    indicator->addStretch();
    connect(stepButtons_, &QButtonGroup::idClicked, this, &TiesStepThrough::setStep);

    backButton_ = new QPushButton(tr("◀  Back"));
    backButton_->setObjectName(QStringLiteral("backButton"));
    nextButton_ = new QPushButton(tr("Next  ▶"));
    nextButton_->setObjectName(QStringLiteral("nextButton"));
    stepLabel_ = new QLabel;
    stepLabel_->setObjectName(QStringLiteral("stepLabel"));
    stepLabel_->setMinimumWidth(90);
    stepLabel_->setAlignment(Qt::AlignCenter);
    connect(backButton_, &QPushButton::clicked, this, &TiesStepThrough::back);
    connect(nextButton_, &QPushButton::clicked, this, &TiesStepThrough::next);
    // Presentation clickers send Page Down / Page Up.
    auto* forward = new QShortcut(QKeySequence(Qt::Key_PageDown), this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    auto* backward = new QShortcut(QKeySequence(Qt::Key_PageUp), this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    connect(forward, &QShortcut::activated, this, &TiesStepThrough::next);
    connect(backward, &QShortcut::activated, this, &TiesStepThrough::back);

    keepSpin_ = new QDoubleSpinBox;
    keepSpin_->setObjectName(QStringLiteral("keepSpin"));
    keepSpin_->setRange(1.0, 100.0);
    keepSpin_->setDecimals(0);
    keepSpin_->setSingleStep(5.0);
    keepSpin_->setSuffix(QStringLiteral(" %"));
    keepSpin_->setValue(20.0);
    keepSpin_->setKeyboardTracking(false);  // one request per edit, not per keystroke
    keepSpin_->setToolTip(tr("Share of each task vector's entries kept by magnitude in the trim step"));
    connect(keepSpin_, &QDoubleSpinBox::valueChanged, this, &TiesStepThrough::keepPercentChanged);
    auto* newSlice = new QPushButton(tr("New slice"));
    newSlice->setObjectName(QStringLiteral("newSliceButton"));
    newSlice->setToolTip(tr("Run TIES on another random slice of the task vectors"));
    connect(newSlice, &QPushButton::clicked, this, [this] { Q_EMIT sliceRequested(keepSpin_->value()); });
    exportImageButton_ = new QPushButton(tr("Export PNG…"));
    exportImageButton_->setObjectName(QStringLiteral("exportImageButton"));
    exportCsvButton_ = new QPushButton(tr("Export CSV…"));
    exportCsvButton_->setObjectName(QStringLiteral("exportCsvButton"));
    connect(exportImageButton_, &QPushButton::clicked, this, &TiesStepThrough::chooseImagePath);
    connect(exportCsvButton_, &QPushButton::clicked, this, &TiesStepThrough::chooseCsvPath);

    auto* controls = new QHBoxLayout;
    controls->addWidget(backButton_);
    controls->addWidget(stepLabel_);
    controls->addWidget(nextButton_);
    controls->addStretch();
    controls->addWidget(new QLabel(tr("Keep top")));
    controls->addWidget(keepSpin_);
    controls->addWidget(newSlice);
    controls->addSpacing(16);
    controls->addWidget(exportImageButton_);
    controls->addWidget(exportCsvButton_);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(indicator);
    layout->addWidget(scroll, 1);
    layout->addLayout(controls);
    refresh();
}

bool TiesStepThrough::hasWalkthrough() const { return !walkthrough_.vectors.isEmpty(); }

void TiesStepThrough::setWalkthrough(const TiesWalkthrough& walkthrough) {
    walkthrough_ = walkthrough;
    step_ = 0;
    {
        const QSignalBlocker blocker(keepSpin_);  // showing the value is not a request for it
        keepSpin_->setValue(walkthrough.keepPercent);
    }
    refresh();
    Q_EMIT stepChanged(step_);
}

void TiesStepThrough::setStep(int step) {
    const int clamped = std::clamp(step, 0, kTiesStepCount - 1);
    const bool changed = clamped != step_;
    step_ = clamped;
    refresh();
    if (changed) Q_EMIT stepChanged(step_);
}

void TiesStepThrough::next() { setStep(step_ + 1); }
void TiesStepThrough::back() { setStep(step_ - 1); }

const TiesGrid& TiesStepThrough::currentGrid() const { return gridView_->grid(); }
QString TiesStepThrough::explanation() const { return explanation_->text(); }
double TiesStepThrough::keepPercent() const { return keepSpin_->value(); }

void TiesStepThrough::refresh() {
    const bool ready = hasWalkthrough();
    gridView_->setGrid(ready ? tiesGridForStep(walkthrough_, currentStep()) : TiesGrid{});
    explanation_->setText(ready ? stepExplanation(currentStep()) : QString());
    explanation_->setVisible(ready);
    subtitle_->setText(ready ? tr("A slice of %1: %2 task vectors × %3 entries · keep top %4 % · λ = %5")
                                   .arg(walkthrough_.tensorName.isEmpty() ? tr("one weight") : walkthrough_.tensorName)
                                   .arg(walkthrough_.vectors.size())
                                   .arg(gridView_->grid().columns.size())
                                   .arg(walkthrough_.keepPercent)
                                   .arg(walkthrough_.lambda)
                             : QString());
    if (auto* button = stepButtons_->button(step_)) button->setChecked(true);
    for (auto* button : stepButtons_->buttons()) button->setEnabled(ready);
    backButton_->setEnabled(ready && step_ > 0);
    nextButton_->setEnabled(ready && step_ < kTiesStepCount - 1);
    stepLabel_->setText(tr("Step %1 of %2").arg(step_ + 1).arg(kTiesStepCount));
    exportImageButton_->setEnabled(ready);
    exportCsvButton_->setEnabled(ready);
}

QString TiesStepThrough::stepExplanation(TiesStep step) const {
    const TiesWalkthrough& w = walkthrough_;
    switch (step) {
    case TiesStep::TaskVectors:
        return tr("<b>1 · Task vectors.</b> Each row is one task vector τ<sub>t</sub> = θ<sub>t</sub> − θ<sub>0</sub>: "
                  "how fine-tuning on that task moved these weights. <span style=\"color:#2166ac\"><b>Blue</b></span> "
                  "weights grew, <span style=\"color:#b2182b\"><b>red</b></span> ones shrank; the deeper the colour, "
                  "the larger the change. Read down a column: where colours mix, tasks pull the same weight in "
                  "opposite directions and a plain sum lets them cancel. That is <b>interference</b>.");
    case TiesStep::Trim:
        return tr("<b>2 · Trim.</b> Each task keeps only its <b>top %1 %</b> of entries by magnitude; the greyed "
                  "ones become 0 (the right-hand column counts what each task keeps). Small updates are mostly "
                  "noise: dropping them removes much of the interference and little of what the task learned.")
            .arg(w.keepPercent);
    case TiesStep::ElectSign: {
        return tr("<b>3 · Elect sign.</b> For each entry, add the trimmed values of all tasks (row Σ) and keep "
                  "the sign of the sum (row γ). The direction with the larger total mass wins, even against more "
                  "tasks pushing the other way. <b>%1</b> kept entries disagree with γ and are crossed out: they "
                  "will not be merged.")
            .arg(tiesDisagreeingCount(w));
    }
    case TiesStep::DisjointMerge: {
        int largest = -1;
        for (int e = 0; e < w.merged.size(); ++e)
            if (largest < 0 || std::abs(w.merged[e]) > std::abs(w.merged[largest])) largest = e;
        QString example;
        if (largest >= 0 && w.merged[largest] != 0.0)
            example = tr(" Entry %1, for example, moves from its pretrained value by %2 × %3 = %4.")
                          .arg(largest + 1)
                          .arg(spoken(w.lambda), spoken(w.merged[largest]), spoken(w.lambda * w.merged[largest]));
        return tr("<b>4 · Disjoint merge.</b> Each entry of τ<sub>m</sub> is the mean of the entries that agree with "
                  "γ, divided by how many agree, not by the number of tasks: an update kept by one task keeps its "
                  "full size. The merged model is <b>θ = θ<sub>0</sub> + λ·τ<sub>m</sub></b> with λ = %1.%2")
            .arg(spoken(w.lambda), example);
    }
    }
    return {};
}

CsvTable TiesStepThrough::csvTable() const { return tiesWalkthroughCsv(walkthrough_); }

QImage TiesStepThrough::stepImage() const {
    if (auto* layout = figure_->layout()) layout->activate();
    // Down to the legend, not the stretch below it: the PNG goes on a slide as it is.
    const int bottom = std::min(figure_->height(), gridView_->geometry().bottom() + 12);
    return figure_->grab(QRect(0, 0, figure_->width(), bottom)).toImage();
}

QString TiesStepThrough::exportImageTo(const QString& path) const {
    if (!hasWalkthrough()) return tr("There is no walkthrough to export.");
    const QImage image = stepImage();
    if (image.isNull() || !image.save(path, "PNG")) return tr("Cannot write %1.").arg(path);
    return {};
}

QString TiesStepThrough::exportCsvTo(const QString& path) const {
    if (!hasWalkthrough()) return tr("There is no walkthrough to export.");
    return writeTextFile(path, csvTable().toCsv());
}

void TiesStepThrough::chooseImagePath() {
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    const QString name = QStringLiteral("%1/ties-step-%2.png").arg(dir).arg(step_ + 1);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export step as PNG"), name, tr("PNG image (*.png)"));
    if (path.isEmpty()) return;
    const QString error = exportImageTo(path);
    if (!error.isEmpty()) QMessageBox::warning(this, tr("Export failed"), error);
    else Q_EMIT exported(path);
}

void TiesStepThrough::chooseCsvPath() {
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export numbers as CSV"), dir + "/ties-walkthrough.csv",
                                                      tr("CSV (*.csv)"));
    if (path.isEmpty()) return;
    const QString error = exportCsvTo(path);
    if (!error.isEmpty()) QMessageBox::warning(this, tr("Export failed"), error);
    else Q_EMIT exported(path);
}

}  // namespace ms::ui
