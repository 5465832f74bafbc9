#include "ui/results/accuracy_table_export.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/results/accuracy_table_model.h"

namespace ms::ui {

namespace {

QString oneDecimal(double v, const QString& missing) {
    return std::isnan(v) ? missing : QString::number(v, 'f', 1);
}

QString methodHeader(const AccuracyTableModel& model) {
    return model.isNormalised() ? QObject::tr("Method (normalised %)") : QObject::tr("Method");
}

QString rowLabel(const AccuracyTableModel& model, int row) {
    return model.headerData(row, Qt::Vertical, Qt::DisplayRole).toString();
}

QString escapeLatex(const QString& text) {
    QString out;
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '\\': out += QStringLiteral("\\textbackslash{}"); break;
        case '~': out += QStringLiteral("\\textasciitilde{}"); break;
        case '^': out += QStringLiteral("\\textasciicircum{}"); break;
        case '&': case '%': case '$': case '#': case '_': case '{': case '}':
            out += QLatin1Char('\\') + c;
            break;
        default: out += c;
        }
    }
    return out;
}

QString escapeMarkdown(QString text) { return text.replace(QLatin1Char('|'), QStringLiteral("\\|")); }

}  // namespace

CsvTable accuracyTableData(const AccuracyTableModel& model) {
    CsvTable table;
    table.header << methodHeader(model);
    for (int c = 0; c < model.columnCount(); ++c) table.header << model.columnTitle(c);
    for (int r = 0; r < model.rowCount(); ++r) {
        QStringList fields{rowLabel(model, r)};
        for (int c = 0; c < model.columnCount(); ++c) fields << oneDecimal(model.value(r, c), {});
        table.rows << fields;
    }
    return table;
}

QString toCsv(const AccuracyTableModel& model) { return accuracyTableData(model).toCsv(); }

QString toMarkdown(const AccuracyTableModel& model) {
    QStringList header{escapeMarkdown(methodHeader(model))}, rule{QStringLiteral("---")};
    for (int c = 0; c < model.columnCount(); ++c) {
        header << escapeMarkdown(model.columnTitle(c));
        rule << QStringLiteral("---:");
    }
    auto line = [](const QStringList& cells) { return QStringLiteral("| ") + cells.join(QStringLiteral(" | ")) + QStringLiteral(" |\n"); };
    QString text = line(header) + QLatin1Char('|') + rule.join(QLatin1Char('|')) + QStringLiteral("|\n");
    for (int r = 0; r < model.rowCount(); ++r) {
        QStringList cells{escapeMarkdown(rowLabel(model, r))};
        for (int c = 0; c < model.columnCount(); ++c) cells << oneDecimal(model.value(r, c), QStringLiteral("—"));
        text += line(cells);
    }
    return text;
}

QString toLatex(const AccuracyTableModel& model) {
    const int columns = model.columnCount();
    // Best per column among merged rows, compared as printed so that ties are all bold.
    QVector<double> best(columns, std::nan(""));
    for (int r = 0; r < model.rowCount(); ++r) {
        if (model.rowAt(r).baseline) continue;
        for (int c = 0; c < columns; ++c) {
            const double v = model.value(r, c);
            if (std::isnan(v)) continue;
            const double printed = oneDecimal(v, {}).toDouble();
            if (std::isnan(best[c]) || printed > best[c]) best[c] = printed;
        }
    }
    QStringList header{escapeLatex(methodHeader(model))};
    for (int c = 0; c < columns; ++c) header << escapeLatex(model.columnTitle(c));
    QString text = QStringLiteral("\\begin{tabular}{l%1}\n\\toprule\n").arg(QString(columns, QLatin1Char('r')));
    text += header.join(QStringLiteral(" & ")) + QStringLiteral(" \\\\\n\\midrule\n");
    bool previousWasBaseline = false;
    for (int r = 0; r < model.rowCount(); ++r) {
        const bool baseline = model.rowAt(r).baseline;
        if (previousWasBaseline && !baseline) text += QStringLiteral("\\midrule\n");  // baselines apart
        previousWasBaseline = baseline;
        QStringList cells{escapeLatex(rowLabel(model, r))};
        for (int c = 0; c < columns; ++c) {
            const QString printed = oneDecimal(model.value(r, c), QStringLiteral("--"));
            const bool bold = !baseline && !std::isnan(model.value(r, c)) && printed.toDouble() == best[c];
            cells << (bold ? QStringLiteral("\\textbf{%1}").arg(printed) : printed);
        }
        text += cells.join(QStringLiteral(" & ")) + QStringLiteral(" \\\\\n");
    }
    return text + QStringLiteral("\\bottomrule\n\\end{tabular}\n");
}

QString toTsv(const AccuracyTableModel& model, const QModelIndexList& selection) {
    auto cell = [&](int r, int c) { return oneDecimal(model.value(r, c), {}); };
    if (selection.size() == 1) return cell(selection.first().row(), selection.first().column()) + QLatin1Char('\n');
    int top = 0, bottom = model.rowCount() - 1, left = 0, right = model.columnCount() - 1;
    if (!selection.isEmpty()) {
        top = left = std::numeric_limits<int>::max();
        bottom = right = -1;
        for (const auto& idx : selection) {
            top = std::min(top, idx.row()), bottom = std::max(bottom, idx.row());
            left = std::min(left, idx.column()), right = std::max(right, idx.column());
        }
    }
    auto selected = [&](int r, int c) {
        return selection.isEmpty() ||
               std::any_of(selection.begin(), selection.end(),
                           [&](const QModelIndex& idx) { return idx.row() == r && idx.column() == c; });
    };
    QStringList header{methodHeader(model)};
    for (int c = left; c <= right; ++c) header << model.columnTitle(c);
    QStringList lines{header.join(QLatin1Char('\t'))};
    for (int r = top; r <= bottom; ++r) {
        QStringList fields{rowLabel(model, r)};
        bool any = false;
        for (int c = left; c <= right; ++c) {
            const bool on = selected(r, c);
            any = any || on;
            fields << (on ? cell(r, c) : QString());
        }
        if (any) lines << fields.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

}  // namespace ms::ui
