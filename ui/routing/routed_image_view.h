#pragma once
// The routed image itself: shown large (nearest neighbour, the images are 32×32), its label, its
// true task and class, what every head predicts, and, subtly, how long the routing took.
#include <QWidget>

#include "ui/base/lab_data.h"

class QLabel;

namespace ms::ui {

class HeadPredictionTable;

class RoutedImageView : public QWidget {
    Q_OBJECT
public:
    explicit RoutedImageView(QWidget* parent = nullptr);

    void setTrace(const RoutingTrace& trace, const QVector<TaskInfo>& tasks);
    void clear();

    QString titleText() const;
    QString factsText() const;
    QString timeText() const;
    // The displayed picture (the upscaled image), null when none.
    QImage shownImage() const;
    HeadPredictionTable* predictions() const { return predictions_; }

private:
    QLabel* image_ = nullptr;
    QLabel* title_ = nullptr;
    QLabel* facts_ = nullptr;
    QLabel* time_ = nullptr;
    HeadPredictionTable* predictions_ = nullptr;
};

}  // namespace ms::ui
