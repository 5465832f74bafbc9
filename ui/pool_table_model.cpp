#include "ui/pool_table_model.h"

#include <QColor>
#include <QFileInfo>
#include <QLocale>

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

void PoolTableModel::setCheckedTasks(const QStringList& names) {
    for (int i = 0; i < checked_.size(); ++i) checked_[i] = names.contains(QString::fromStdString(pool_.tasks[size_t(i)].name));
    if (!checked_.isEmpty()) Q_EMIT dataChanged(index(0, Task), index(rowCount() - 1, Task), {Qt::CheckStateRole});
    Q_EMIT selectionForMergeChanged();
}

void PoolTableModel::setFacts(const QMap<QString, Facts>& facts) {
    facts_ = facts;
    if (rowCount() > 0) Q_EMIT dataChanged(index(0, Size), index(rowCount() - 1, Sha256));
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
            if (index.column() >= Size) {
                const auto it = facts_.find(QString::fromStdString(task.name));
                if (it == facts_.end()) return QStringLiteral("…");
                switch (index.column()) {
                    case Size: return QLocale().formattedDataSize(it->bytes);
                    case Dtype: return it->dtype;
                    case Parameters: return QLocale().toString(it->parameters);
                    case Sha256: return it->sha256.left(12) + QStringLiteral("…");
                }
            }
            break;
        case Qt::DecorationRole:
            if (index.column() == Task) return QColor(QString::fromStdString(task.color));
            break;
        case Qt::CheckStateRole:
            if (index.column() == Task) return checked_[index.row()] ? Qt::Checked : Qt::Unchecked;
            break;
        case Qt::ToolTipRole: {
            if (index.column() == Sha256 && facts_.contains(QString::fromStdString(task.name)))
                return tr("SHA-256 of %1:\n%2")
                    .arg(QString::fromStdString(task.checkpoint), facts_.value(QString::fromStdString(task.name)).sha256);
            QString classes;
            for (size_t c = 0; c < task.classNames.size() && c < 20; ++c)
                classes += (c ? ", " : "") + QString::fromStdString(task.classNames[c]);
            return QStringLiteral("<b>%1</b> (%2)<br>classes: %3<br>checkpoint: %4<br>head: %5")
                .arg(QString::fromStdString(task.displayName), QString::fromStdString(task.name), classes,
                     QString::fromStdString(task.checkpoint), QString::fromStdString(task.head));
        }
        case Qt::TextAlignmentRole:
            if (index.column() == Classes || index.column() == TestImages || index.column() == Size ||
                index.column() == Parameters)
                return int(Qt::AlignRight | Qt::AlignVCenter);
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
        case Size: return tr("Size");
        case Dtype: return tr("Dtype");
        case Parameters: return tr("Parameters");
        case Sha256: return tr("SHA-256");
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
