#include "ui/results/task_drop_table.h"

#include <cmath>
#include <limits>

#include <QObject>

namespace ms::ui {

const QStringList& comparedMethodIds() {
    static const QStringList ids{QStringLiteral("average"), QStringLiteral("task_arithmetic"), QStringLiteral("ties"),
                                 QStringLiteral("adamerging"), QStringLiteral("wemoe")};
    return ids;
}

TaskDropTable computeTaskDrops(const QVector<MethodAccuracy>& rows, const QVector<TaskInfo>& tasks) {
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    TaskDropTable table;
    for (const TaskInfo& task : tasks) table.tasks << (task.displayName.isEmpty() ? task.name : task.displayName);
    table.tasks << QObject::tr("Average");

    auto latest = [&rows](const QString& methodId) -> const MethodAccuracy* {
        for (auto it = rows.crbegin(); it != rows.crend(); ++it)
            if (it->methodId == methodId) return &*it;
        return nullptr;
    };
    const MethodAccuracy* individual = latest(QStringLiteral("individual"));
    table.hasIndividual = individual != nullptr;

    for (const QString& methodId : comparedMethodIds()) {
        const MethodAccuracy* row = latest(methodId);
        if (!row) {
            // Simple averaging is optional in this figure; the others are what it is about.
            if (methodId != QLatin1String("average")) table.missing << methodId;
            continue;
        }
        if (!individual) continue;
        QVector<double> drops;
        double sum = 0.0;
        int count = 0;
        for (const TaskInfo& task : tasks) {
            const double d = (row->on(task.name) - individual->on(task.name)) * 100.0;
            drops << d;
            if (!std::isnan(d)) sum += d, ++count;
        }
        drops << (count ? sum / count : kNaN);
        table.methodIds << methodId;
        table.labels << (row->label.isEmpty() ? row->id : row->label);
        table.captions << row->caption;
        table.drop << drops;
    }
    return table;
}

}  // namespace ms::ui
