#include "ui/pool_table_model.h"

#include <QColor>
#include <QFileInfo>

#include "core/data/image_folder.h"
#include "core/io/safetensors.h"
#include "core/util/error.h"

namespace ms::ui {

namespace {

qint64 countTestImages(const std::string& location) {
    if (location.empty()) return -1;
    try {
        if (QFileInfo(QString::fromStdString(location)).isDir())
            return qint64(data::scanImageFolder(location).files.size());
        const auto file = io::SafetensorsFile::open(location);
        return file->at("images").shape.at(0);
    } catch (const Error&) {
        return -1;  // the view shows "?"; evaluating the task reports the problem in full
    }
}

}  // namespace

PoolTableModel::PoolTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void PoolTableModel::setPool(const pool::PoolManifest& manifest) {
    beginResetModel();
    pool_ = manifest;
    testCounts_.clear();
    for (const auto& task : pool_.tasks) testCounts_.push_back(countTestImages(task.testData));
    checked_ = QVector<bool>(int(pool_.tasks.size()), true);
    endResetModel();
    Q_EMIT selectionForMergeChanged();
}

QStringList PoolTableModel::checkedTasks() const {
    QStringList names;
    for (int i = 0; i < checked_.size(); ++i)
        if (checked_[i]) names << QString::fromStdString(pool_.tasks[size_t(i)].name);
    return names;
}

int PoolTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(pool_.tasks.size()); }

int PoolTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant PoolTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const auto& task = pool_.tasks[size_t(index.row())];
    switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
                case Task: return QString::fromStdString(task.displayName);
                case StandsFor: return QString::fromStdString(task.analog.empty() ? "—" : task.analog);
                case Classes: return int(task.classNames.size());
                case TestImages: return testCounts_[index.row()] < 0 ? QVariant("?") : QVariant(testCounts_[index.row()]);
                case Checkpoint: return QFileInfo(QString::fromStdString(task.checkpoint)).fileName();
            }
            break;
        case Qt::DecorationRole:
            if (index.column() == Task) return QColor(QString::fromStdString(task.color));
            break;
        case Qt::CheckStateRole:
            if (index.column() == Task) return checked_[index.row()] ? Qt::Checked : Qt::Unchecked;
            break;
        case Qt::ToolTipRole: {
            QString classes;
            for (size_t c = 0; c < task.classNames.size() && c < 20; ++c)
                classes += (c ? ", " : "") + QString::fromStdString(task.classNames[c]);
            return QStringLiteral("<b>%1</b> (%2)<br>classes: %3<br>checkpoint: %4<br>head: %5")
                .arg(QString::fromStdString(task.displayName), QString::fromStdString(task.name), classes,
                     QString::fromStdString(task.checkpoint), QString::fromStdString(task.head));
        }
        case Qt::TextAlignmentRole:
            if (index.column() == Classes || index.column() == TestImages) return int(Qt::AlignRight | Qt::AlignVCenter);
            break;
        case Qt::UserRole: return QString::fromStdString(task.name);
    }
    return {};
}

QVariant PoolTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case Task: return tr("Task");
        case StandsFor: return tr("Stands for");
        case Classes: return tr("Classes");
        case TestImages: return tr("Test images");
        case Checkpoint: return tr("Checkpoint");
    }
    return {};
}

Qt::ItemFlags PoolTableModel::flags(const QModelIndex& index) const {
    auto f = QAbstractTableModel::flags(index);
    if (index.column() == Task) f |= Qt::ItemIsUserCheckable;
    return f;
}

bool PoolTableModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!index.isValid() || index.column() != Task || role != Qt::CheckStateRole) return false;
    checked_[index.row()] = value.toInt() == Qt::Checked;
    Q_EMIT dataChanged(index, index, {Qt::CheckStateRole});
    Q_EMIT selectionForMergeChanged();
    return true;
}

}  // namespace ms::ui
