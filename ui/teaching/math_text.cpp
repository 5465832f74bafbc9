#include "ui/teaching/math_text.h"

#include <cmath>

#include <QRegularExpression>

namespace ms::ui {

QString superscriptInteger(int value) {
    static const QString digits = QStringLiteral("⁰¹²³⁴⁵⁶⁷⁸⁹");
    QString out = value < 0 ? QStringLiteral("⁻") : QString();
    for (const QChar d : QString::number(std::abs(value))) out += digits.at(d.digitValue());
    return out;
}

QString readableNumber(double value) {
    if (value != 0.0 && std::abs(value) < 1e-3) {
        const int exponent = int(std::floor(std::log10(std::abs(value)) + 1e-9));
        const double mantissa = value / std::pow(10.0, exponent);
        const QString power = QStringLiteral("10") + superscriptInteger(exponent);
        if (std::abs(mantissa - 1.0) < 1e-9) return power;
        return QStringLiteral("%1 × %2").arg(fixedNumber(mantissa, 2).remove(QRegularExpression("\\.?0+$")), power);
    }
    QString text = QString::number(value, 'g', 6);
    if (text.startsWith(QLatin1Char('-'))) text.replace(0, 1, QStringLiteral("−"));
    return text;
}

QString fixedNumber(double value, int decimals) {
    QString text = QString::number(value, 'f', decimals);
    if (text.startsWith(QLatin1Char('-'))) {
        // "−0.00" would suggest a sign the number does not have at this precision.
        bool allZero = true;
        for (const QChar c : text.mid(1))
            if (c.isDigit() && c != QLatin1Char('0')) allZero = false;
        text = allZero ? text.mid(1) : QStringLiteral("−") + text.mid(1);
    }
    return text;
}

}  // namespace ms::ui
