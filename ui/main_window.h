#pragma once
// The main window: the pool's tasks with their colours and a gallery of each task's test images.
// The merge, routing, accuracy and interference views dock here as they arrive.
#include <QMainWindow>

#include "core/pool/pool_manifest.h"

class QLabel;
class QListWidget;
class QTableView;
class QStackedWidget;

namespace ms::ui {

class PoolTableModel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

    // Loads a manifest (file or folder); on failure shows why and keeps the current pool.
    bool openPool(const QString& location);
    PoolTableModel* poolModel() const { return poolModel_; }
    QString currentTaskName() const;

public Q_SLOTS:
    void showGallery(const QString& taskName);

private Q_SLOTS:
    void chooseAndOpenPool();
    void openDemoZoo();
    void showAbout();

private:
    void buildMenus();
    QWidget* buildPoolPage();
    QWidget* buildEmptyPage();

    PoolTableModel* poolModel_ = nullptr;
    QStackedWidget* pages_ = nullptr;
    QTableView* taskTable_ = nullptr;
    QLabel* poolTitle_ = nullptr;
    QLabel* poolFacts_ = nullptr;
    QLabel* galleryTitle_ = nullptr;
    QListWidget* gallery_ = nullptr;
    QLabel* emptyMessage_ = nullptr;
};

}  // namespace ms::ui
