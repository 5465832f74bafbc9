#pragma once
// The routing inspector panel: pick a routed result (and optionally one to compare with), pick a
// test image or open a file, and see the image, every head's prediction, and the per-layer
// routing as a heatmap, as bars, as a before/after difference, and over whole test sets.
//
// The panel computes nothing. It asks with signals and is answered with slots:
//   galleryRequested(task)              → setGallery(task, thumbnails, labels)
//   traceRequested(result, task, index) → showTrace(trace)   (once per result: main and compare)
//   traceFileRequested(result, path)    → showTrace(trace)
//   summaryRequested(result)            → showSummary(summary)
// and showError() / showBusy() report on the work in between. Traces are matched to the main or
// the compare result by trace.resultId, so answers may arrive in any order.
#include <QHash>
#include <QPair>
#include <QVector>
#include <QWidget>

#include "ui/base/lab_data.h"

class QComboBox;
class QLabel;
class QStackedWidget;
class QTabWidget;

namespace ms::ui {

class ImageGallery;
class RoutedImageView;
class RoutingBars;
class RoutingHeatmap;
class TestSetRoutingView;

class RoutingInspector : public QWidget {
    Q_OBJECT
public:
    enum Tab { HeatmapTab, BarsTab, DifferenceTab, TestSetTab };

    explicit RoutingInspector(QWidget* parent = nullptr);

    QString currentResultId() const;
    QString compareResultId() const;  // empty for "(none)", or when it equals the current result
    // The image last asked for: the gallery task and index, or (-1, -1) for an opened file.
    int currentTask() const { return imageTask_; }
    int currentIndex() const { return imageIndex_; }
    bool isEmptyStateShown() const;
    QString emptyStateText() const;
    QString errorText() const;   // empty while no error is shown
    QString busyText() const;    // empty while idle

    ImageGallery* gallery() const { return gallery_; }
    RoutedImageView* imageView() const { return imageView_; }
    RoutingHeatmap* heatmap() const { return heatmap_; }
    RoutingBars* bars() const { return bars_; }
    RoutingHeatmap* differenceHeatmap() const { return difference_; }
    TestSetRoutingView* testSetView() const { return testSet_; }
    QTabWidget* tabs() const { return tabs_; }
    QComboBox* resultCombo() const { return resultCombo_; }
    QComboBox* compareCombo() const { return compareCombo_; }

public Q_SLOTS:
    // The open pool's tasks, in pool order: the gallery's tasks, colours and names everywhere.
    void setTasks(const QVector<TaskInfo>& tasks);
    // The results that route (id, label). None: the panel explains how to get one.
    void setResults(const QVector<QPair<QString, QString>>& results);
    void selectResult(const QString& id);
    void selectCompareResult(const QString& id);  // empty: none
    void setGallery(int task, const QVector<QImage>& thumbnails, const QStringList& labels);
    void selectImage(int task, int index);
    // What "Open image…" does once the user chose a file.
    void openImageFile(const QString& path);
    void showTrace(const RoutingTrace& trace);
    void showSummary(const RoutingSummary& summary);
    void showError(const QString& message);
    // A non-blocking hint ("Routing MNIST test #12…"); empty hides it.
    void showBusy(const QString& message);

Q_SIGNALS:
    void galleryRequested(int task);
    void traceRequested(const QString& resultId, int task, int index);
    void traceFileRequested(const QString& resultId, const QString& path);
    void summaryRequested(const QString& resultId);

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    QWidget* buildContent();
    void updateEmptyState();
    void requestCurrentImage();
    void onResultChanged();
    void onCompareChanged();
    // Asks for the routing of the current image under result `id`, if there are both.
    void requestTrace(const QString& id);
    void updateDifference();
    void updateCaptions();
    QString resultLabel(const QString& id) const;
    void chooseImageFile();

    QVector<TaskInfo> tasks_;
    QVector<QPair<QString, QString>> results_;
    QHash<QString, RoutingSummary> summaries_;  // per result, so switching back costs nothing
    RoutingTrace mainTrace_, compareTrace_;
    bool hasMain_ = false, hasCompare_ = false;
    int imageTask_ = -1, imageIndex_ = -1;
    QString imagePath_;

    QStackedWidget* pages_ = nullptr;
    QLabel* emptyState_ = nullptr;
    QComboBox* resultCombo_ = nullptr;
    QComboBox* compareCombo_ = nullptr;
    QLabel* busy_ = nullptr;
    QLabel* error_ = nullptr;
    ImageGallery* gallery_ = nullptr;
    RoutedImageView* imageView_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    RoutingHeatmap* heatmap_ = nullptr;
    RoutingBars* bars_ = nullptr;
    RoutingHeatmap* difference_ = nullptr;
    QLabel* differenceNote_ = nullptr;
    TestSetRoutingView* testSet_ = nullptr;
};

}  // namespace ms::ui
