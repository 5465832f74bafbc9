#pragma once
// Methods × tasks accuracy, the table every comparison starts from. Rows are MethodAccuracy
// results in session order; columns are the pool's tasks (display names) and their average.
// The model owns sorting (not a proxy) because baselines ("pretrained", "individual") must stay
// pinned on top whatever the sort, and the exporters and the bar chart read the same order.
#include <QAbstractTableModel>
#include <QColor>
#include <QVector>

#include "ui/base/lab_data.h"

namespace ms::ui {

class AccuracyTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role {
        ValueRole = Qt::UserRole + 1,  // double: the cell in the current mode, % (NaN when missing)
        DifferenceRole,                // double: value − the reference row's value, points
        IdRole,                        // QString: the row's MethodAccuracy::id
        BaselineRole,                  // bool
    };

    explicit AccuracyTableModel(QObject* parent = nullptr);

    void setTasks(const QVector<TaskInfo>& tasks);
    const QVector<TaskInfo>& tasks() const { return tasks_; }

    void setRows(const QVector<MethodAccuracy>& rows);
    // Replaces the row with the same id, or appends it.
    void addOrReplaceRow(const MethodAccuracy& row);
    // Returns false when no row has that id.
    bool removeRow(const QString& id);
    // Session order (the order rows arrived), not the display order.
    const QVector<MethodAccuracy>& rows() const { return rows_; }

    // Normalised: accuracy ÷ the individual model's accuracy on the same task, in %.
    void setNormalised(bool normalised);
    bool isNormalised() const { return normalised_; }

    // The row cells are coloured against; empty or unknown: the individual row.
    void setReference(const QString& id);
    QString reference() const { return reference_; }
    // The id actually used (the individual row when the chosen one is absent); empty when none.
    QString effectiveReference() const;

    // Display-order access, for views, the chart and the exporters.
    const MethodAccuracy& rowAt(int row) const;
    int displayRowOf(const QString& id) const;  // -1 when absent
    int averageColumn() const { return int(tasks_.size()); }
    QString columnTitle(int column) const;
    double value(int row, int column) const;       // current mode, %
    double difference(int row, int column) const;  // against effectiveReference(), points
    QColor methodColor(int row) const;             // stable across sorts
    bool hasMergedRows() const;                    // any row that is not a baseline

    int sortColumn() const { return sortColumn_; }
    Qt::SortOrder sortOrder() const { return sortOrder_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    // column -1 restores session order.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

Q_SIGNALS:
    void normalisedChanged(bool normalised);
    void referenceChanged(const QString& id);

private:
    int sessionIndexOf(const QString& id) const;
    const MethodAccuracy* individual() const;
    double absolute(const MethodAccuracy& row, int column) const;  // %, NaN when missing
    double valueOf(const MethodAccuracy& row, int column) const;   // current mode
    double valueIn(const MethodAccuracy& row, int column, bool normalised) const;
    QString toolTip(int row, int column) const;
    void rebuildOrder();
    void resortKeepingPersistentIndexes();

    QVector<TaskInfo> tasks_;
    QVector<MethodAccuracy> rows_;
    QVector<int> order_;  // display row → index into rows_
    bool normalised_ = false;
    QString reference_;
    int sortColumn_ = -1;
    Qt::SortOrder sortOrder_ = Qt::AscendingOrder;
};

}  // namespace ms::ui
