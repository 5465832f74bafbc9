#include "ui/results/figure_card.h"

#include <QDoubleSpinBox>
#include <QLabel>
#include <QVBoxLayout>

#include "ui/base/qcustomplot_include.h"

namespace ms::ui {

FigureCard::FigureCard(const QString& title, const QString& whatItShows, const QString& baseName, QWidget* parent)
    : FigurePanel(baseName, parent) {
    setFrameShape(QFrame::StyledPanel);
    auto* subtitle = subtitle_ = new QLabel(this);
    subtitle->setWordWrap(true);
    setHeading(title, whatItShows);
    // Between the text and the background: quieter than the title, still readable (light or dark theme).
    QPalette muted = subtitle->palette();
    const QColor text = muted.color(QPalette::WindowText), window = muted.color(QPalette::Window);
    muted.setColor(QPalette::WindowText, QColor((text.red() * 2 + window.red()) / 3, (text.green() * 2 + window.green()) / 3,
                                                (text.blue() * 2 + window.blue()) / 3));
    subtitle->setPalette(muted);
    QFont small = subtitle->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    subtitle->setFont(small);

    plot()->setMinimumSize(260, 180);
    plot()->installEventFilter(this);
    messageLabel()->setMargin(24);

    panelLayout()->setContentsMargins(8, 6, 8, 8);
    panelLayout()->setSpacing(4);
    panelLayout()->insertWidget(1, subtitle);  // between the header and the plot
}

void FigureCard::setHeading(const QString& title, const QString& whatItShows) {
    setTitle(QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped()));
    setCaption(title);
    titleLabel()->setToolTip(whatItShows);
    subtitle_->setText(whatItShows);
    subtitle_->setToolTip(whatItShows);
}

QString FigureCard::whatItShows() const { return subtitle_->text(); }

void FigureCard::styleAxes() {
    for (QCPAxis* axis : {plot()->xAxis, plot()->yAxis}) {
        axis->grid()->setSubGridVisible(false);
        axis->grid()->setPen(QPen(QColor(225, 225, 225), 1, Qt::DotLine));
        axis->grid()->setZeroLinePen(QPen(QColor(120, 120, 120), 1));
    }
    plot()->xAxis->grid()->setVisible(false);
}

void FigureCard::placeLegendBelow(int columns) {
    QCPLegend* legend = plot()->legend;
    legend->setVisible(true);
    if (plot()->plotLayout()->rowCount() < 2 || plot()->plotLayout()->element(1, 0) != legend) {
        plot()->axisRect()->insetLayout()->take(legend);
        plot()->axisRect()->insetLayout()->simplify();
        plot()->plotLayout()->addElement(1, 0, legend);
        plot()->plotLayout()->setRowStretchFactor(1, 0.001);
        legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
        legend->setBorderPen(Qt::NoPen);
        legend->setMargins(QMargins(4, 0, 4, 2));
        legend->setIconSize(14, 10);
    }
    legendColumns_ = std::max(1, columns);
    applyWidthDependentLayout();
}

void FigureCard::fitTickLabels(const QStringList& labels, int reservedPixels) {
    tickLabels_ = labels;
    tickReserved_ = reservedPixels;
    applyWidthDependentLayout();
}

bool FigureCard::eventFilter(QObject* watched, QEvent* event) {
    // Before QCustomPlot's own resize handling replots, so the replot uses the new layout.
    if (watched == plot() && event->type() == QEvent::Resize) applyWidthDependentLayout();
    return FigurePanel::eventFilter(watched, event);
}

void FigureCard::applyWidthDependentLayout() {
    const int width = plot()->width();
    if (legendColumns_ > 0) {
        const QFontMetrics metrics(plot()->legend->font());
        int widest = 0, items = 0;
        for (int i = 0; i < plot()->legend->itemCount(); ++i) {
            if (auto* item = qobject_cast<QCPPlottableLegendItem*>(plot()->legend->item(i))) {
                widest = std::max(widest, metrics.horizontalAdvance(item->plottable()->name()));
                ++items;
            }
        }
        // Icon, its padding and the item's margins around the text.
        const int itemWidth = widest + plot()->legend->iconSize().width() + plot()->legend->iconTextPadding() + 24;
        const int fit = std::max(1, (width - 16) / std::max(1, itemWidth));
        const int columns = std::max(1, std::min({legendColumns_, fit, std::max(1, items)}));
        if (columns != plot()->legend->wrap() || plot()->legend->columnCount() > columns) {
            plot()->legend->setWrap(columns);
            plot()->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);  // re-flow the existing items
        }
    }
    if (!tickLabels_.isEmpty()) {
        const QFontMetrics metrics(plot()->xAxis->tickLabelFont());
        int widest = 0;
        for (const QString& label : tickLabels_) widest = std::max(widest, metrics.horizontalAdvance(label));
        const double slot = std::max(1, width - tickReserved_) / double(tickLabels_.size());
        plot()->xAxis->setTickLabelRotation(widest + 8 > slot ? -35 : 0);
    }
}

QDoubleSpinBox* newLambdaSpin(QWidget* parent, const QString& toolTip, QLabel** label) {
    *label = new QLabel(FigureCard::tr("at λ"), parent);
    auto* spin = new QDoubleSpinBox(parent);
    spin->setRange(-1.0, 2.0);
    spin->setSingleStep(0.05);
    spin->setDecimals(2);
    spin->setValue(0.3);
    spin->setToolTip(toolTip);
    (*label)->setBuddy(spin);
    return spin;
}

}  // namespace ms::ui
