#pragma once
// Colours and task lookups shared by the routing views. STYLE.md asks for a diverging map for
// signed values such as routing weights, viridis for magnitudes, and fixed task colours in a fixed
// order everywhere; this file is the one place those choices live for ui/routing/.
#include <QColor>
#include <QString>
#include <QVector>

#include "ui/base/lab_data.h"

class QCPColorGradient;

namespace ms::ui::routing {

// Blue (below the centre) – white (at the centre) – red (above), ColorBrewer RdBu: colour-blind
// safe, and white marks "no preference" whichever centre the view chooses.
QCPColorGradient divergingGradient();

// Viridis, for fractions and other magnitudes from 0 up.
QCPColorGradient sequentialGradient();

// Black or white, whichever reads better on `background` (cell annotations).
QColor textColorOn(const QColor& background);

// A task colour that still reads as text on a white plot: very light task colours (yellow,
// pale green) are darkened, the hue kept.
QColor readableOnWhite(const QColor& color);

// The TaskInfo of each merged task `names` (a trace's or summary's columns), in that order.
// Tasks missing from the pool get their name as display name and an Okabe-Ito fallback colour,
// so a trace from another pool still draws.
QVector<TaskInfo> tasksByName(const QStringList& names, const QVector<TaskInfo>& pool);

// A weight for a cell: fixed decimals, never "-0.00"; with `showSign`, "+0.12" for increases.
QString formatWeight(double value, int decimals, bool showSign = false);

// "1.2 ms", "340 ms", "2.4 s": compute times, shown subtly.
QString formatMilliseconds(double milliseconds);

}  // namespace ms::ui::routing
