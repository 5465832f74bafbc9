#include "ui/teaching/ties_grid.h"

#include <algorithm>
#include <cmath>

#include "ui/teaching/math_text.h"

namespace ms::ui {

namespace {

using Look = TiesGridCell::Look;

double entry(const QVector<QVector<double>>& rows, int task, int e) {
    return task < rows.size() ? rows[task].value(e) : 0.0;
}

int entryCount(const TiesWalkthrough& w) {
    int n = 0;
    for (const auto& v : w.vectors) n = std::max(n, int(v.size()));
    return n;
}

double signOf(double v) { return v > 0 ? 1.0 : (v < 0 ? -1.0 : 0.0); }

bool agrees(double trimmedValue, double elected) { return trimmedValue != 0.0 && signOf(trimmedValue) == elected; }

// Task-vector entries are often ~10⁻³: showing them scaled with a shared unit keeps the cells short.
int displayExponentFor(double maxAbs) {
    if (!(maxAbs > 0.0) || !std::isfinite(maxAbs)) return 0;
    const int e = int(std::floor(std::log10(maxAbs)));
    return (e <= -2 || e >= 2) ? e : 0;
}

struct Formatter {
    double factor = 1.0;
    QString operator()(double v) const { return fixedNumber(v * factor, 2); }
};

TiesGridRow taskRow(const TiesWalkthrough& w, int task, TiesStep step, int n, const Formatter& format) {
    TiesGridRow row;
    row.kind = TiesGridRow::Kind::Task;
    row.label = w.tasks.value(task, QStringLiteral("task %1").arg(task + 1));
    int crossed = 0;
    for (int e = 0; e < n; ++e) {
        TiesGridCell cell;
        const double tau = entry(w.vectors, task, e);
        const double kept = entry(w.trimmed, task, e);
        cell.value = tau;
        cell.text = format(tau);
        if (step != TiesStep::TaskVectors && kept == 0.0) {
            cell.look = Look::Trimmed;
            cell.value = step == TiesStep::Trim ? tau : 0.0;  // shown before zeroing, then as the zero it became
            if (step != TiesStep::Trim) cell.text = QStringLiteral("0");
        } else if (step >= TiesStep::ElectSign && !agrees(kept, w.electedSign.value(e))) {
            cell.look = Look::Disagrees;
            ++crossed;
        }
        row.cells << cell;
    }
    if (step == TiesStep::Trim) row.note = QStringLiteral("%1 of %2 kept").arg(tiesKeptCount(w, task)).arg(n);
    if (step >= TiesStep::ElectSign) row.note = crossed ? QStringLiteral("%1 crossed out").arg(crossed) : QString();
    return row;
}

TiesGridRow summaryRow(const QString& label, const QString& note) {
    TiesGridRow row;
    row.kind = TiesGridRow::Kind::Summary;
    row.label = label;
    row.note = note;
    return row;
}

}  // namespace

const TiesGridRow* TiesGrid::row(const QString& label) const {
    for (const auto& r : rows)
        if (r.label == label) return &r;
    return nullptr;
}

QString tiesSumRowLabel() { return QStringLiteral("Σ trimmed"); }
QString tiesSignRowLabel() { return QStringLiteral("elected sign γ"); }
QString tiesMergedRowLabel() { return QStringLiteral("merged τm"); }

int tiesKeptCount(const TiesWalkthrough& w, int task) {
    if (task < 0 || task >= w.trimmed.size()) return 0;
    return int(std::count_if(w.trimmed[task].begin(), w.trimmed[task].end(), [](double v) { return v != 0.0; }));
}

int tiesDisagreeingCount(const TiesWalkthrough& w) {
    int count = 0;
    for (const auto& row : w.trimmed)
        for (int e = 0; e < row.size(); ++e)
            if (row[e] != 0.0 && !agrees(row[e], w.electedSign.value(e))) ++count;
    return count;
}

TiesGrid tiesGridForStep(const TiesWalkthrough& w, TiesStep step) {
    TiesGrid grid;
    grid.step = step;
    const int n = entryCount(w);
    if (n == 0) return grid;
    for (int e = 0; e < n; ++e) grid.columns << QString::number(e + 1);

    double maxAbs = 0.0;
    for (const auto& v : w.vectors)
        for (double x : v) maxAbs = std::max(maxAbs, std::abs(x));
    grid.colourScale = maxAbs > 0.0 ? maxAbs : 1.0;
    grid.displayExponent = displayExponentFor(maxAbs);
    if (grid.displayExponent != 0)
        grid.unitNote = QStringLiteral("numbers are τ × 10%1").arg(superscriptInteger(-grid.displayExponent));
    const Formatter format{std::pow(10.0, -grid.displayExponent)};

    for (int t = 0; t < w.vectors.size(); ++t) grid.rows << taskRow(w, t, step, n, format);
    if (step < TiesStep::ElectSign) return grid;

    TiesGridRow sum = summaryRow(tiesSumRowLabel(), QString());
    TiesGridRow sign = summaryRow(tiesSignRowLabel(), QString());
    for (int e = 0; e < n; ++e) {
        double total = 0.0;
        for (int t = 0; t < w.trimmed.size(); ++t) total += entry(w.trimmed, t, e);
        sum.cells << TiesGridCell{Look::Sum, total, format(total)};
        const double elected = w.electedSign.value(e);
        const QString symbol = elected > 0 ? QStringLiteral("+") : (elected < 0 ? QStringLiteral("−") : QStringLiteral("0"));
        sign.cells << TiesGridCell{Look::Sign, elected, symbol};
    }
    if (step == TiesStep::ElectSign) grid.rows << sum;
    grid.rows << sign;
    if (step == TiesStep::DisjointMerge) {
        TiesGridRow merged = summaryRow(tiesMergedRowLabel(), QStringLiteral("× λ = %1, added to θ₀").arg(w.lambda));
        for (int e = 0; e < n; ++e) {
            const double m = w.merged.value(e);
            merged.cells << TiesGridCell{Look::Merged, m, m == 0.0 ? QStringLiteral("0") : format(m)};
        }
        grid.rows << merged;
    }
    return grid;
}

CsvTable tiesWalkthroughCsv(const TiesWalkthrough& w) {
    CsvTable table;
    const int n = entryCount(w);
    table.header << QStringLiteral("quantity") << QStringLiteral("task");
    for (int e = 0; e < n; ++e) table.header << QStringLiteral("e%1").arg(e + 1);
    auto numbers = [n](const QVector<double>& values) {
        QStringList out;
        for (int e = 0; e < n; ++e) out << QString::number(values.value(e), 'g', 9);
        return out;
    };
    for (int t = 0; t < w.vectors.size(); ++t)
        table.rows << (QStringList{QStringLiteral("task_vector"), w.tasks.value(t)} + numbers(w.vectors[t]));
    for (int t = 0; t < w.trimmed.size(); ++t)
        table.rows << (QStringList{QStringLiteral("trimmed"), w.tasks.value(t)} + numbers(w.trimmed[t]));
    table.rows << (QStringList{QStringLiteral("elected_sign"), QString()} + numbers(w.electedSign));
    table.rows << (QStringList{QStringLiteral("merged"), QString()} + numbers(w.merged));
    return table;
}

}  // namespace ms::ui
