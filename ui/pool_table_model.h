#pragma once
// The tasks of a pool as a table: colour, name, the paper task it stands for, classes, test images.
// The pool view, the merge form and the exporters all read this model.
#include <QAbstractTableModel>
#include <QMap>
#include <QVector>

#include "core/pool/pool_manifest.h"

namespace ms::ui {

class PoolTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Task, StandsFor, Classes, TestImages, Checkpoint, Size, Dtype, Parameters, Sha256, ColumnCount };

    // Facts read from the checkpoint files (size, dtype, parameters, SHA-256), filled in once the
    // engine has hashed them; the columns show "…" until then.
    struct Facts {
        qint64 bytes = 0;
        QString dtype;
        qint64 parameters = 0;
        QString sha256;
    };

    explicit PoolTableModel(QObject* parent = nullptr);

    // Takes a loaded manifest; counts test images from the shard headers (no pixels are read).
    void setPool(const pool::PoolManifest& manifest);
    const pool::PoolManifest& pool() const { return pool_; }

    // Which tasks are ticked for merging (all, after setPool).
    QStringList checkedTasks() const;
    void setCheckedTasks(const QStringList& names);
    // Per task name; the pretrained model's facts under "".
    void setFacts(const QMap<QString, Facts>& facts);
    const QMap<QString, Facts>& facts() const { return facts_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;

Q_SIGNALS:
    void selectionForMergeChanged();

private:
    pool::PoolManifest pool_;
    QVector<qint64> testCounts_;
    QVector<bool> checked_;
    QMap<QString, Facts> facts_;
};

}  // namespace ms::ui
