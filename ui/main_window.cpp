#include "ui/main_window.h"

#include <QApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
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

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), poolModel_(new PoolTableModel(this)) {
    setWindowTitle(tr("MergeScope"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/mergescope.svg")));
    resize(1280, 800);
    buildMenus();
    pages_ = new QStackedWidget(this);
    pages_->addWidget(buildEmptyPage());
    pages_->addWidget(buildPoolPage());
    setCentralWidget(pages_);
    statusBar()->showMessage(tr("No pool loaded"));
}

void MainWindow::buildMenus() {
    auto* file = menuBar()->addMenu(tr("&File"));
    auto* open = file->addAction(tr("&Open pool…"), this, &MainWindow::chooseAndOpenPool);
    open->setShortcut(QKeySequence::Open);
    file->addAction(tr("Open the &demo zoo"), this, &MainWindow::openDemoZoo);
    file->addSeparator();
    auto* quit = file->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);
    auto* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About MergeScope"), this, &MainWindow::showAbout);
}

QWidget* MainWindow::buildEmptyPage() {
    emptyMessage_ = new QLabel;
    emptyMessage_->setAlignment(Qt::AlignCenter);
    emptyMessage_->setWordWrap(true);
    emptyMessage_->setTextFormat(Qt::RichText);
    emptyMessage_->setText(tr("<h2>No model pool is open</h2>"
                              "<p>Open a pool manifest with <b>File › Open pool…</b>, or build the demo zoo with<br>"
                              "<code>mergescope-cli zoo build</code> (about nine minutes on two cores).</p>"));
    return emptyMessage_;
}

QWidget* MainWindow::buildPoolPage() {
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    poolTitle_ = new QLabel;
    poolTitle_->setTextFormat(Qt::RichText);
    poolFacts_ = new QLabel;
    poolFacts_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    poolFacts_->setStyleSheet(QStringLiteral("color: palette(mid);"));
    layout->addWidget(poolTitle_);
    layout->addWidget(poolFacts_);

    auto* splitter = new QSplitter(Qt::Horizontal);
    taskTable_ = new QTableView;
    taskTable_->setModel(poolModel_);
    taskTable_->setSelectionBehavior(QAbstractItemView::SelectRows);
    taskTable_->setSelectionMode(QAbstractItemView::SingleSelection);
    taskTable_->verticalHeader()->hide();
    taskTable_->horizontalHeader()->setStretchLastSection(true);
    taskTable_->setAlternatingRowColors(true);
    connect(taskTable_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid()) showGallery(poolModel_->data(poolModel_->index(current.row(), 0), Qt::UserRole).toString());
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
    return page;
}

bool MainWindow::openPool(const QString& location) {
    try {
        const auto manifest = pool::PoolManifest::load(location.toStdString());
        poolModel_->setPool(manifest);
        poolTitle_->setText(QStringLiteral("<h2>%1</h2>").arg(QString::fromStdString(manifest.name).toHtmlEscaped()));
        poolFacts_->setText(tr("%1 tasks · pretrained: %2 · %3")
                                .arg(manifest.tasks.size())
                                .arg(describeArchitecture(manifest.pretrained))
                                .arg(QString::fromStdString(manifest.path)));
        for (int c = 0; c < PoolTableModel::ColumnCount; ++c) taskTable_->resizeColumnToContents(c);
        pages_->setCurrentIndex(1);
        setWindowTitle(tr("MergeScope — %1").arg(QString::fromStdString(manifest.name)));
        statusBar()->showMessage(tr("Opened %1").arg(QString::fromStdString(manifest.path)));
        if (!manifest.tasks.empty()) taskTable_->selectRow(0);
        return true;
    } catch (const Error& e) {
        QMessageBox::warning(this, tr("Cannot open the pool"), QString::fromStdString(e.what()));
        statusBar()->showMessage(tr("Could not open %1").arg(location));
        return false;
    }
}

QString MainWindow::currentTaskName() const {
    const auto index = taskTable_->currentIndex();
    return index.isValid() ? poolModel_->data(poolModel_->index(index.row(), 0), Qt::UserRole).toString() : QString();
}

void MainWindow::showGallery(const QString& taskName) {
    gallery_->clear();
    const auto* task = poolModel_->pool().findTask(taskName.toStdString());
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

void MainWindow::chooseAndOpenPool() {
    const QString file = QFileDialog::getOpenFileName(this, tr("Open a pool manifest"), QString(),
                                                      tr("Pool manifests (pool.json *.json)"));
    if (!file.isEmpty()) openPool(file);
}

void MainWindow::openDemoZoo() { openPool(QString::fromStdString(pool::defaultZooFolder())); }

void MainWindow::showAbout() {
    QMessageBox::about(this, tr("About MergeScope"),
                       tr("<h3>MergeScope %1</h3><p>A desktop lab for merging vision transformers: task arithmetic, "
                          "TIES, AdaMerging and Weight-Ensembling Mixture of Experts (Tang et al., ICML 2024).</p>")
                           .arg(QStringLiteral(MERGESCOPE_VERSION)));
}

}  // namespace ms::ui
