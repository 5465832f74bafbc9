#include "ui/routing/figure_frame.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "ui/base/qcustomplot_include.h"

namespace ms::ui {

FigureFrame::FigureFrame(const QString& baseName, QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    header_ = new QHBoxLayout;
    header_->setContentsMargins(0, 0, 0, 0);
    title_ = new QLabel;
    title_->setTextFormat(Qt::RichText);
    title_->setWordWrap(true);
    header_->addWidget(title_, 1);

    FigureSource source;
    source.plot = [this] { return plot_; };
    source.caption = [this] { return caption_; };
    source.data = [this] { return table(); };
    source.baseName = baseName;
    exportButton_ = new FigureExportButton(source, this);
    exportButton_->setAutoRaise(true);
    header_->addWidget(exportButton_);
    layout->addLayout(header_);

    plot_ = new QCustomPlot;
    plot_->setMinimumSize(200, 160);
    plot_->setToolTip(QString());  // tooltips come per cell or bar, from the subclasses
    placeholder_ = new QLabel;
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setWordWrap(true);
    placeholder_->setStyleSheet(QStringLiteral("color: palette(mid); font-style: italic;"));
    stack_ = new QStackedWidget;
    stack_->addWidget(placeholder_);
    stack_->addWidget(plot_);
    layout->addWidget(stack_, 1);
    showPlaceholder(tr("Nothing to show yet."));
}

void FigureFrame::setTitle(const QString& title) {
    title_->setText(title);
    title_->setVisible(!title.isEmpty());
}

QString FigureFrame::title() const { return title_->text(); }

bool FigureFrame::isShowingPlaceholder() const { return stack_->currentWidget() == placeholder_; }

QString FigureFrame::placeholderText() const { return placeholder_->text(); }

void FigureFrame::showPlaceholder(const QString& message) {
    placeholder_->setText(message);
    stack_->setCurrentWidget(placeholder_);
    exportButton_->setEnabled(false);
}

void FigureFrame::showPlot() {
    stack_->setCurrentWidget(plot_);
    exportButton_->setEnabled(true);
}

void FigureFrame::addHeaderWidget(QWidget* widget, bool besideTitle) {
    if (!besideTitle) {
        header_->insertWidget(header_->count() - 1, widget);  // just left of the export button
        return;
    }
    // A control that finishes the title's sentence ("Mean routing of [task]") follows it directly;
    // a stretch after it keeps the export button at the right edge.
    if (titleCompanions_ == 0) {
        header_->setStretchFactor(title_, 0);
        title_->setWordWrap(false);
        header_->insertStretch(1, 1);
    }
    header_->insertWidget(1 + titleCompanions_++, widget);
}

}  // namespace ms::ui
