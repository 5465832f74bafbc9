#pragma once
// Small number-to-text helpers for teaching views: numbers a class can read from the back row.
#include <QString>

namespace ms::ui {

// −12 → "⁻¹²", 3 → "³".
QString superscriptInteger(int value);

// A number for a slide: a true minus sign, and powers of ten for small magnitudes
// (1e-4 → "10⁻⁴", 2.5e-5 → "2.5 × 10⁻⁵"); otherwise up to six significant digits.
QString readableNumber(double value);

// `value` with `decimals` decimals and a true minus sign ("−0.25"); never "−0.00".
QString fixedNumber(double value, int decimals);

}  // namespace ms::ui
