#pragma once
// The test images to route: a task chooser and a grid of that task's thumbnails (32×32 images,
// shown enlarged without smoothing). The gallery does not load images itself: it asks for them
// with thumbnailsNeeded() and is filled with setThumbnails(). Left/Right step through the images
// one by one, wrapping from row to row.
#include <QImage>
#include <QVector>
#include <QWidget>

#include "ui/base/lab_data.h"

class QComboBox;
class QLabel;
class QListView;
class QPushButton;
class QStandardItemModel;

namespace ms::ui {

class ImageGallery : public QWidget {
    Q_OBJECT
public:
    explicit ImageGallery(QWidget* parent = nullptr);

    void setTasks(const QVector<TaskInfo>& tasks);
    // Fills the grid if `task` is the task shown (late answers for another task are dropped).
    void setThumbnails(int task, const QVector<QImage>& thumbnails, const QStringList& labels);

    int currentTask() const;
    void setCurrentTask(int task);
    // The chosen image's position in the grid, -1 when none.
    int currentIndex() const;
    void setCurrentIndex(int index);
    // Moves the choice by `delta` images, clamped to the grid; chooses the first if none is.
    void step(int delta);
    int imageCount() const;
    QString imageLabel(int index) const;

    QListView* view() const { return view_; }
    QComboBox* taskCombo() const { return taskCombo_; }
    QPushButton* openButton() const { return openButton_; }

Q_SIGNALS:
    // The task changed (or was set): whoever owns the images should call setThumbnails().
    void thumbnailsNeeded(int task);
    void imageChosen(int task, int index);
    void openImageClicked();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void onTaskChanged();

    QComboBox* taskCombo_ = nullptr;
    QPushButton* openButton_ = nullptr;
    QLabel* status_ = nullptr;
    QListView* view_ = nullptr;
    QStandardItemModel* model_ = nullptr;
    QVector<TaskInfo> tasks_;
};

}  // namespace ms::ui
