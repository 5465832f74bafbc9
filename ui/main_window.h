#pragma once
// The main window: one tab per view (Pool · Merge & adapt · Routing · Accuracy · Interference ·
// Learn), menus for pools, sessions and help, and a status bar that follows the running job.
// It only lays out and connects: the LabController does the work, the panels show it.
#include <QMainWindow>

#include "ui/base/lab_data.h"

class QLabel;
class QProgressBar;
class QTabWidget;
class QToolButton;

namespace ms::ui {

class AccuracyPanel;
class GuidedTour;
class InterferencePanel;
class LabController;
class MergePanel;
class MethodGuide;
class PoolPanel;
class PoolTableModel;
class RoutingInspector;
class TiesStepThrough;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum Tab { PoolTab, MergeTab, RoutingTab, AccuracyTab, InterferenceTab, LearnTab };

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Reads a manifest (file or folder) and starts opening it in the engine; on failure shows why
    // and keeps the current pool.
    bool openPool(const QString& location);
    PoolTableModel* poolModel() const { return poolModel_; }
    QString currentTaskName() const;
    LabController* controller() const { return controller_; }
    QTabWidget* tabs() const { return tabs_; }
    void showTab(Tab tab);
    // Sessions without dialogs (the menu's Save/Open use these): the results, chosen tasks, view
    // options and layout. Return an empty string / true on success.
    QString saveSession(const QString& path);
    bool openSession(const QString& path, QString* error);

    MergePanel* mergePanel() const { return mergePanel_; }
    PoolPanel* poolPanel() const { return poolPanel_; }
    RoutingInspector* routingInspector() const { return routing_; }
    AccuracyPanel* accuracyPanel() const { return accuracy_; }
    InterferencePanel* interferencePanel() const { return interference_; }

public Q_SLOTS:
    void showGallery(const QString& taskName);
    void startTour();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void buildStatusBar();
    void buildViews();          // main_window_views.cpp: routing, accuracy, interference, learn
    void connectController();
    void connectViews();        // main_window_views.cpp
    void chooseAndOpenPool();
    void openDemoZoo();
    void saveSessionAs();
    void openSession();
    void restoreViewOptions();
    void storeViewOptions();
    void showAbout();
    void warnLater(const QString& title, const QString& text);
    void showShortcuts();

    LabController* controller_ = nullptr;
    PoolTableModel* poolModel_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    PoolPanel* poolPanel_ = nullptr;
    MergePanel* mergePanel_ = nullptr;
    RoutingInspector* routing_ = nullptr;
    AccuracyPanel* accuracy_ = nullptr;
    InterferencePanel* interference_ = nullptr;
    MethodGuide* guide_ = nullptr;
    TiesStepThrough* ties_ = nullptr;
    GuidedTour* tour_ = nullptr;
    QLabel* jobLabel_ = nullptr;
    QProgressBar* jobProgress_ = nullptr;
    QToolButton* jobCancel_ = nullptr;
    QString sessionPath_;
};

}  // namespace ms::ui
