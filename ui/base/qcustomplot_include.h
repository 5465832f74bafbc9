#pragma once
// <qcustomplot.h> under QT_NO_KEYWORDS. The whole project builds with QT_NO_KEYWORDS because
// Qt's `slots` macro breaks LibTorch's headers (TOOLCHAIN.md), but qcustomplot.h itself writes
// `signals:`, `slots:`, `emit` and `foreach`. Include QCustomPlot through this header only.
#ifdef QT_NO_KEYWORDS
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit Q_EMIT
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef slots
#undef emit
#undef foreach
#else
#include <qcustomplot.h>
#endif
