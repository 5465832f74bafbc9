#include "ui/routing/routed_image_view.h"

#include <QLabel>
#include <QVBoxLayout>

#include "ui/routing/head_prediction_table.h"
#include "ui/routing/routing_palette.h"

namespace ms::ui {

namespace {

constexpr int kImageSide = 192;  // 6× a 32×32 image: whole pixels, no blur

}  // namespace

RoutedImageView::RoutedImageView(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    image_ = new QLabel;
    image_->setFixedSize(kImageSide + 2, kImageSide + 2);
    image_->setAlignment(Qt::AlignCenter);
    image_->setFrameShape(QFrame::StyledPanel);
    image_->setToolTip(tr("The image as the model saw it (after resizing and cropping), enlarged without smoothing"));
    layout->addWidget(image_, 0, Qt::AlignHCenter);
    title_ = new QLabel;
    title_->setWordWrap(true);
    title_->setAlignment(Qt::AlignHCenter);
    title_->setTextFormat(Qt::RichText);
    title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(title_);
    facts_ = new QLabel;
    facts_->setWordWrap(true);
    facts_->setAlignment(Qt::AlignHCenter);
    facts_->setTextFormat(Qt::RichText);
    layout->addWidget(facts_);
    predictions_ = new HeadPredictionTable;
    layout->addWidget(predictions_);
    layout->addStretch(1);
    time_ = new QLabel;
    time_->setAlignment(Qt::AlignRight);
    time_->setStyleSheet(QStringLiteral("color: palette(mid); font-size: small;"));
    time_->setToolTip(tr("Time to route this image through every layer and evaluate every head"));
    layout->addWidget(time_);
    clear();
}

void RoutedImageView::clear() {
    image_->setPixmap({});
    image_->setText(tr("No image"));
    title_->setText(tr("<i>Choose a test image, or open one of your own.</i>"));
    facts_->clear();
    time_->clear();
    predictions_->clearPredictions();
}

void RoutedImageView::setTrace(const RoutingTrace& trace, const QVector<TaskInfo>& tasks) {
    if (trace.image.isNull()) {
        image_->setPixmap({});
        image_->setText(tr("No image"));
    } else {
        image_->setPixmap(QPixmap::fromImage(
            trace.image.scaled(kImageSide, kImageSide, Qt::KeepAspectRatio, Qt::FastTransformation)));
    }
    title_->setText(QStringLiteral("<b>%1</b>").arg(trace.imageLabel.toHtmlEscaped()));
    const auto merged = routing::tasksByName(trace.tasks, tasks);
    QStringList facts;
    if (trace.trueTask >= 0 && trace.trueTask < merged.size()) {
        const TaskInfo& own = merged[trace.trueTask];
        facts << tr("task <span style=\"color:%1\">■</span> %2")
                     .arg(own.color.name(), own.displayName.toHtmlEscaped());
    } else {
        facts << tr("task unknown (an opened file)");
    }
    if (!trace.trueClass.isEmpty()) facts << tr("true class <b>%1</b>").arg(trace.trueClass.toHtmlEscaped());
    facts_->setText(facts.join(QStringLiteral(" · ")));
    const QString time = routing::formatMilliseconds(trace.milliseconds);
    time_->setText(time.isEmpty() ? QString() : tr("routed in %1").arg(time));
    predictions_->setPredictions(trace, tasks);
}

QString RoutedImageView::titleText() const { return title_->text(); }
QString RoutedImageView::factsText() const { return facts_->text(); }
QString RoutedImageView::timeText() const { return time_->text(); }

QImage RoutedImageView::shownImage() const { return image_->pixmap().toImage(); }

}  // namespace ms::ui
