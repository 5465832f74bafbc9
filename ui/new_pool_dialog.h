#pragma once
// Makes a pool manifest from files a user already has: a pretrained checkpoint (e.g. Hugging
// Face's clip-vit-base-patch32), one fine-tuned checkpoint, head and test-image folder per task;
// a task without a head gets CLIP's zero-shot head, built from the pretrained text tower.
// Writes pool.json next to the files (paths relative to it) after validating every path the way
// opening the pool will; nothing is written when something is wrong.
#include <QDialog>

#include "core/pool/pool_manifest.h"

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace ms::ui {

class NewPoolDialog : public QDialog {
    Q_OBJECT
public:
    explicit NewPoolDialog(QWidget* parent = nullptr);

    // The form as a manifest (absolute paths), without touching the disk.
    pool::PoolManifest manifest() const;
    // Validates and writes the manifest to manifestPath(); returns the error or "".
    QString writeManifest();
    QString manifestPath() const;

    // Programmatic filling, for tests and scripts.
    void setName(const QString& name);
    void setPretrained(const QString& path);
    void setManifestPath(const QString& path);
    void addTask(const QString& name, const QString& checkpoint, const QString& head, const QString& testImages);

private:
    void addEmptyTask();
    void removeSelectedTask();
    void browse(int row, int column);
    void accept() override;
    // Tasks without a head: run::createPool builds them from the text tower, with a progress bar.
    QString createWithZeroShotHeads(const pool::PoolManifest& manifest, const QString& path);

    QLineEdit* name_ = nullptr;
    QLineEdit* pretrained_ = nullptr;
    QLineEdit* output_ = nullptr;
    QTableWidget* tasks_ = nullptr;
    QLabel* error_ = nullptr;
};

}  // namespace ms::ui
