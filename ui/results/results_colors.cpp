#include "ui/results/results_colors.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace ms::ui {

namespace {

// sRGB channel to linear light, for the luminance formula.
double linear(int channel) {
    const double c = channel / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

QColor mix(const QColor& a, const QColor& b, double t) {
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

}  // namespace

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
    return mix(white, points < 0 ? drop : gain, t);
}

QColor readableTextColor(const QColor& background) {
    if (!background.isValid()) return QColor(Qt::black);
    const double luminance = 0.2126 * linear(background.red()) + 0.7152 * linear(background.green()) +
                             0.0722 * linear(background.blue());
    // 0.179 is where black and white text have equal contrast ratios.
    return luminance > 0.179 ? QColor(Qt::black) : QColor(Qt::white);
}

QColor viridis(double t) {
    // Nine samples of matplotlib's viridis; linear interpolation between them is visually exact.
    static const std::array<QColor, 9> stops{QColor(0x44, 0x01, 0x54), QColor(0x47, 0x2c, 0x7a),
                                             QColor(0x3b, 0x51, 0x8b), QColor(0x2c, 0x71, 0x8e),
                                             QColor(0x21, 0x90, 0x8d), QColor(0x27, 0xad, 0x81),
                                             QColor(0x5c, 0xc8, 0x63), QColor(0xaa, 0xdc, 0x32),
                                             QColor(0xfd, 0xe7, 0x25)};
    if (std::isnan(t)) return QColor(Qt::lightGray);
    const double x = std::clamp(t, 0.0, 1.0) * (stops.size() - 1);
    const int i = std::min(int(x), int(stops.size()) - 2);
    return mix(stops[size_t(i)], stops[size_t(i) + 1], x - i);
}

}  // namespace ms::ui
