#include "ui/routing/figure_frame.h"

#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

#include "ui/base/qcustomplot_include.h"

namespace ms::ui {

FigureFrame::FigureFrame(const QString& baseName, QWidget* parent) : FigurePanel(baseName, parent) {
    panelLayout()->setContentsMargins(0, 0, 0, 0);
    panelLayout()->setSpacing(2);
    exportButton()->setAutoRaise(true);
    plot()->setMinimumSize(200, 160);
    // Until a layout sizes it (a figure in a tab not shown yet), the plot lays out its cells at a
    // top-level widget's default size rather than a child's 100×30, so annotations and labels
    // are judged at a plausible size. A hidden widget gets no resize event: set the viewport too.
    plot()->resize(640, 480);
    plot()->setViewport(plot()->rect());
    messageLabel()->setStyleSheet(QStringLiteral("color: palette(mid); font-style: italic;"));
}

}  // namespace ms::ui
