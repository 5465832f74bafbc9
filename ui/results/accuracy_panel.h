#pragma once
// The accuracy view: a toolbar (absolute / normalised, colour reference, copy, export), the
// methods × tasks table, and the same numbers as grouped bars under it. Rows come from the
// session (the main window); the panel only asks for removals, it never drops a result itself.
#include <QWidget>

#include "ui/base/lab_data.h"

class QAction;
class QComboBox;
class QLabel;
class QMenu;
class QStackedWidget;
class QTableView;

namespace ms::ui {

class AccuracyBarChart;
class AccuracyTableModel;

class AccuracyPanel : public QWidget {
    Q_OBJECT
public:
    enum class TextFormat { Csv, Markdown, Latex };

    explicit AccuracyPanel(QWidget* parent = nullptr);

    AccuracyTableModel* model() const { return model_; }
    QTableView* view() const { return view_; }
    AccuracyBarChart* chart() const { return chart_; }

    void setTasks(const QVector<TaskInfo>& tasks);
    void setRows(const QVector<MethodAccuracy>& rows);
    void addOrReplaceRow(const MethodAccuracy& row);
    void removeRow(const QString& id);
    void setNormalised(bool normalised);
    void setReference(const QString& id);

    // What Copy puts on the clipboard: the selected cells as TSV, or the whole table.
    QString copyText() const;
    // Writes the table in the current mode; empty string on success, else the error.
    QString exportTo(const QString& path, TextFormat format) const;
    // The table's context menu for a cell (the caller owns it); public for the tests.
    QMenu* createContextMenu(const QModelIndex& index);
    // The text shown instead of the table, or over it when only baselines exist; empty when none.
    QString emptyStateText() const;

public Q_SLOTS:
    void copyToClipboard();

Q_SIGNALS:
    // "Remove from session" on a merged row: the owner drops the result and calls removeRow().
    void removeRequested(const QString& id);
    // After a successful export, for the status bar.
    void exported(const QString& path);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* buildToolBar();
    void chooseExportPath(TextFormat format);
    void rebuildReferenceChoices();
    void updateEmptyState();
    void requestRemovalOfSelection();

    AccuracyTableModel* model_ = nullptr;
    QTableView* view_ = nullptr;
    AccuracyBarChart* chart_ = nullptr;
    QAction* absoluteAction_ = nullptr;
    QAction* normalisedAction_ = nullptr;
    QComboBox* referenceCombo_ = nullptr;
    QStackedWidget* stack_ = nullptr;
    QLabel* emptyLabel_ = nullptr;
    QLabel* baselinesOnlyHint_ = nullptr;
};

}  // namespace ms::ui
