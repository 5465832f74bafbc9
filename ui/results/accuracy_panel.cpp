#include "ui/results/accuracy_panel.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QScrollBar>
#include <QVBoxLayout>

#include <algorithm>

#include "ui/base/figure_export.h"
#include "ui/results/accuracy_bar_chart.h"
#include "ui/results/accuracy_table_export.h"
#include "ui/results/accuracy_table_model.h"

namespace ms::ui {

namespace {

QString suffixOf(AccuracyPanel::TextFormat format) {
    switch (format) {
    case AccuracyPanel::TextFormat::Csv: return QStringLiteral("csv");
    case AccuracyPanel::TextFormat::Markdown: return QStringLiteral("md");
    case AccuracyPanel::TextFormat::Latex: return QStringLiteral("tex");
    }
    return {};
}

}  // namespace

AccuracyPanel::AccuracyPanel(QWidget* parent) : QWidget(parent), model_(new AccuracyTableModel(this)) {
    view_ = new QTableView(this);
    view_->setModel(model_);
    view_->setSelectionBehavior(QAbstractItemView::SelectItems);
    view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view_->setWordWrap(false);
    view_->setCornerButtonEnabled(true);  // the corner selects all, then Copy takes everything
    view_->setContextMenuPolicy(Qt::CustomContextMenu);
    view_->setToolTip({});
    // No initial sort: rows keep session order until a header is clicked; a third click on the
    // same header returns to it.
    view_->horizontalHeader()->setSortIndicatorClearable(true);
    view_->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    view_->setSortingEnabled(true);
    view_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    view_->horizontalHeader()->setMinimumSectionSize(64);
    view_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view_->verticalHeader()->setDefaultSectionSize(view_->fontMetrics().height() + 10);
    view_->verticalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    view_->installEventFilter(this);
    connect(view_, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        const QModelIndex index = view_->indexAt(pos);
        if (!index.isValid()) return;
        QMenu* menu = createContextMenu(index);
        menu->exec(view_->viewport()->mapToGlobal(pos));
        delete menu;
    });

    chart_ = new AccuracyBarChart(model_, this);
    connect(chart_, &AccuracyBarChart::barClicked, this, [this](int row, int column) {
        const QModelIndex index = model_->index(row, column);
        if (!index.isValid()) return;
        view_->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
        view_->scrollTo(index);
    });

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(view_);
    splitter->addWidget(chart_);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);

    baselinesOnlyHint_ = new QLabel(this);
    baselinesOnlyHint_->setWordWrap(true);
    baselinesOnlyHint_->setText(tr("Only the baselines so far. Run a merge in <b>Merge &amp; adapt</b> to compare "
                                   "methods against them."));
    baselinesOnlyHint_->setStyleSheet(QStringLiteral("QLabel { background: #FFF8E1; border: 1px solid #E8D9A8; padding: 6px; }"));
    auto* content = new QWidget(this);
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(baselinesOnlyHint_);
    contentLayout->addWidget(splitter, 1);

    emptyLabel_ = new QLabel(tr("No accuracies yet.\n\nOpen a pool and evaluate it, then run a merge in Merge & adapt: "
                                "each result appears here as a row, next to the pretrained and individual baselines."),
                             this);
    emptyLabel_->setAlignment(Qt::AlignCenter);
    emptyLabel_->setWordWrap(true);
    emptyLabel_->setMargin(40);
    emptyLabel_->setEnabled(false);  // the muted colour of an empty state

    stack_ = new QStackedWidget(this);
    stack_->addWidget(emptyLabel_);
    stack_->addWidget(content);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(buildToolBar());
    layout->addWidget(stack_, 1);

    auto rowsChanged = [this] {
        rebuildReferenceChoices();
        updateEmptyState();
    };
    connect(model_, &QAbstractItemModel::modelReset, this, rowsChanged);
    connect(model_, &QAbstractItemModel::rowsInserted, this, rowsChanged);
    connect(model_, &QAbstractItemModel::rowsRemoved, this, rowsChanged);
    connect(model_, &QAbstractItemModel::dataChanged, this, &AccuracyPanel::rebuildReferenceChoices);
    connect(model_, &AccuracyTableModel::normalisedChanged, this, [this](bool normalised) {
        (normalised ? normalisedAction_ : absoluteAction_)->setChecked(true);
    });
    rebuildReferenceChoices();
    updateEmptyState();
}

QWidget* AccuracyPanel::buildToolBar() {
    auto* bar = new QToolBar(this);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto* modes = new QActionGroup(this);
    absoluteAction_ = bar->addAction(tr("Absolute"));
    absoluteAction_->setToolTip(tr("Accuracy in % of the test images"));
    normalisedAction_ = bar->addAction(tr("Normalised"));
    normalisedAction_->setToolTip(tr("Accuracy ÷ the individual fine-tuned model's accuracy on the same task, in %. "
                                     "The average is the mean of the per-task ratios."));
    for (QAction* action : {absoluteAction_, normalisedAction_}) {
        action->setCheckable(true);
        modes->addAction(action);
    }
    absoluteAction_->setChecked(true);
    connect(normalisedAction_, &QAction::toggled, model_, &AccuracyTableModel::setNormalised);
    bar->addSeparator();

    auto* referenceLabel = new QLabel(tr("Colour by difference to "), bar);
    referenceCombo_ = new QComboBox(bar);
    referenceCombo_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    referenceCombo_->setToolTip(tr("Cells turn red where a method is below this row and green where it is above; "
                                   "white means within a point, full colour 30 points or more."));
    referenceLabel->setBuddy(referenceCombo_);
    bar->addWidget(referenceLabel);
    bar->addWidget(referenceCombo_);
    connect(referenceCombo_, &QComboBox::activated, this,
            [this](int i) { model_->setReference(referenceCombo_->itemData(i).toString()); });
    bar->addSeparator();

    auto* copyAction = bar->addAction(tr("Copy"));
    copyAction->setShortcut(QKeySequence::Copy);
    copyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    copyAction->setToolTip(tr("Copy the selected cells as tab-separated text, or the whole table when nothing is "
                              "selected (%1)").arg(QKeySequence(QKeySequence::Copy).toString(QKeySequence::NativeText)));
    connect(copyAction, &QAction::triggered, this, &AccuracyPanel::copyToClipboard);
    addAction(copyAction);

    auto* exportButton = new QToolButton(bar);
    exportButton->setText(tr("Export"));
    exportButton->setToolTip(tr("Save the table, as shown (absolute or normalised), as CSV, Markdown or LaTeX"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    auto* exportMenu = new QMenu(exportButton);
    exportMenu->addAction(tr("CSV…"), this, [this] { chooseExportPath(TextFormat::Csv); });
    exportMenu->addAction(tr("Markdown (GitHub table)…"), this, [this] { chooseExportPath(TextFormat::Markdown); });
    exportMenu->addAction(tr("LaTeX (booktabs)…"), this, [this] { chooseExportPath(TextFormat::Latex); });
    exportButton->setMenu(exportMenu);
    bar->addWidget(exportButton);
    return bar;
}

void AccuracyPanel::setTasks(const QVector<TaskInfo>& tasks) { model_->setTasks(tasks); }
void AccuracyPanel::setRows(const QVector<MethodAccuracy>& rows) { model_->setRows(rows); }
void AccuracyPanel::addOrReplaceRow(const MethodAccuracy& row) { model_->addOrReplaceRow(row); }
void AccuracyPanel::removeRow(const QString& id) { model_->removeRow(id); }
void AccuracyPanel::setNormalised(bool normalised) { model_->setNormalised(normalised); }

void AccuracyPanel::setReference(const QString& id) {
    model_->setReference(id);
    rebuildReferenceChoices();
}

QString AccuracyPanel::copyText() const {
    return toTsv(*model_, view_->selectionModel() ? view_->selectionModel()->selectedIndexes() : QModelIndexList{});
}

void AccuracyPanel::copyToClipboard() { QApplication::clipboard()->setText(copyText()); }

QString AccuracyPanel::exportTo(const QString& path, TextFormat format) const {
    switch (format) {
    case TextFormat::Csv: return writeTextFile(path, toCsv(*model_));
    case TextFormat::Markdown: return writeTextFile(path, toMarkdown(*model_));
    case TextFormat::Latex: return writeTextFile(path, toLatex(*model_));
    }
    return tr("Unknown format.");
}

QMenu* AccuracyPanel::createContextMenu(const QModelIndex& index) {
    auto* menu = new QMenu(this);
    menu->addAction(tr("Copy"), this, &AccuracyPanel::copyToClipboard);
    menu->addSeparator();
    const QString id = model_->data(index, AccuracyTableModel::IdRole).toString();
    const bool baseline = model_->data(index, AccuracyTableModel::BaselineRole).toBool();
    QAction* remove = menu->addAction(tr("Remove from session"), this, [this, id] { Q_EMIT removeRequested(id); });
    remove->setEnabled(!baseline);  // baselines come with the pool
    remove->setToolTip(baseline ? tr("Baselines belong to the pool and cannot be removed") : QString());
    QAction* reference = menu->addAction(tr("Colour by difference to this row"), this, [this, id] { setReference(id); });
    reference->setEnabled(id != model_->effectiveReference());
    return menu;
}

QString AccuracyPanel::emptyStateText() const {
    if (model_->rowCount() == 0) return emptyLabel_->text();
    return model_->hasMergedRows() ? QString() : baselinesOnlyHint_->text();
}

bool AccuracyPanel::eventFilter(QObject* watched, QEvent* event) {
    // The table view would copy only its current cell on Ctrl+C; the panel copies the selection.
    if (watched == view_ && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->matches(QKeySequence::Copy)) {
            copyToClipboard();
            return true;
        }
        if (key->matches(QKeySequence::Delete)) {
            requestRemovalOfSelection();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void AccuracyPanel::chooseExportPath(TextFormat format) {
    const QString suffix = suffixOf(format);
    const QString filter = format == TextFormat::Csv        ? tr("CSV table (*.csv)")
                           : format == TextFormat::Markdown ? tr("Markdown (*.md)")
                                                            : tr("LaTeX (*.tex)");
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString base = model_->isNormalised() ? QStringLiteral("accuracy-normalised") : QStringLiteral("accuracy");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export accuracy table"),
                                                      folder + QLatin1Char('/') + base + QLatin1Char('.') + suffix, filter);
    if (path.isEmpty()) return;
    if (const QString error = exportTo(path, format); !error.isEmpty())
        QMessageBox::warning(this, tr("Export accuracy table"), error);
    else
        Q_EMIT exported(path);
}

void AccuracyPanel::rebuildReferenceChoices() {
    const QString current = model_->effectiveReference();
    QSignalBlocker block(referenceCombo_);
    referenceCombo_->clear();
    for (const MethodAccuracy& row : model_->rows())
        referenceCombo_->addItem(row.label.isEmpty() ? row.id : row.label, row.id);
    referenceCombo_->setCurrentIndex(referenceCombo_->findData(current));
    referenceCombo_->setEnabled(referenceCombo_->count() > 0);
}

void AccuracyPanel::updateEmptyState() {
    stack_->setCurrentIndex(model_->rowCount() == 0 ? 0 : 1);
    // The table takes the height of its rows (up to 12, then it scrolls) and the chart the rest,
    // instead of a half-empty table.
    const int rows = std::clamp(model_->rowCount(), 3, 12);
    view_->setMaximumHeight(view_->horizontalHeader()->sizeHint().height() +
                            rows * view_->verticalHeader()->defaultSectionSize() + 2 * view_->frameWidth() +
                            (model_->rowCount() > 12 ? view_->horizontalScrollBar()->sizeHint().height() : 0));
    baselinesOnlyHint_->setVisible(model_->rowCount() > 0 && !model_->hasMergedRows());
}

void AccuracyPanel::requestRemovalOfSelection() {
    QStringList ids;
    for (const QModelIndex& index : view_->selectionModel()->selectedIndexes()) {
        const QString id = model_->data(index, AccuracyTableModel::IdRole).toString();
        if (!model_->data(index, AccuracyTableModel::BaselineRole).toBool() && !ids.contains(id)) ids << id;
    }
    for (const QString& id : ids) Q_EMIT removeRequested(id);
}

}  // namespace ms::ui
