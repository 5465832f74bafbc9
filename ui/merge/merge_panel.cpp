#include "ui/merge/merge_panel.h"

#include <cmath>

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

#include "ui/merge/loss_plot.h"
#include "ui/merge/method_form.h"

namespace ms::ui {

namespace {

QString qstr(const std::string& s) { return QString::fromStdString(s); }
constexpr int kMethodRole = Qt::UserRole + 1;

QLabel* sectionHeader(const QString& text) {
    auto* label = new QLabel(text);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    return label;
}

}  // namespace

MergePanel::MergePanel(QWidget* parent) : QWidget(parent) {
    methodList_ = new QListWidget;
    methodList_->setObjectName(QStringLiteral("methodList"));
    methodList_->setMinimumWidth(190);
    methodList_->setMaximumWidth(260);
    connect(methodList_, &QListWidget::currentRowChanged, this, &MergePanel::showMethod);

    title_ = new QLabel;
    QFont tf = title_->font();
    tf.setPointSizeF(tf.pointSizeF() * 1.45);
    tf.setBold(true);
    title_->setFont(tf);
    paper_ = new QLabel;
    paper_->setOpenExternalLinks(true);
    paper_->setTextInteractionFlags(Qt::TextBrowserInteraction);
    formula_ = new QLabel;
    formula_->setWordWrap(true);
    formula_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont ff(QStringLiteral("DejaVu Serif"));
    ff.setPointSizeF(font().pointSizeF() * 1.15);
    formula_->setFont(ff);
    formula_->setStyleSheet(QStringLiteral("QLabel { background: #f6f6f2; border: 1px solid #ddd; padding: 6px; }"));
    summary_ = new QLabel;
    summary_->setWordWrap(true);

    form_ = new MethodForm;
    auto* reset = new QPushButton(tr("Reset to defaults"));
    connect(reset, &QPushButton::clicked, form_, &MethodForm::resetToDefaults);
    auto* parameters = new QGroupBox(tr("Parameters"));
    auto* pl = new QVBoxLayout(parameters);
    pl->addWidget(form_);
    pl->addWidget(reset, 0, Qt::AlignRight);

    tasksLine_ = new QLabel;
    tasksLine_->setWordWrap(true);
    device_ = new QComboBox;
    device_->setObjectName(QStringLiteral("device"));
    device_->addItem(tr("CPU"), QStringLiteral("cpu"));
    device_->setToolTip(tr("Where merging, adaptation and evaluation run. CUDA appears when this build of "
                           "LibTorch sees a GPU."));
    seed_ = new QSpinBox;
    seed_->setRange(0, 1000000);
    seed_->setToolTip(tr("Seeds router initialisation, DARE's masks and which test images each adaptation "
                         "step draws: the same seed gives the same result."));
    auto* runForm = new QFormLayout;
    runForm->addRow(tr("Tasks:"), tasksLine_);
    runForm->addRow(tr("Device:"), device_);
    runForm->addRow(tr("Seed:"), seed_);

    run_ = new QPushButton(tr("Run"));
    run_->setObjectName(QStringLiteral("run"));
    run_->setDefault(true);
    run_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    run_->setToolTip(tr("Merge (and adapt) the chosen tasks with this method, evaluate on their test sets, and "
                        "add the result to the session (Ctrl+Enter)"));
    compare_ = new QPushButton(tr("Run the paper's comparison"));
    compare_->setToolTip(tr("Pretrained, individual, simple averaging, task arithmetic, TIES, layer-wise "
                            "AdaMerging and WEMoE at their defaults, one after another"));
    cancel_ = new QPushButton(tr("Cancel"));
    cancel_->setObjectName(QStringLiteral("cancel"));
    cancel_->setEnabled(false);
    cancel_->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(run_, &QPushButton::clicked, this, [this] {
        if (const auto* m = currentMethod()) Q_EMIT runRequested(qstr(m->id), form_->values(), device(), seed());
    });
    connect(compare_, &QPushButton::clicked, this, [this] { Q_EMIT compareAllRequested(device(), seed()); });
    connect(cancel_, &QPushButton::clicked, this, &MergePanel::cancelRequested);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(run_);
    buttons->addWidget(compare_);
    buttons->addStretch(1);
    buttons->addWidget(cancel_);

    progress_ = new QProgressBar;
    progress_->setRange(0, 1);
    progress_->setValue(0);
    progress_->setTextVisible(true);
    stage_ = new QLabel(tr("Idle"));
    message_ = new QLabel;
    message_->setWordWrap(true);
    message_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* details = new QWidget;
    auto* dl = new QVBoxLayout(details);
    dl->addWidget(title_);
    dl->addWidget(paper_);
    dl->addWidget(formula_);
    dl->addWidget(summary_);
    dl->addWidget(parameters);
    dl->addLayout(runForm);
    dl->addLayout(buttons);
    dl->addWidget(progress_);
    dl->addWidget(stage_);
    dl->addWidget(message_);
    dl->addStretch(1);
    auto* scroll = new QScrollArea;
    scroll->setWidget(details);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setMinimumWidth(420);

    lossPlot_ = new LossPlot;
    auto* lossBox = new QGroupBox(tr("Adaptation loss"));
    auto* ll = new QVBoxLayout(lossBox);
    ll->addWidget(lossPlot_);

    auto* splitter = new QSplitter;
    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(sectionHeader(tr("Methods")));
    leftLayout->addWidget(methodList_);
    splitter->addWidget(left);
    splitter->addWidget(scroll);
    splitter->addWidget(lossBox);
    splitter->setStretchFactor(1, 2);
    splitter->setStretchFactor(2, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter);
    updateRunState();
}

void MergePanel::setMethods(const std::vector<merge::MethodInfo>& methods) {
    methods_ = methods;
    methodList_->clear();
    for (const auto kind : {merge::MethodKind::Static, merge::MethodKind::Adaptive}) {
        auto* header = new QListWidgetItem(kind == merge::MethodKind::Static ? tr("Static merges")
                                                                             : tr("Adaptive (test-time)"));
        header->setFlags(Qt::NoItemFlags);
        QFont f = methodList_->font();
        f.setBold(true);
        header->setFont(f);
        methodList_->addItem(header);
        for (size_t i = 0; i < methods_.size(); ++i) {
            if (methods_[i].kind != kind) continue;
            auto* item = new QListWidgetItem(QStringLiteral("   ") + qstr(methods_[i].name));
            item->setData(kMethodRole, int(i));
            item->setToolTip(qstr(methods_[i].summary));
            methodList_->addItem(item);
        }
    }
    for (int row = 0; row < methodList_->count(); ++row)
        if (methodList_->item(row)->flags() != Qt::NoItemFlags) {
            methodList_->setCurrentRow(row);
            break;
        }
}

void MergePanel::selectMethod(const QString& id) {
    for (int row = 0; row < methodList_->count(); ++row) {
        const QVariant index = methodList_->item(row)->data(kMethodRole);
        if (index.isValid() && qstr(methods_[size_t(index.toInt())].id) == id) {
            methodList_->setCurrentRow(row);
            return;
        }
    }
}

const merge::MethodInfo* MergePanel::currentMethod() const {
    const auto* item = methodList_->currentItem();
    if (!item || !item->data(kMethodRole).isValid()) return nullptr;
    return &methods_[size_t(item->data(kMethodRole).toInt())];
}

QString MergePanel::currentMethodId() const {
    const auto* m = currentMethod();
    return m ? qstr(m->id) : QString();
}

void MergePanel::showMethod(int) {
    const auto* m = currentMethod();
    if (!m) return;
    title_->setText(qstr(m->name));
    const QString kind = m->kind == merge::MethodKind::Adaptive ? tr("adaptive: learns at test time")
                                                                : tr("static: closed form");
    paper_->setText(QStringLiteral("%1 · <a href=\"%2\">%3</a>")
                        .arg(kind, qstr(m->paperUrl).toHtmlEscaped(), qstr(m->paper).toHtmlEscaped()));
    formula_->setText(qstr(m->formula));
    summary_->setText(qstr(m->summary));
    form_->setMethod(*m);
    updateRunState();
}

void MergePanel::setChosenTasks(const QVector<TaskInfo>& tasks) {
    chosen_ = tasks;
    QStringList names;
    for (const auto& t : tasks)
        names << QStringLiteral("<span style=\"color:%1\">■</span> %2").arg(t.color.name(), t.displayName.toHtmlEscaped());
    tasksLine_->setText(tasks.isEmpty() ? tr("<i>No task chosen: tick tasks in the Pool tab.</i>")
                                        : tr("%1 <span style=\"color:#777\">(change in the Pool tab)</span>")
                                              .arg(names.join(QStringLiteral(", "))));
    updateRunState();
}

void MergePanel::setCudaAvailable(bool available) {
    const int index = device_->findData(QStringLiteral("cuda"));
    if (available && index < 0) {
        device_->addItem(tr("CUDA (GPU)"), QStringLiteral("cuda"));
        device_->setCurrentIndex(device_->count() - 1);
    } else if (!available && index >= 0) {
        device_->removeItem(index);
    }
}

QString MergePanel::device() const { return device_->currentData().toString(); }
quint64 MergePanel::seed() const { return quint64(seed_->value()); }

void MergePanel::setBusy(bool busy) {
    busy_ = busy;
    cancel_->setEnabled(busy);
    if (busy) {
        progress_->setRange(0, 0);  // busy indicator until the first progress report
        message_->clear();
    } else {
        progress_->setRange(0, 1);
        progress_->setValue(0);
        progress_->setFormat(QString());
        stage_->setText(tr("Idle"));
    }
    updateRunState();
}

QString MergePanel::formatEta(double seconds) {
    if (seconds < 0) return QString();
    if (seconds < 1) return tr("almost done");
    const int s = int(std::lround(seconds));
    if (s < 60) return tr("about %1 s left").arg(s);
    if (s < 3600) return tr("about %1 min %2 s left").arg(s / 60).arg(s % 60);
    return tr("about %1 h %2 min left").arg(s / 3600).arg((s % 3600) / 60);
}

void MergePanel::showProgress(qint64 done, qint64 total, const QString& stage, double etaSeconds) {
    if (total > 0) {
        progress_->setRange(0, 1000);
        progress_->setValue(int(1000.0 * double(done) / double(total)));
        progress_->setFormat(QStringLiteral("%1 / %2").arg(done).arg(total));
    }
    const QString eta = formatEta(etaSeconds);
    stage_->setText(eta.isEmpty() ? stage : QStringLiteral("%1 — %2").arg(stage, eta));
}

void MergePanel::showMessage(const QString& text, bool error) {
    message_->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
    message_->setText(text);
}

void MergePanel::updateRunState() {
    const bool ready = !busy_ && !chosen_.isEmpty() && currentMethod();
    run_->setEnabled(ready);
    compare_->setEnabled(!busy_ && !chosen_.isEmpty());
    run_->setToolTip(busy_ ? tr("A job is running: wait for it or cancel it")
                     : chosen_.isEmpty() ? tr("Tick at least one task in the Pool tab")
                                         : tr("Merge (and adapt) the chosen tasks, evaluate, and add the result to "
                                              "the session (Ctrl+Enter)"));
}

}  // namespace ms::ui
