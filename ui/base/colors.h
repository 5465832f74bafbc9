#pragma once
// The colour rules every view shares (STYLE.md): viridis for magnitudes, the ColorBrewer RdBu
// diverging scale for signed values, and black-or-white text chosen by WCAG contrast. One place,
// so the routing, results and teaching views agree on them. Module-specific colours (method
// colours, accuracy differences, task fallbacks) stay with their module and build on these.
#include <QColor>

class QCPColorGradient;

namespace ms::ui {

// The viridis colour map (perceptually uniform, sequential) at t in [0, 1]: matplotlib's nine
// samples, linear in between. t is clamped; NaN gives light grey.
QColor viridis(double t);

// The diverging blue – white – red scale (ColorBrewer RdBu, colour-blind safe) at t in [-1, 1]:
// -1 is the blue end, 0 the (near-)white centre, +1 the red end. t is clamped; NaN gives grey.
QColor diverging(double t);
QColor divergingBlue();  // the blue end, #2166AC
QColor divergingRed();   // the red end, #B2182B

// The same scales as QCustomPlot gradients (RGB interpolation, an odd level count so the centre
// level is exactly the middle colour, grey for NaN cells).
QCPColorGradient viridisGradient();
QCPColorGradient divergingGradient();  // 0: blue, 0.5: centre, 1: red

// The colour a fraction `t` of the way from `a` to `b` (t in [0, 1]).
QColor mixColors(const QColor& a, const QColor& b, double t);

// WCAG relative luminance (0 black … 1 white) and the contrast ratio of two colours (1 … 21).
double relativeLuminance(const QColor& color);
double contrastRatio(const QColor& a, const QColor& b);

// Black or white, whichever has the higher contrast on `background` (cell annotations, table
// text); black on an invalid colour.
QColor readableTextColor(const QColor& background);

}  // namespace ms::ui
