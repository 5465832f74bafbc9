#pragma once
// What the TIES step-through shows at each step, as plain data: rows of labelled cells with a
// text and a look (coloured value, trimmed, crossed out, elected sign, merged). The painted view
// only draws this, and the tests read it, so "which cells are greyed at step 2" is a data question.
#include <QString>
#include <QStringList>
#include <QVector>

#include "ui/base/figure_export.h"
#include "ui/base/lab_data.h"

namespace ms::ui {

enum class TiesStep { TaskVectors = 0, Trim = 1, ElectSign = 2, DisjointMerge = 3 };
constexpr int kTiesStepCount = 4;

struct TiesGridCell {
    enum class Look {
        Value,        // a kept task-vector entry: blue (positive) or red (negative), intensity by magnitude
        Trimmed,      // below its task's top-k threshold: greyed, zero from the elect step on
        Disagrees,    // kept, but against the elected sign: crossed out
        Sum,          // Σt of the trimmed entries, coloured like a value
        Sign,         // the elected sign: "+", "−" or "0"
        Merged,       // an entry of the merged task vector τm
    };
    Look look = Look::Value;
    double value = 0.0;  // exact number behind the cell (the sign as ±1/0 for Sign)
    QString text;        // what the cell shows, in the grid's display unit
};

struct TiesGridRow {
    enum class Kind { Task, Summary };
    Kind kind = Kind::Task;
    QString label;     // task name, "Σ trimmed", "elected sign γ", "merged τm"
    QString note;      // right-hand remark, e.g. "3 of 16 kept"
    QVector<TiesGridCell> cells;
};

struct TiesGrid {
    TiesStep step = TiesStep::TaskVectors;
    QStringList columns;       // "1", "2", …: entry numbers within the slice
    QVector<TiesGridRow> rows;
    double colourScale = 1.0;  // |value| that gets the full colour: the largest |τ| of the slice
    int displayExponent = 0;   // cells show value × 10^-displayExponent (e.g. −3: thousandths)
    QString unitNote;          // "numbers are τ × 10³", empty when shown as is

    bool isEmpty() const { return rows.isEmpty(); }
    // The row with this label, or nullptr.
    const TiesGridRow* row(const QString& label) const;
};

// Row labels of the summary rows (the tests and the view refer to them).
QString tiesSumRowLabel();
QString tiesSignRowLabel();
QString tiesMergedRowLabel();

// The grid of one step of the walkthrough.
TiesGrid tiesGridForStep(const TiesWalkthrough& walkthrough, TiesStep step);

// Every number of the walkthrough, one line per quantity and task:
// quantity,task,e1..eN with quantity task_vector | trimmed | elected_sign | merged.
CsvTable tiesWalkthroughCsv(const TiesWalkthrough& walkthrough);

// How many entries of a task survived the trim, and how many kept entries disagree with the
// elected sign (over all tasks): the numbers the explanations quote.
int tiesKeptCount(const TiesWalkthrough& walkthrough, int task);
int tiesDisagreeingCount(const TiesWalkthrough& walkthrough);

}  // namespace ms::ui
