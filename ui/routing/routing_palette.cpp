#include "ui/routing/routing_palette.h"

#include <cmath>

#include "ui/base/qcustomplot_include.h"

namespace ms::ui::routing {

namespace {

// Okabe-Ito, for tasks the pool does not know.
const QColor kFallbackTaskColors[] = {QColor(0xE6, 0x9F, 0x00), QColor(0x56, 0xB4, 0xE9), QColor(0x00, 0x9E, 0x73),
                                      QColor(0xF0, 0xE4, 0x42), QColor(0x00, 0x72, 0xB2), QColor(0xD5, 0x5E, 0x00),
                                      QColor(0xCC, 0x79, 0xA7), QColor(0x00, 0x00, 0x00)};

double relativeLuminance(const QColor& c) {
    auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

}  // namespace

QCPColorGradient divergingGradient() {
    QCPColorGradient gradient;
    gradient.clearColorStops();
    gradient.setColorStopAt(0.0, QColor(0x21, 0x66, 0xAC));
    gradient.setColorStopAt(0.2, QColor(0x43, 0x93, 0xC3));
    gradient.setColorStopAt(0.4, QColor(0xD1, 0xE5, 0xF0));
    gradient.setColorStopAt(0.5, QColor(0xF7, 0xF7, 0xF7));
    gradient.setColorStopAt(0.6, QColor(0xFD, 0xDB, 0xC7));
    gradient.setColorStopAt(0.8, QColor(0xD6, 0x60, 0x4D));
    gradient.setColorStopAt(1.0, QColor(0xB2, 0x18, 0x2B));
    gradient.setColorInterpolation(QCPColorGradient::ciRGB);
    gradient.setLevelCount(511);  // odd: the centre level is exactly the middle colour
    gradient.setNanHandling(QCPColorGradient::nhNanColor);
    gradient.setNanColor(QColor(0xBD, 0xBD, 0xBD));
    return gradient;
}

QCPColorGradient sequentialGradient() {
    QCPColorGradient gradient;
    gradient.clearColorStops();
    // Viridis sampled at nine points; RGB interpolation between them is indistinguishable.
    const QColor stops[] = {QColor(0x44, 0x01, 0x54), QColor(0x47, 0x2D, 0x7B), QColor(0x3B, 0x52, 0x8B),
                            QColor(0x2C, 0x72, 0x8E), QColor(0x21, 0x91, 0x8C), QColor(0x28, 0xAE, 0x80),
                            QColor(0x5E, 0xC9, 0x62), QColor(0xAD, 0xDC, 0x30), QColor(0xFD, 0xE7, 0x25)};
    constexpr int count = int(sizeof(stops) / sizeof(stops[0]));
    for (int i = 0; i < count; ++i) gradient.setColorStopAt(double(i) / (count - 1), stops[i]);
    gradient.setColorInterpolation(QCPColorGradient::ciRGB);
    gradient.setLevelCount(511);  // odd: the centre level is exactly the middle colour
    gradient.setNanHandling(QCPColorGradient::nhNanColor);
    gradient.setNanColor(QColor(0xBD, 0xBD, 0xBD));
    return gradient;
}

QColor textColorOn(const QColor& background) {
    // WCAG contrast against black and white; pick the larger.
    const double l = relativeLuminance(background);
    return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? QColor(Qt::black) : QColor(Qt::white);
}

QColor readableOnWhite(const QColor& color) {
    QColor c = color.isValid() ? color : QColor(Qt::black);
    // Darken until the contrast against white is at least 3:1 (large-text level).
    for (int i = 0; i < 10 && 1.05 / (relativeLuminance(c) + 0.05) < 3.0; ++i) c = c.darker(115);
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
