#include "ui/results/accuracy_table_model.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <QFont>
#include <QIcon>
#include <QPixmap>

#include "ui/base/colors.h"
#include "ui/results/results_colors.h"

namespace ms::ui {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QString formatPercent(double v) { return std::isnan(v) ? QStringLiteral("—") : QString::number(v, 'f', 2); }

QString formatSigned(double v) {
    if (std::isnan(v)) return QStringLiteral("—");
    // U+2212 MINUS SIGN reads better than a hyphen in tooltips.
    return (v < 0 ? QStringLiteral("−") : QStringLiteral("+")) + QString::number(std::abs(v), 'f', 2);
}

double meanIgnoringNaN(const QVector<double>& values) {
    double sum = 0.0;
    int count = 0;
    for (double v : values)
        if (!std::isnan(v)) sum += v, ++count;
    return count ? sum / count : kNaN;
}

}  // namespace

AccuracyTableModel::AccuracyTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void AccuracyTableModel::setTasks(const QVector<TaskInfo>& tasks) {
    beginResetModel();
    tasks_ = tasks;
    if (sortColumn_ > averageColumn()) sortColumn_ = -1;
    rebuildOrder();
    endResetModel();
}

void AccuracyTableModel::setRows(const QVector<MethodAccuracy>& rows) {
    beginResetModel();
    rows_ = rows;
    rebuildOrder();
    endResetModel();
}

void AccuracyTableModel::addOrReplaceRow(const MethodAccuracy& row) {
    const int existing = sessionIndexOf(row.id);
    if (existing >= 0) {
        rows_[existing] = row;
    } else {
        const int at = rowCount();
        beginInsertRows({}, at, at);
        rows_.append(row);
        order_.append(int(rows_.size()) - 1);
        endInsertRows();
    }
    // A new individual row changes every normalised value, a new reference every colour.
    resortKeepingPersistentIndexes();
    if (rowCount() > 0) Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    Q_EMIT headerDataChanged(Qt::Vertical, 0, std::max(0, rowCount() - 1));
}

bool AccuracyTableModel::removeRow(const QString& id) {
    const int session = sessionIndexOf(id);
    if (session < 0) return false;
    const int display = int(order_.indexOf(session));
    beginRemoveRows({}, display, display);
    rows_.remove(session);
    order_.remove(display);
    for (int& i : order_)
        if (i > session) --i;
    endRemoveRows();
    resortKeepingPersistentIndexes();
    if (rowCount() > 0) Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    return true;
}

void AccuracyTableModel::setNormalised(bool normalised) {
    if (normalised_ == normalised) return;
    normalised_ = normalised;
    resortKeepingPersistentIndexes();  // values change, so may the order
    if (rowCount() > 0) Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    Q_EMIT normalisedChanged(normalised_);
}

void AccuracyTableModel::setReference(const QString& id) {
    if (reference_ == id) return;
    reference_ = id;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1),
                           {Qt::BackgroundRole, Qt::ForegroundRole, Qt::ToolTipRole, DifferenceRole});
    Q_EMIT referenceChanged(reference_);
}

QString AccuracyTableModel::effectiveReference() const {
    if (!reference_.isEmpty() && sessionIndexOf(reference_) >= 0) return reference_;
    const MethodAccuracy* ind = individual();
    return ind ? ind->id : QString();
}

const MethodAccuracy& AccuracyTableModel::rowAt(int row) const { return rows_[order_[row]]; }

int AccuracyTableModel::displayRowOf(const QString& id) const {
    const int session = sessionIndexOf(id);
    return session < 0 ? -1 : int(order_.indexOf(session));
}

QString AccuracyTableModel::columnTitle(int column) const {
    if (column == averageColumn()) return tr("Average");
    if (column < 0 || column > averageColumn()) return {};
    const TaskInfo& task = tasks_[column];
    return task.displayName.isEmpty() ? task.name : task.displayName;
}

double AccuracyTableModel::value(int row, int column) const {
    if (row < 0 || row >= rowCount()) return kNaN;
    return valueOf(rowAt(row), column);
}

double AccuracyTableModel::difference(int row, int column) const {
    const int reference = sessionIndexOf(effectiveReference());
    if (reference < 0 || row < 0 || row >= rowCount()) return kNaN;
    return valueOf(rowAt(row), column) - valueOf(rows_[reference], column);
}

QColor AccuracyTableModel::methodColor(int row) const {
    // The occurrence counts earlier results of the same method in session order, so a row keeps
    // its colour when the table is sorted.
    const int session = order_[row];
    int occurrence = 0;
    for (int i = 0; i < session; ++i)
        if (rows_[i].methodId == rows_[session].methodId) ++occurrence;
    return ui::methodColor(rows_[session].methodId, occurrence);
}

bool AccuracyTableModel::hasMergedRows() const {
    return std::any_of(rows_.begin(), rows_.end(), [](const MethodAccuracy& r) { return !r.baseline; });
}

int AccuracyTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(rows_.size());
}

int AccuracyTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(tasks_.size()) + 1;
}

QVariant AccuracyTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) return {};
    const int row = index.row(), column = index.column();
    switch (role) {
    case Qt::DisplayRole: {
        const double v = value(row, column);
        return std::isnan(v) ? QStringLiteral("—") : QString::number(v, 'f', 1);
    }
    case Qt::ToolTipRole: return toolTip(row, column);
    case Qt::BackgroundRole: {
        const QColor colour = differenceColor(difference(row, column));
        return colour.isValid() ? QVariant(colour) : QVariant();
    }
    case Qt::ForegroundRole: {
        const QColor colour = differenceColor(difference(row, column));
        return colour.isValid() ? QVariant(readableTextColor(colour)) : QVariant();
    }
    case Qt::TextAlignmentRole: return int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::FontRole: {
        if (column != averageColumn() && !rowAt(row).baseline) return {};
        QFont font;
        font.setBold(column == averageColumn());
        font.setItalic(rowAt(row).baseline);
        return font;
    }
    case ValueRole: return value(row, column);
    case DifferenceRole: return difference(row, column);
    case IdRole: return rowAt(row).id;
    case BaselineRole: return rowAt(row).baseline;
    default: return {};
    }
}

QVariant AccuracyTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal) {
        if (section < 0 || section >= columnCount()) return {};
        if (role == Qt::DisplayRole) return columnTitle(section);
        if (role == Qt::ToolTipRole) {
            QString tip = section == averageColumn()
                              ? (normalised_ ? tr("Mean of the per-task normalised accuracies")
                                             : tr("Mean accuracy over the tasks"))
                              : QStringLiteral("<b>%1</b>").arg(columnTitle(section).toHtmlEscaped());
            if (section < averageColumn() && !tasks_[section].analog.isEmpty())
                tip += tr(" (stands for %1)").arg(tasks_[section].analog.toHtmlEscaped());
            return tip + tr("<br>Click to sort; the baselines stay on top.");
        }
        return {};
    }
    if (section < 0 || section >= rowCount()) return {};
    const MethodAccuracy& row = rowAt(section);
    switch (role) {
    case Qt::DisplayRole: return row.label.isEmpty() ? row.id : row.label;
    case Qt::ToolTipRole: {
        QString tip = QStringLiteral("<b>%1</b>").arg((row.label.isEmpty() ? row.id : row.label).toHtmlEscaped());
        if (!row.caption.isEmpty()) tip += QStringLiteral("<br>") + row.caption.toHtmlEscaped();
        if (row.baseline) tip += tr("<br><i>Baseline: pinned on top.</i>");
        return tip;
    }
    case Qt::DecorationRole: {
        QPixmap swatch(10, 10);
        swatch.fill(methodColor(section));
        return QIcon(swatch);
    }
    case Qt::FontRole: {
        if (!row.baseline) return {};
        QFont font;
        font.setItalic(true);
        return font;
    }
    default: return {};
    }
}

Qt::ItemFlags AccuracyTableModel::flags(const QModelIndex& index) const {
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable : Qt::NoItemFlags;
}

void AccuracyTableModel::sort(int column, Qt::SortOrder order) {
    sortColumn_ = column >= 0 && column < columnCount() ? column : -1;
    sortOrder_ = order;
    resortKeepingPersistentIndexes();
}

int AccuracyTableModel::sessionIndexOf(const QString& id) const {
    for (int i = 0; i < rows_.size(); ++i)
        if (rows_[i].id == id) return i;
    return -1;
}

const MethodAccuracy* AccuracyTableModel::individual() const {
    for (const auto& row : rows_)
        if (row.methodId == QLatin1String("individual")) return &row;
    for (const auto& row : rows_)
        if (row.id == QLatin1String("individual")) return &row;
    return nullptr;
}

double AccuracyTableModel::absolute(const MethodAccuracy& row, int column) const {
    if (column >= 0 && column < averageColumn()) return row.on(tasks_[column].name) * 100.0;
    if (column != averageColumn()) return kNaN;
    QVector<double> perTask;
    for (int c = 0; c < averageColumn(); ++c) perTask << absolute(row, c);
    return meanIgnoringNaN(perTask);
}

double AccuracyTableModel::valueOf(const MethodAccuracy& row, int column) const {
    return valueIn(row, column, normalised_);
}

double AccuracyTableModel::valueIn(const MethodAccuracy& row, int column, bool normalised) const {
    if (!normalised) return absolute(row, column);
    const MethodAccuracy* ind = individual();
    if (!ind) return kNaN;
    if (column >= 0 && column < averageColumn()) {
        const double reference = ind->on(tasks_[column].name);
        if (std::isnan(reference) || reference <= 0.0) return kNaN;
        return row.on(tasks_[column].name) / reference * 100.0;
    }
    if (column != averageColumn()) return kNaN;
    // The mean of ratios, not the ratio of means: every task weighs the same (ALGORITHM.md §5).
    QVector<double> perTask;
    for (int c = 0; c < averageColumn(); ++c) perTask << valueIn(row, c, true);
    return meanIgnoringNaN(perTask);
}

QString AccuracyTableModel::toolTip(int row, int column) const {
    const MethodAccuracy& r = rowAt(row);
    QStringList lines;
    lines << QStringLiteral("<b>%1</b> · %2").arg((r.label.isEmpty() ? r.id : r.label).toHtmlEscaped(),
                                                   columnTitle(column).toHtmlEscaped());
    const double abs = absolute(r, column);
    lines << tr("Accuracy: %1 %").arg(formatPercent(abs));
    if (const MethodAccuracy* ind = individual()) {
        const double norm = valueIn(r, column, true);
        lines << tr("Normalised: %1 % of %2").arg(formatPercent(norm), ind->label.toHtmlEscaped());
    }
    const int reference = sessionIndexOf(effectiveReference());
    if (reference >= 0 && rows_[reference].id != r.id) {
        const QString refLabel = rows_[reference].label.isEmpty() ? rows_[reference].id : rows_[reference].label;
        lines << tr("%1 %2 vs %3")
                     .arg(formatSigned(difference(row, column)),
                          normalised_ ? tr("normalised points") : tr("points"), refLabel.toHtmlEscaped());
    }
    return lines.join(QStringLiteral("<br>"));
}

void AccuracyTableModel::rebuildOrder() {
    order_.clear();
    QVector<int> merged;
    for (int i = 0; i < rows_.size(); ++i) (rows_[i].baseline ? order_ : merged).append(i);
    if (sortColumn_ >= 0) {
        const bool ascending = sortOrder_ == Qt::AscendingOrder;
        std::stable_sort(merged.begin(), merged.end(), [&](int a, int b) {
            const double va = valueOf(rows_[a], sortColumn_), vb = valueOf(rows_[b], sortColumn_);
            if (std::isnan(va) || std::isnan(vb)) return !std::isnan(va) && std::isnan(vb);  // missing last
            return ascending ? va < vb : va > vb;
        });
    }
    order_ += merged;
}

void AccuracyTableModel::resortKeepingPersistentIndexes() {
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QVector<int> sessionOfBefore;
    for (const auto& idx : before) sessionOfBefore << (idx.row() < order_.size() ? order_[idx.row()] : -1);
    rebuildOrder();
    QModelIndexList after;
    for (int i = 0; i < before.size(); ++i) {
        const int display = int(order_.indexOf(sessionOfBefore[i]));
        after << (display < 0 ? QModelIndex() : index(display, before[i].column()));
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

}  // namespace ms::ui
