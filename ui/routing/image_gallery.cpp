#include "ui/routing/image_gallery.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListView>
#include <QPainter>
#include <QPushButton>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace ms::ui {

namespace {

constexpr int kThumbnailSide = 64;  // 2× the 32×32 images: big enough to recognise, 3 per 240 px

QIcon colorSwatch(const QColor& color) {
    QPixmap swatch(12, 12);
    swatch.fill(Qt::transparent);
    QPainter painter(&swatch);
    painter.setPen(color.darker(140));
    painter.setBrush(color);
    painter.drawRoundedRect(QRectF(0.5, 0.5, 11, 11), 2, 2);
    return QIcon(swatch);
}

}  // namespace

ImageGallery::ImageGallery(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* row = new QHBoxLayout;
    taskCombo_ = new QComboBox;
    taskCombo_->setToolTip(tr("Whose test images to show"));
    taskCombo_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    taskCombo_->setMinimumContentsLength(10);
    auto* taskLabel = new QLabel(tr("&Images of"));
    taskLabel->setBuddy(taskCombo_);
    row->addWidget(taskLabel);
    row->addWidget(taskCombo_, 1);
    layout->addLayout(row);

    openButton_ = new QPushButton(tr("Open image…"));
    openButton_->setToolTip(tr("Route an image file of your own (it is resized and cropped like the test images)"));
    layout->addWidget(openButton_);

    status_ = new QLabel;
    status_->setWordWrap(true);
    status_->setStyleSheet(QStringLiteral("color: palette(mid);"));
    layout->addWidget(status_);

    model_ = new QStandardItemModel(this);
    view_ = new QListView;
    view_->setModel(model_);
    view_->setViewMode(QListView::IconMode);
    view_->setResizeMode(QListView::Adjust);
    view_->setMovement(QListView::Static);
    view_->setFlow(QListView::LeftToRight);
    view_->setWrapping(true);
    view_->setUniformItemSizes(true);
    view_->setSpacing(3);
    view_->setIconSize(QSize(kThumbnailSide, kThumbnailSide));
    view_->setGridSize(QSize(kThumbnailSide + 10, kThumbnailSide + view_->fontMetrics().height() + 8));
    view_->setTextElideMode(Qt::ElideRight);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setToolTip(tr("Click an image to see its routing; ← and → step through the images"));
    view_->installEventFilter(this);
    layout->addWidget(view_, 1);

    connect(taskCombo_, qOverload<int>(&QComboBox::currentIndexChanged), this, &ImageGallery::onTaskChanged);
    connect(openButton_, &QPushButton::clicked, this, &ImageGallery::openImageClicked);
    connect(view_->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex& current) {
        if (current.isValid()) Q_EMIT imageChosen(currentTask(), current.row());
    });
}

void ImageGallery::setTasks(const QVector<TaskInfo>& tasks) {
    tasks_ = tasks;
    const QSignalBlocker block(taskCombo_);
    taskCombo_->clear();
    for (const auto& task : tasks) {
        taskCombo_->addItem(colorSwatch(task.color), task.displayName.isEmpty() ? task.name : task.displayName);
        if (!task.analog.isEmpty())
            taskCombo_->setItemData(taskCombo_->count() - 1, tr("Stands for %1 in the paper").arg(task.analog), Qt::ToolTipRole);
    }
    model_->clear();
    if (tasks.isEmpty()) {
        status_->setText(tr("No pool is open."));
        return;
    }
    taskCombo_->setCurrentIndex(0);
    onTaskChanged();
}

void ImageGallery::onTaskChanged() {
    model_->clear();
    const int task = currentTask();
    if (task < 0) return;
    status_->setText(tr("Loading %1 test images…").arg(taskCombo_->currentText()));
    Q_EMIT thumbnailsNeeded(task);
}

void ImageGallery::setThumbnails(int task, const QVector<QImage>& thumbnails, const QStringList& labels) {
    if (task != currentTask()) return;
    model_->clear();
    const QString taskName = taskCombo_->currentText();
    for (int i = 0; i < thumbnails.size(); ++i) {
        // Nearest neighbour: the pixels are the data; smoothing would invent detail.
        const QImage big = thumbnails[i].scaled(kThumbnailSide, kThumbnailSide, Qt::KeepAspectRatio, Qt::FastTransformation);
        const QString label = labels.value(i);
        auto* item = new QStandardItem(QIcon(QPixmap::fromImage(big)), label);
        item->setData(label, Qt::UserRole);
        item->setToolTip(label.isEmpty() ? tr("%1 test #%2").arg(taskName).arg(i)
                                         : tr("%1 test #%2 — %3").arg(taskName).arg(i).arg(label));
        item->setData(item->toolTip(), Qt::AccessibleTextRole);
        model_->appendRow(item);
    }
    status_->setText(thumbnails.isEmpty() ? tr("%1 has no test images in this pool.").arg(taskName)
                                          : tr("%n image(s) · ← → step", nullptr, int(thumbnails.size())));
}

int ImageGallery::currentTask() const { return taskCombo_->currentIndex(); }

void ImageGallery::setCurrentTask(int task) {
    if (task >= 0 && task < taskCombo_->count()) taskCombo_->setCurrentIndex(task);
}

int ImageGallery::currentIndex() const {
    const QModelIndex current = view_->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void ImageGallery::setCurrentIndex(int index) {
    if (index < 0 || index >= model_->rowCount()) return;
    const QModelIndex target = model_->index(index, 0);
    view_->setCurrentIndex(target);
    view_->scrollTo(target);
}

void ImageGallery::step(int delta) {
    const int count = model_->rowCount();
    if (count == 0) return;
    const int current = currentIndex();
    setCurrentIndex(current < 0 ? 0 : std::clamp(current + delta, 0, count - 1));
}

int ImageGallery::imageCount() const { return model_->rowCount(); }

QString ImageGallery::imageLabel(int index) const {
    const auto* item = model_->item(index);
    return item ? item->data(Qt::UserRole).toString() : QString();
}

bool ImageGallery::eventFilter(QObject* watched, QEvent* event) {
    // Icon mode moves Left/Right by screen position and stops at row ends; stepping by index
    // is what "next image" means.
    if (watched == view_ && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Left || key == Qt::Key_Right) {
            step(key == Qt::Key_Left ? -1 : 1);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

}  // namespace ms::ui
