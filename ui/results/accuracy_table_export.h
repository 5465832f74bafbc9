#pragma once
// The accuracy table as text, in the model's current mode (absolute or normalised) and display
// order (baselines first): CSV for spreadsheets, a GitHub pipe table, a booktabs LaTeX tabular,
// and TSV for the clipboard. Values have one decimal, as in the table; missing values are empty
// (CSV, TSV), "—" (Markdown) or "--" (LaTeX).
#include <QModelIndexList>
#include <QString>

#include "ui/base/figure_export.h"

namespace ms::ui {

class AccuracyTableModel;

// Header and rows, the first column the method's label.
CsvTable accuracyTableData(const AccuracyTableModel& model);

QString toCsv(const AccuracyTableModel& model);
QString toMarkdown(const AccuracyTableModel& model);
// Underscores, percent signs and the other LaTeX specials in labels are escaped; the best
// non-baseline value of each column is bold (every tied one).
QString toLatex(const AccuracyTableModel& model);

// Tab-separated, for pasting into a spreadsheet. No selection: the whole table with headers.
// One cell: its value alone. Several cells: their bounding rectangle with task headers and method
// labels, unselected cells left empty.
QString toTsv(const AccuracyTableModel& model, const QModelIndexList& selection = {});

}  // namespace ms::ui
