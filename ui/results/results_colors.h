#pragma once
// Colours shared by the accuracy table and the interference figures. Methods get fixed colours
// (Paul Tol's "vibrant" set, colour-blind safe) so a method looks the same in every chart; task
// colours come from TaskInfo (Okabe–Ito, set by the pool) and are not redefined here; viridis and
// readable text colours are shared with the other views (ui/base/colors.h).
#include <QColor>
#include <QString>

namespace ms::ui {

// The fixed colour of a merge method by its registry id ("task_arithmetic", "wemoe", …).
// `occurrence` tells apart several results of one method (wemoe-1, wemoe-2): each repeat is a
// lighter or darker shade of the method's colour, so the family stays recognisable.
QColor methodColor(const QString& methodId, int occurrence = 0);

// Background for a difference in accuracy points: red for drops, green for gains, white near 0,
// saturating at `saturation` points. Invalid colour for NaN (no difference to show).
QColor differenceColor(double points, double saturation = 30.0);

}  // namespace ms::ui
