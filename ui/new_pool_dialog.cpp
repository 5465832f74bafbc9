#include "ui/new_pool_dialog.h"

#include <algorithm>
#include <filesystem>

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <QApplication>
#include <QProgressDialog>

#include "core/run/new_pool.h"
#include "core/util/error.h"

namespace ms::ui {

namespace {

enum Column { Name, Checkpoint, Head, TestImages, ColumnCount };

QString absolute(const QString& path) { return path.isEmpty() ? path : QFileInfo(path).absoluteFilePath(); }

}  // namespace

NewPoolDialog::NewPoolDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("New pool from checkpoints"));
    resize(980, 520);
    auto* intro = new QLabel(
        tr("A pool is one pretrained vision tower and its fine-tuned copies, one per task. Give the "
           "pretrained checkpoint (a <code>model.safetensors</code> or its folder, Hugging Face CLIP layout), and "
           "per task its fine-tuned checkpoint and a folder of test images with one sub-folder per class. "
           "Leave a task's head empty to build CLIP's zero-shot head from the pretrained model's text tower "
           "(the full CLIPModel folder, e.g. <code>clip-vit-base-patch32</code> with <code>vocab.json</code> and "
           "<code>merges.txt</code>); tasks named sun397, cars, resisc45, eurosat, svhn, gtsrb, mnist or dtd take "
           "that dataset's class names and templates, others their folder names."));
    intro->setWordWrap(true);

    name_ = new QLineEdit(tr("My pool"));
    pretrained_ = new QLineEdit;
    pretrained_->setPlaceholderText(tr("…/clip-vit-base-patch32 or …/model.safetensors"));
    auto* browsePretrained = new QToolButton;
    browsePretrained->setText(QStringLiteral("…"));
    connect(browsePretrained, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Pretrained checkpoint"), QString(),
                                                          tr("Safetensors (*.safetensors)"));
        if (!path.isEmpty()) pretrained_->setText(path);
    });
    auto* pretrainedRow = new QHBoxLayout;
    pretrainedRow->addWidget(pretrained_);
    pretrainedRow->addWidget(browsePretrained);
    output_ = new QLineEdit;
    output_->setPlaceholderText(tr("where to write pool.json"));
    auto* browseOutput = new QToolButton;
    browseOutput->setText(QStringLiteral("…"));
    connect(browseOutput, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save the pool manifest"), QStringLiteral("pool.json"),
                                                          tr("Pool manifests (*.json)"));
        if (!path.isEmpty()) output_->setText(path);
    });
    auto* outputRow = new QHBoxLayout;
    outputRow->addWidget(output_);
    outputRow->addWidget(browseOutput);

    auto* form = new QFormLayout;
    form->addRow(tr("Name:"), name_);
    form->addRow(tr("Pretrained checkpoint:"), pretrainedRow);
    form->addRow(tr("Manifest file:"), outputRow);

    tasks_ = new QTableWidget(0, ColumnCount);
    tasks_->setHorizontalHeaderLabels({tr("Task name"), tr("Fine-tuned checkpoint"), tr("Head (empty: zero-shot)"), tr("Test images (folder)")});
    tasks_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    tasks_->setToolTip(tr("Double-click a path cell to browse"));
    connect(tasks_, &QTableWidget::cellDoubleClicked, this, &NewPoolDialog::browse);
    auto* add = new QPushButton(tr("Add task"));
    auto* remove = new QPushButton(tr("Remove task"));
    connect(add, &QPushButton::clicked, this, &NewPoolDialog::addEmptyTask);
    connect(remove, &QPushButton::clicked, this, &NewPoolDialog::removeSelectedTask);
    auto* taskButtons = new QHBoxLayout;
    taskButtons->addWidget(add);
    taskButtons->addWidget(remove);
    taskButtons->addStretch(1);

    error_ = new QLabel;
    error_->setWordWrap(true);
    error_->setStyleSheet(QStringLiteral("color: #b00020;"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Write and open"));
    connect(buttons, &QDialogButtonBox::accepted, this, &NewPoolDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(tasks_, 1);
    layout->addLayout(taskButtons);
    layout->addWidget(error_);
    layout->addWidget(buttons);
}

void NewPoolDialog::setName(const QString& name) { name_->setText(name); }
void NewPoolDialog::setPretrained(const QString& path) { pretrained_->setText(path); }
void NewPoolDialog::setManifestPath(const QString& path) { output_->setText(path); }
QString NewPoolDialog::manifestPath() const { return absolute(output_->text().trimmed()); }

void NewPoolDialog::addTask(const QString& name, const QString& checkpoint, const QString& head,
                            const QString& testImages) {
    const int row = tasks_->rowCount();
    tasks_->insertRow(row);
    const QStringList cells{name, checkpoint, head, testImages};
    for (int c = 0; c < ColumnCount; ++c) tasks_->setItem(row, c, new QTableWidgetItem(cells[c]));
}

void NewPoolDialog::addEmptyTask() { addTask(QStringLiteral("task%1").arg(tasks_->rowCount() + 1), {}, {}, {}); }

void NewPoolDialog::removeSelectedTask() {
    if (tasks_->currentRow() >= 0) tasks_->removeRow(tasks_->currentRow());
}

void NewPoolDialog::browse(int row, int column) {
    QString path;
    if (column == TestImages)
        path = QFileDialog::getExistingDirectory(this, tr("Test images: one sub-folder per class"));
    else if (column != Name)
        path = QFileDialog::getOpenFileName(this, column == Head ? tr("Classification head") : tr("Fine-tuned checkpoint"),
                                            QString(), tr("Safetensors (*.safetensors)"));
    if (!path.isEmpty()) tasks_->item(row, column)->setText(path);
}

pool::PoolManifest NewPoolDialog::manifest() const {
    pool::PoolManifest m;
    m.name = name_->text().trimmed().toStdString();
    m.description = "Made with MergeScope's New pool dialog";
    m.pretrained = absolute(pretrained_->text().trimmed()).toStdString();
    for (int r = 0; r < tasks_->rowCount(); ++r) {
        auto cell = [&](int c) { return tasks_->item(r, c) ? tasks_->item(r, c)->text().trimmed() : QString(); };
        pool::TaskEntry t;
        t.name = cell(Name).toStdString();
        t.displayName = t.name;
        t.checkpoint = absolute(cell(Checkpoint)).toStdString();
        t.head = absolute(cell(Head)).toStdString();
        t.testData = absolute(cell(TestImages)).toStdString();
        m.tasks.push_back(t);
    }
    return m;
}

QString NewPoolDialog::writeManifest() {
    const auto m = manifest();
    const QString path = manifestPath();
    if (m.name.empty()) return tr("Give the pool a name.");
    if (m.pretrained.empty()) return tr("Choose the pretrained checkpoint.");
    if (m.tasks.empty()) return tr("Add at least one task.");
    if (path.isEmpty()) return tr("Choose where to write the manifest.");
    for (const auto& t : m.tasks) {
        if (t.name.empty()) return tr("Every task needs a name.");
        if (t.checkpoint.empty())
            return tr("Task \"%1\" needs a fine-tuned checkpoint.").arg(QString::fromStdString(t.name));
    }
    const bool buildHeads = std::any_of(m.tasks.begin(), m.tasks.end(), [](const pool::TaskEntry& t) { return t.head.empty(); });
    if (buildHeads) return createWithZeroShotHeads(m, path);
    // Write beside, validate exactly as opening will, and only then put it in place.
    const QString staging = path + QStringLiteral(".check.json");
    try {
        m.save(staging.toStdString());
        pool::PoolManifest::load(staging.toStdString());
        m.save(path.toStdString());
        std::filesystem::remove(staging.toStdString());
        return {};
    } catch (const std::exception& e) {
        std::error_code ec;
        std::filesystem::remove(staging.toStdString(), ec);
        return QString::fromStdString(e.what()).replace(staging, path);
    }
}

QString NewPoolDialog::createWithZeroShotHeads(const pool::PoolManifest& m, const QString& path) {
    run::NewPoolSpec spec;
    spec.name = m.name;
    spec.pretrained = m.pretrained;
    spec.manifestPath = path.toStdString();
    for (const auto& t : m.tasks) spec.tasks.push_back({t.name, t.checkpoint, t.testData, "", "", t.head});
    // Heads are a few thousand prompts through the text tower: seconds on the tiny zoo, a minute or
    // two for B/32's eight tasks on two cores. The dialog stays responsive between batches.
    QProgressDialog progress(tr("Building zero-shot heads from the text tower…"), tr("Cancel"), 0, 100, this);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(300);
    Callbacks callbacks;
    callbacks.progress = [&](int64_t done, int64_t total, const std::string& stage) {
        progress.setLabelText(QString::fromStdString(stage));
        progress.setValue(total > 0 ? int(100 * done / total) : 0);
        QApplication::processEvents();
    };
    callbacks.cancelled = [&] { return progress.wasCanceled(); };
    try {
        run::createPool(spec, callbacks);
        return {};
    } catch (const Cancelled&) {
        return tr("Cancelled: nothing was written.");
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
}

void NewPoolDialog::accept() {
    const QString error = writeManifest();
    if (!error.isEmpty()) {
        error_->setText(error);
        return;
    }
    QDialog::accept();
}

}  // namespace ms::ui
