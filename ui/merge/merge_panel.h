#pragma once
// Merge & adapt: choose a method from the registry, set its parameters (a form generated from
// the method's definitions), the device and the seed; Run and Cancel; progress with stage and
// ETA; the live loss curve while AdaMerging or WEMoE adapts. The panel only asks — the main
// window runs the job and reports back.
#include <vector>

#include <QVariantMap>
#include <QWidget>

#include "core/merge/method_info.h"
#include "ui/base/lab_data.h"

class QComboBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace ms::ui {

class LossPlot;
class MethodForm;

class MergePanel : public QWidget {
    Q_OBJECT
public:
    explicit MergePanel(QWidget* parent = nullptr);

    void setMethods(const std::vector<merge::MethodInfo>& methods);
    // The tasks ticked in the pool panel: what Run merges.
    void setChosenTasks(const QVector<TaskInfo>& tasks);
    void setCudaAvailable(bool available);
    void selectMethod(const QString& id);
    QString currentMethodId() const;
    const merge::MethodInfo* currentMethod() const;

    MethodForm* form() const { return form_; }
    LossPlot* lossPlot() const { return lossPlot_; }
    QPushButton* runButton() const { return run_; }
    QPushButton* compareButton() const { return compare_; }
    QString device() const;
    quint64 seed() const;

    // Job state, from the main window's runner.
    void setBusy(bool busy);
    void showProgress(qint64 done, qint64 total, const QString& stage, double etaSeconds);
    void showMessage(const QString& text, bool error = false);

Q_SIGNALS:
    void runRequested(const QString& methodId, const QVariantMap& parameters, const QString& device, quint64 seed);
    // The paper's table in one go: baselines, averaging, TA, TIES, AdaMerging, WEMoE at defaults.
    void compareAllRequested(const QString& device, quint64 seed);
    void cancelRequested();

private:
    void showMethod(int row);
    void updateRunState();
    static QString formatEta(double seconds);

    std::vector<merge::MethodInfo> methods_;
    QVector<TaskInfo> chosen_;
    bool busy_ = false;

    QListWidget* methodList_ = nullptr;
    QLabel* title_ = nullptr;
    QLabel* paper_ = nullptr;
    QLabel* formula_ = nullptr;
    QLabel* summary_ = nullptr;
    MethodForm* form_ = nullptr;
    QLabel* tasksLine_ = nullptr;
    QComboBox* device_ = nullptr;
    QSpinBox* seed_ = nullptr;
    QPushButton* run_ = nullptr;
    QPushButton* compare_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* stage_ = nullptr;
    QLabel* message_ = nullptr;
    LossPlot* lossPlot_ = nullptr;
};

}  // namespace ms::ui
