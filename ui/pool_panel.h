#pragma once
// The pool: its name and architecture, the tasks with their fixed colours, what they stand for,
// checkpoint facts (size, dtype, parameters, SHA-256) and check boxes that choose which tasks
// to merge, and a gallery of the selected task's test images.
#include <QWidget>

#include "core/pool/pool_manifest.h"

class QLabel;
class QListWidget;
class QTableView;

namespace ms::ui {

class PoolTableModel;

class PoolPanel : public QWidget {
    Q_OBJECT
public:
    explicit PoolPanel(PoolTableModel* model, QWidget* parent = nullptr);

    // Shows a loaded manifest; selects its first task.
    void showPool(const pool::PoolManifest& manifest);
    QString currentTaskName() const;
    QListWidget* gallery() const { return gallery_; }
    QTableView* taskTable() const { return taskTable_; }
    void setPretrainedFacts(const QString& text);

public Q_SLOTS:
    void showGallery(const QString& taskName);

private:
    PoolTableModel* model_;
    QLabel* title_ = nullptr;
    QLabel* facts_ = nullptr;
    QLabel* pretrained_ = nullptr;
    QTableView* taskTable_ = nullptr;
    QLabel* galleryTitle_ = nullptr;
    QListWidget* gallery_ = nullptr;
};

}  // namespace ms::ui
