#include "ui/base/figure_panel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "ui/base/qcustomplot_include.h"

namespace ms::ui {

FigurePanel::FigurePanel(const QString& baseName, QWidget* parent) : QFrame(parent) {
    header_ = new QHBoxLayout;
    header_->setContentsMargins(0, 0, 0, 0);
    title_ = new QLabel(this);
    title_->setTextFormat(Qt::RichText);
    title_->setWordWrap(true);
    header_->addWidget(title_, 1);

    FigureSource source;
    source.plot = [this] { return plot_; };
    source.caption = [this] { return caption(); };
    source.data = [this] { return data(); };
    source.baseName = baseName;
    exportButton_ = new FigureExportButton(source, this);
    header_->addWidget(exportButton_);

    plot_ = new QCustomPlot(this);
    plot_->setToolTip(QString());  // hover tooltips are per cell, bar or point, set by the subclasses
    messageLabel_ = new QLabel(this);
    messageLabel_->setAlignment(Qt::AlignCenter);
    messageLabel_->setWordWrap(true);
    messageLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);  // errors can be copied
    stack_ = new QStackedWidget(this);
    stack_->addWidget(messageLabel_);
    stack_->addWidget(plot_);

    layout_ = new QVBoxLayout(this);
    layout_->addLayout(header_);
    layout_->addWidget(stack_, 1);
    showEmpty(tr("Nothing to show yet."));
}

void FigurePanel::setTitle(const QString& title) {
    title_->setText(title);
    title_->setVisible(!title.isEmpty());
}

QString FigurePanel::title() const { return title_->text(); }

void FigurePanel::showPlot() {
    state_ = State::Plot;
    stack_->setCurrentWidget(plot_);
    exportButton_->setEnabled(true);
    setControlsEnabled(true);
    Q_EMIT stateChanged(state_);
}

void FigurePanel::showEmpty(const QString& text) { showMessage(State::Empty, text); }
void FigurePanel::showBusy(const QString& text) {
    if (state_ != State::Busy) {
        stateBeforeBusy_ = state_;
        messageBeforeBusy_ = message();
    }
    showMessage(State::Busy, text);
}

void FigurePanel::endBusy() {
    if (state_ != State::Busy) return;
    if (stateBeforeBusy_ == State::Plot)
        showPlot();  // the plot was left as it was
    else
        showMessage(stateBeforeBusy_, messageBeforeBusy_);
}

void FigurePanel::showError(const QString& text) { showMessage(State::Error, text); }

QString FigurePanel::message() const { return state_ == State::Plot ? QString() : messageLabel_->text(); }

void FigurePanel::addHeaderWidget(QWidget* widget, bool besideTitle) {
    if (!besideTitle) {
        header_->insertWidget(header_->count() - 1, widget);  // just left of the export button
        return;
    }
    // Right after the title; a stretch after it keeps the export button at the right edge.
    if (titleCompanions_ == 0) {
        header_->setStretchFactor(title_, 0);
        title_->setWordWrap(false);
        header_->insertStretch(1, 1);
    }
    header_->insertWidget(1 + titleCompanions_++, widget);
}

void FigurePanel::addControl(QWidget* control) {
    controls_ << control;
    addHeaderWidget(control);
}

void FigurePanel::setControlsEnabled(bool enabled) {
    for (auto* control : controls_) control->setEnabled(enabled);
}

void FigurePanel::showMessage(State state, const QString& text) {
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
