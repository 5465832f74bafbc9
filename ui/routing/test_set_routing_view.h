#pragma once
// Routing over whole test sets, for one result: the first-choice matrix, the spread per layer,
// and the mean routing of one task's images. Computing it takes a pass over every test set, so
// it waits for the user to ask ("Compute for the test sets").
#include <QWidget>

#include "ui/base/lab_data.h"

class QComboBox;
class QLabel;
class QPushButton;

namespace ms::ui {

class FirstChoiceMatrix;
class RoutingHeatmap;
class RoutingSpreadPlot;

class TestSetRoutingView : public QWidget {
    Q_OBJECT
public:
    explicit TestSetRoutingView(QWidget* parent = nullptr);

    void setTasks(const QVector<TaskInfo>& tasks) { tasks_ = tasks; }
    // The result's label, for captions ("WEMoE (2-layer router)").
    void setResultLabel(const QString& label);
    void setSummary(const RoutingSummary& summary);
    void clear(const QString& message = {});
    bool hasSummary() const { return !summary_.tasks.isEmpty(); }
    // "Computing…" while the summary is on its way; the button is disabled meanwhile.
    void setComputing(bool computing);

    FirstChoiceMatrix* firstChoice() const { return firstChoice_; }
    RoutingSpreadPlot* spread() const { return spread_; }
    RoutingHeatmap* meanRouting() const { return meanRouting_; }
    QComboBox* meanTaskCombo() const { return meanTask_; }
    QPushButton* computeButton() const { return compute_; }

Q_SIGNALS:
    void computeRequested();

private:
    void showMeanRouting();
    void updateCaptions();

    QPushButton* compute_ = nullptr;
    QLabel* hint_ = nullptr;
    FirstChoiceMatrix* firstChoice_ = nullptr;
    RoutingSpreadPlot* spread_ = nullptr;
    RoutingHeatmap* meanRouting_ = nullptr;
    QComboBox* meanTask_ = nullptr;
    QVector<TaskInfo> tasks_;
    RoutingSummary summary_;
    QString resultLabel_;
};

}  // namespace ms::ui
