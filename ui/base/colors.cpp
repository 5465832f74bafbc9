#include "ui/base/colors.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "ui/base/qcustomplot_include.h"

namespace ms::ui {

namespace {

// matplotlib's viridis at 0, 1/8, …, 1; linear interpolation between them is visually exact.
const std::array<QColor, 9>& viridisStops() {
    static const std::array<QColor, 9> stops{QColor(0x44, 0x01, 0x54), QColor(0x47, 0x2D, 0x7B), QColor(0x3B, 0x52, 0x8B),
                                             QColor(0x2C, 0x72, 0x8E), QColor(0x21, 0x91, 0x8C), QColor(0x28, 0xAE, 0x80),
                                             QColor(0x5E, 0xC9, 0x62), QColor(0xAD, 0xDC, 0x30), QColor(0xFD, 0xE7, 0x25)};
    return stops;
}

// ColorBrewer RdBu, positioned on [0, 1]: blue end, centre at 0.5, red end.
struct Stop {
    double at;
    QColor color;
};
const std::array<Stop, 7>& divergingStops() {
    static const std::array<Stop, 7> stops{Stop{0.0, QColor(0x21, 0x66, 0xAC)}, Stop{0.2, QColor(0x43, 0x93, 0xC3)},
                                           Stop{0.4, QColor(0xD1, 0xE5, 0xF0)}, Stop{0.5, QColor(0xF7, 0xF7, 0xF7)},
                                           Stop{0.6, QColor(0xFD, 0xDB, 0xC7)}, Stop{0.8, QColor(0xD6, 0x60, 0x4D)},
                                           Stop{1.0, QColor(0xB2, 0x18, 0x2B)}};
    return stops;
}

const QColor kNanColor(0xBD, 0xBD, 0xBD);

QCPColorGradient gradientFrom(const QVector<QPair<double, QColor>>& stops) {
    QCPColorGradient gradient;
    gradient.clearColorStops();
    for (const auto& [at, color] : stops) gradient.setColorStopAt(at, color);
    gradient.setColorInterpolation(QCPColorGradient::ciRGB);
    gradient.setLevelCount(511);  // odd: the centre level is exactly the middle colour
    gradient.setNanHandling(QCPColorGradient::nhNanColor);
    gradient.setNanColor(kNanColor);
    return gradient;
}

}  // namespace

QColor mixColors(const QColor& a, const QColor& b, double t) {
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t), float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

QColor viridis(double t) {
    if (std::isnan(t)) return QColor(Qt::lightGray);
    const auto& stops = viridisStops();
    const double x = std::clamp(t, 0.0, 1.0) * (stops.size() - 1);
    const int i = std::min(int(x), int(stops.size()) - 2);
    return mixColors(stops[size_t(i)], stops[size_t(i) + 1], x - i);
}

QColor diverging(double t) {
    if (std::isnan(t)) return kNanColor;
    const auto& stops = divergingStops();
    const double x = (std::clamp(t, -1.0, 1.0) + 1.0) / 2.0;
    for (size_t i = 1; i < stops.size(); ++i)
        if (x <= stops[i].at)
            return mixColors(stops[i - 1].color, stops[i].color, (x - stops[i - 1].at) / (stops[i].at - stops[i - 1].at));
    return stops.back().color;
}

QColor divergingBlue() { return divergingStops().front().color; }
QColor divergingRed() { return divergingStops().back().color; }

QCPColorGradient viridisGradient() {
    QVector<QPair<double, QColor>> stops;
    const auto& colors = viridisStops();
    for (size_t i = 0; i < colors.size(); ++i) stops.append({double(i) / (colors.size() - 1), colors[i]});
    return gradientFrom(stops);
}

QCPColorGradient divergingGradient() {
    QVector<QPair<double, QColor>> stops;
    for (const Stop& stop : divergingStops()) stops.append({stop.at, stop.color});
    return gradientFrom(stops);
}

double relativeLuminance(const QColor& color) {
    auto channel = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF());
}

double contrastRatio(const QColor& a, const QColor& b) {
    const double la = relativeLuminance(a), lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor readableTextColor(const QColor& background) {
    if (!background.isValid()) return QColor(Qt::black);
    // Equal contrast with black and white at a luminance of about 0.179; ties go to black.
    const double l = relativeLuminance(background);
    return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? QColor(Qt::black) : QColor(Qt::white);
}

}  // namespace ms::ui
