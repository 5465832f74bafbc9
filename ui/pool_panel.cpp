#include "ui/pool_panel.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <fstream>

#include "core/data/image_folder.h"
#include "core/data/shard.h"
#include "core/model/vision_config.h"
#include "core/util/error.h"
#include "ui/base/image_conversion.h"
#include "ui/pool_table_model.h"

namespace ms::ui {

namespace {

constexpr int kGalleryImages = 60;
constexpr int kThumbnailScale = 3;

// The pretrained model's architecture from its config.json, without loading any tensor.
QString describeArchitecture(const std::string& pretrained) {
    const QFileInfo info(QString::fromStdString(pretrained));
    const QString folder = info.isDir() ? info.absoluteFilePath() : info.absolutePath();
    std::ifstream in((folder + "/config.json").toStdString());
    if (!in) return QObject::tr("architecture from tensor shapes");
    try {
        const auto config = model::VisionConfig::fromJson(nlohmann::json::parse(in), "config.json");
        return QStringLiteral("%1 · %2 tokens · %3 parameters")
            .arg(QString::fromStdString(config.name()))
            .arg(config.numTokens())
            .arg(QLocale().toString(qlonglong(config.parameterCount())));
    } catch (const std::exception&) {
        return QObject::tr("unreadable config.json");
    }
}

}  // namespace

PoolPanel::PoolPanel(PoolTableModel* model, QWidget* parent) : QWidget(parent), model_(model) {
    auto* layout = new QVBoxLayout(this);
    title_ = new QLabel(tr("<h2>No model pool is open</h2><p>Open a pool manifest with <b>File › Open pool…</b>, "
                           "make one from your checkpoints with <b>File › New pool from checkpoints…</b>, or build "
                           "the demo zoo with <code>mergescope-cli zoo build</code> (about nine minutes on two "
                           "cores).</p>"));
    title_->setTextFormat(Qt::RichText);
    title_->setWordWrap(true);
    facts_ = new QLabel;
    facts_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    facts_->setWordWrap(true);
    pretrained_ = new QLabel;
    pretrained_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    pretrained_->setStyleSheet(QStringLiteral("color: #555;"));
    auto* hint = new QLabel(tr("Tick the tasks to merge. Every view uses the colours shown here."));
    hint->setStyleSheet(QStringLiteral("color: #555;"));
    layout->addWidget(title_);
    layout->addWidget(facts_);
    layout->addWidget(pretrained_);
    layout->addWidget(hint);

    auto* splitter = new QSplitter(Qt::Horizontal);
    taskTable_ = new QTableView;
    taskTable_->setObjectName(QStringLiteral("taskTable"));
    taskTable_->setModel(model_);
    taskTable_->setSelectionBehavior(QAbstractItemView::SelectRows);
    taskTable_->setSelectionMode(QAbstractItemView::SingleSelection);
    taskTable_->verticalHeader()->hide();
    taskTable_->horizontalHeader()->setStretchLastSection(true);
    taskTable_->setAlternatingRowColors(true);
    connect(taskTable_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid()) showGallery(model_->data(model_->index(current.row(), 0), Qt::UserRole).toString());
            });
    splitter->addWidget(taskTable_);

    auto* galleryBox = new QWidget;
    auto* galleryLayout = new QVBoxLayout(galleryBox);
    galleryLayout->setContentsMargins(0, 0, 0, 0);
    galleryTitle_ = new QLabel;
    gallery_ = new QListWidget;
    gallery_->setViewMode(QListView::IconMode);
    gallery_->setResizeMode(QListView::Adjust);
    gallery_->setMovement(QListView::Static);
    gallery_->setSpacing(4);
    gallery_->setUniformItemSizes(true);
    galleryLayout->addWidget(galleryTitle_);
    galleryLayout->addWidget(gallery_);
    splitter->addWidget(galleryBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);
}

void PoolPanel::showPool(const pool::PoolManifest& manifest) {
    title_->setText(QStringLiteral("<h2>%1</h2>").arg(QString::fromStdString(manifest.name).toHtmlEscaped()));
    facts_->setText(tr("%1 tasks · pretrained: %2 · %3")
                        .arg(manifest.tasks.size())
                        .arg(describeArchitecture(manifest.pretrained))
                        .arg(QString::fromStdString(manifest.path)));
    pretrained_->setText(tr("Checkpoint facts: reading…"));
    for (int c = 0; c < PoolTableModel::ColumnCount; ++c) taskTable_->resizeColumnToContents(c);
    if (!manifest.tasks.empty()) taskTable_->selectRow(0);
}

void PoolPanel::setPretrainedFacts(const QString& text) {
    pretrained_->setText(text);
    for (int c = 0; c < PoolTableModel::ColumnCount; ++c) taskTable_->resizeColumnToContents(c);
}

QString PoolPanel::currentTaskName() const {
    const auto index = taskTable_->currentIndex();
    return index.isValid() ? model_->data(model_->index(index.row(), 0), Qt::UserRole).toString() : QString();
}

void PoolPanel::showGallery(const QString& taskName) {
    gallery_->clear();
    const auto* task = model_->pool().findTask(taskName.toStdString());
    if (!task) return;
    galleryTitle_->setText(tr("<b>%1</b> — test images").arg(QString::fromStdString(task->displayName).toHtmlEscaped()));
    if (task->testData.empty()) {
        galleryTitle_->setText(galleryTitle_->text() + tr(" (none in the manifest)"));
        return;
    }
    try {
        std::vector<std::string> classNames = task->classNames;
        data::ImageBatch images;
        if (QFileInfo(QString::fromStdString(task->testData)).isDir()) {
            // An image folder: decode only what the gallery shows, at thumbnail size.
            auto folder = data::scanImageFolder(task->testData);
            const size_t step = std::max<size_t>(1, folder.files.size() / kGalleryImages);
            data::ImageFolder sample = folder;
            sample.files.clear();
            sample.labels.clear();
            for (size_t i = 0; i < folder.files.size() && sample.files.size() < size_t(kGalleryImages); i += step) {
                sample.files.push_back(folder.files[i]);
                sample.labels.push_back(folder.labels[i]);
            }
            images = data::loadImageFolder(sample, 32 * kThumbnailScale);
            classNames = folder.classNames;
        } else {
            std::vector<std::string> shardClasses;
            images = data::readShard(task->testData, &shardClasses);
            if (!shardClasses.empty()) classNames = shardClasses;
        }
        const int64_t shown = std::min<int64_t>(images.count(), kGalleryImages);
        const QSize iconSize(32 * kThumbnailScale, 32 * kThumbnailScale);
        gallery_->setIconSize(iconSize);
        for (int64_t i = 0; i < shown; ++i) {
            const QImage image = toQImage(images, i).scaled(iconSize, Qt::KeepAspectRatio, Qt::FastTransformation);
            auto* item = new QListWidgetItem(QIcon(QPixmap::fromImage(image)), QString());
            const auto label = size_t(images.labels[size_t(i)]);
            item->setToolTip(label < classNames.size() ? QString::fromStdString(classNames[label]) : QString::number(label));
            gallery_->addItem(item);
        }
    } catch (const Error& e) {
        galleryTitle_->setText(galleryTitle_->text() + QStringLiteral(" — ") + QString::fromStdString(e.what()).toHtmlEscaped());
    }
}

}  // namespace ms::ui
