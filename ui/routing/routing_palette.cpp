#include "ui/routing/routing_palette.h"

#include <algorithm>

#include <QObject>

#include "ui/base/colors.h"

namespace ms::ui::routing {

namespace {

// Okabe-Ito, for tasks the pool does not know.
const QColor kFallbackTaskColors[] = {QColor(0xE6, 0x9F, 0x00), QColor(0x56, 0xB4, 0xE9), QColor(0x00, 0x9E, 0x73),
                                      QColor(0xF0, 0xE4, 0x42), QColor(0x00, 0x72, 0xB2), QColor(0xD5, 0x5E, 0x00),
                                      QColor(0xCC, 0x79, 0xA7), QColor(0x00, 0x00, 0x00)};

}  // namespace

QColor readableOnWhite(const QColor& color) {
    QColor c = color.isValid() ? color : QColor(Qt::black);
    // Darken until the contrast against white is at least 3:1 (large-text level).
    for (int i = 0; i < 10 && contrastRatio(c, Qt::white) < 3.0; ++i) c = c.darker(115);
    return c;
}

QVector<TaskInfo> tasksByName(const QStringList& names, const QVector<TaskInfo>& pool) {
    QVector<TaskInfo> tasks;
    tasks.reserve(names.size());
    for (int i = 0; i < names.size(); ++i) {
        const auto found = std::find_if(pool.begin(), pool.end(), [&](const TaskInfo& t) { return t.name == names[i]; });
        if (found != pool.end()) {
            TaskInfo task = *found;
            if (task.displayName.isEmpty()) task.displayName = task.name;
            if (!task.color.isValid()) task.color = kFallbackTaskColors[i % 8];
            tasks << task;
        } else {
            TaskInfo task;
            task.name = names[i];
            task.displayName = names[i];
            task.color = kFallbackTaskColors[i % 8];
            tasks << task;
        }
    }
    return tasks;
}

CsvTable weightTable(const RoutingTrace& trace, const QVector<TaskInfo>& columns) {
    CsvTable table;
    table.header << QObject::tr("layer");
    for (const auto& task : columns) table.header << task.displayName;
    for (int l = 0; l < trace.layers; ++l) {
        QStringList row{QString::number(l)};
        for (int t = 0; t < columns.size(); ++t) row << QString::number(trace.weight(l, t), 'g', 8);
        table.rows << row;
    }
    return table;
}

QString formatWeight(double value, int decimals, bool showSign) {
    QString text = QString::number(value, 'f', decimals);
    const QString negativeZero = QStringLiteral("-0.") + QString(decimals, QLatin1Char('0'));
    if (text == negativeZero || (decimals == 0 && text == QLatin1String("-0"))) text.remove(0, 1);
    const bool zero = text.toDouble() == 0.0;
    return showSign && value > 0 && !zero ? QLatin1Char('+') + text : text;
}

QString formatMilliseconds(double milliseconds) {
    if (!(milliseconds > 0)) return {};
    if (milliseconds < 100) return QObject::tr("%1 ms").arg(milliseconds, 0, 'f', 1);
    if (milliseconds < 1000) return QObject::tr("%1 ms").arg(qRound(milliseconds));
    return QObject::tr("%1 s").arg(milliseconds / 1000.0, 0, 'f', 1);
}

}  // namespace ms::ui::routing
