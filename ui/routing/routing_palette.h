#pragma once
// Colours, task lookups, number formats and the weights CSV of the routing views. The colour scales themselves
// (viridis, the RdBu diverging map, readable text colours) are shared by every view and live in
// ui/base/colors.h; this file holds what only ui/routing/ needs: fixed task colours in a fixed
// order, with fallbacks for tasks the pool does not know.
#include <QColor>
#include <QString>
#include <QVector>

#include "ui/base/figure_export.h"
#include "ui/base/lab_data.h"

namespace ms::ui::routing {

// A task colour that still reads as text on a white plot: very light task colours (yellow,
// pale green) are darkened, the hue kept.
QColor readableOnWhite(const QColor& color);

// The TaskInfo of each merged task `names` (a trace's or summary's columns), in that order.
// Tasks missing from the pool get their name as display name and an Okabe-Ito fallback colour,
// so a trace from another pool still draws.
QVector<TaskInfo> tasksByName(const QStringList& names, const QVector<TaskInfo>& pool);

// A trace's weights as a CSV table: one row per layer, one column per task vector (`columns`,
// the trace's tasks as tasksByName() found them), full precision.
CsvTable weightTable(const RoutingTrace& trace, const QVector<TaskInfo>& columns);

// A weight for a cell: fixed decimals, never "-0.00"; with `showSign`, "+0.12" for increases.
QString formatWeight(double value, int decimals, bool showSign = false);

// "1.2 ms", "340 ms", "2.4 s": compute times, shown subtly.
QString formatMilliseconds(double milliseconds);

}  // namespace ms::ui::routing
