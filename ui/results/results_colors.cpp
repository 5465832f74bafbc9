#include "ui/results/results_colors.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "ui/base/colors.h"

namespace ms::ui {

QColor methodColor(const QString& methodId, int occurrence) {
    QColor base;
    if (methodId == QLatin1String("pretrained")) base = QColor(0xB0, 0xB0, 0xB0);
    else if (methodId == QLatin1String("individual")) base = QColor(0x55, 0x55, 0x55);
    else if (methodId == QLatin1String("average")) base = QColor(0x33, 0xBB, 0xEE);
    else if (methodId == QLatin1String("task_arithmetic")) base = QColor(0xEE, 0x77, 0x33);
    else if (methodId == QLatin1String("ties")) base = QColor(0x00, 0x99, 0x88);
    else if (methodId == QLatin1String("adamerging")) base = QColor(0x00, 0x77, 0xBB);
    else if (methodId == QLatin1String("wemoe")) base = QColor(0xCC, 0x33, 0x11);
    else {
        // Unknown methods (new registry entries) still get stable colours, from their id.
        static const std::array<QColor, 3> others{QColor(0xEE, 0x33, 0x77), QColor(0x88, 0x66, 0xAA),
                                                  QColor(0x99, 0x99, 0x33)};
        base = others[qHash(methodId) % others.size()];
    }
    if (occurrence <= 0) return base;
    // Alternate darker and lighter shades, each step further from the base.
    const int step = (occurrence + 1) / 2;
    return occurrence % 2 ? base.darker(100 + 25 * step) : base.lighter(100 + 25 * step);
}

QColor differenceColor(double points, double saturation) {
    if (std::isnan(points)) return {};
    static const QColor white(255, 255, 255);
    static const QColor drop(215, 48, 39);   // ColorBrewer RdYlGn ends
    static const QColor gain(26, 152, 80);
    const double t = std::clamp(std::abs(points) / saturation, 0.0, 1.0);
    return mixColors(white, points < 0 ? drop : gain, t);
}

}  // namespace ms::ui
