#include "ui/results/figure_card.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "ui/base/qcustomplot_include.h"

namespace ms::ui {

FigureCard::FigureCard(const QString& title, const QString& whatItShows, const QString& baseName, QWidget* parent)
    : QFrame(parent), title_(title) {
    setFrameShape(QFrame::StyledPanel);

    auto* titleLabel = new QLabel(QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped()), this);
    titleLabel->setToolTip(whatItShows);
    auto* subtitle = new QLabel(whatItShows, this);
    subtitle->setWordWrap(true);
    subtitle->setToolTip(whatItShows);
    // Between the text and the background: quieter than the title, still readable (light or dark theme).
    QPalette muted = subtitle->palette();
    const QColor text = muted.color(QPalette::WindowText), window = muted.color(QPalette::Window);
    muted.setColor(QPalette::WindowText, QColor((text.red() * 2 + window.red()) / 3, (text.green() * 2 + window.green()) / 3,
                                                (text.blue() * 2 + window.blue()) / 3));
    subtitle->setPalette(muted);
    QFont small = subtitle->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    subtitle->setFont(small);

    plot_ = new QCustomPlot(this);
    plot_->setMinimumSize(260, 180);
    plot_->setToolTip({});  // hover tooltips are per data point, set by the subclasses
    plot_->installEventFilter(this);

    FigureSource source;
    source.plot = [this] { return plot_; };
    source.caption = [this] { return caption(); };
    source.data = [this] { return data(); };
    source.baseName = baseName;
    exportButton_ = new FigureExportButton(source, this);

    controlsRow_ = new QHBoxLayout;
    controlsRow_->setSpacing(6);
    auto* header = new QHBoxLayout;
    header->addWidget(titleLabel);
    header->addStretch(1);
    header->addLayout(controlsRow_);
    header->addWidget(exportButton_);

    messageLabel_ = new QLabel(this);
    messageLabel_->setAlignment(Qt::AlignCenter);
    messageLabel_->setWordWrap(true);
    messageLabel_->setMargin(24);
    messageLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);  // errors can be copied
    stack_ = new QStackedWidget(this);
    stack_->addWidget(plot_);
    stack_->addWidget(messageLabel_);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 8);
    layout->setSpacing(4);
    layout->addLayout(header);
    layout->addWidget(subtitle);
    layout->addWidget(stack_, 1);
    showEmpty(tr("Nothing to show yet."));
}

void FigureCard::showPlot() {
    state_ = State::Plot;
    stack_->setCurrentWidget(plot_);
    exportButton_->setEnabled(true);
    setControlsEnabled(true);
    Q_EMIT stateChanged(state_);
}

void FigureCard::showEmpty(const QString& text) { showMessage(State::Empty, text); }
void FigureCard::showBusy(const QString& text) { showMessage(State::Busy, text); }
void FigureCard::showError(const QString& text) { showMessage(State::Error, text); }

QString FigureCard::message() const { return state_ == State::Plot ? QString() : messageLabel_->text(); }

QString FigureCard::caption() const { return title_; }

void FigureCard::addControl(QWidget* control) {
    controls_ << control;
    controlsRow_->addWidget(control);
}

void FigureCard::setControlsEnabled(bool enabled) {
    for (auto* control : controls_) control->setEnabled(enabled);
}

void FigureCard::styleAxes() {
    for (QCPAxis* axis : {plot_->xAxis, plot_->yAxis}) {
        axis->grid()->setSubGridVisible(false);
        axis->grid()->setPen(QPen(QColor(225, 225, 225), 1, Qt::DotLine));
        axis->grid()->setZeroLinePen(QPen(QColor(120, 120, 120), 1));
    }
    plot_->xAxis->grid()->setVisible(false);
}

void FigureCard::placeLegendBelow(int columns) {
    QCPLegend* legend = plot_->legend;
    legend->setVisible(true);
    if (plot_->plotLayout()->rowCount() < 2 || plot_->plotLayout()->element(1, 0) != legend) {
        plot_->axisRect()->insetLayout()->take(legend);
        plot_->axisRect()->insetLayout()->simplify();
        plot_->plotLayout()->addElement(1, 0, legend);
        plot_->plotLayout()->setRowStretchFactor(1, 0.001);
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
    if (watched == plot_ && event->type() == QEvent::Resize) applyWidthDependentLayout();
    return QFrame::eventFilter(watched, event);
}

void FigureCard::applyWidthDependentLayout() {
    const int width = plot_->width();
    if (legendColumns_ > 0) {
        const QFontMetrics metrics(plot_->legend->font());
        int widest = 0, items = 0;
        for (int i = 0; i < plot_->legend->itemCount(); ++i) {
            if (auto* item = qobject_cast<QCPPlottableLegendItem*>(plot_->legend->item(i))) {
                widest = std::max(widest, metrics.horizontalAdvance(item->plottable()->name()));
                ++items;
            }
        }
        // Icon, its padding and the item's margins around the text.
        const int itemWidth = widest + plot_->legend->iconSize().width() + plot_->legend->iconTextPadding() + 24;
        const int fit = std::max(1, (width - 16) / std::max(1, itemWidth));
        const int columns = std::max(1, std::min({legendColumns_, fit, std::max(1, items)}));
        if (columns != plot_->legend->wrap() || plot_->legend->columnCount() > columns) {
            plot_->legend->setWrap(columns);
            plot_->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);  // re-flow the existing items
        }
    }
    if (!tickLabels_.isEmpty()) {
        const QFontMetrics metrics(plot_->xAxis->tickLabelFont());
        int widest = 0;
        for (const QString& label : tickLabels_) widest = std::max(widest, metrics.horizontalAdvance(label));
        const double slot = std::max(1, width - tickReserved_) / double(tickLabels_.size());
        plot_->xAxis->setTickLabelRotation(widest + 8 > slot ? -35 : 0);
    }
}

void FigureCard::showMessage(State state, const QString& text) {
    state_ = state;
    QPalette palette = messageLabel_->palette();
    palette.setColor(QPalette::WindowText, state == State::Error ? QColor(170, 30, 20)
                                                                 : palette.color(QPalette::Disabled, QPalette::WindowText));
    messageLabel_->setPalette(palette);
    messageLabel_->setText(text);
    stack_->setCurrentWidget(messageLabel_);
    exportButton_->setEnabled(false);  // nothing drawn to export
    setControlsEnabled(state != State::Busy);
    Q_EMIT stateChanged(state_);
}

}  // namespace ms::ui
