#include "ui/teaching/guided_tour.h"

#include <algorithm>

#include <QEvent>
#include <QFrame>
#include <QGraphicsDropShadowEffect>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QSettings>
#include <QTimer>
#include <QVBoxLayout>

namespace ms::ui {

namespace {

constexpr int kHoleMargin = 6;    // room between the target and the ring
constexpr int kCalloutGap = 18;   // between the hole and the callout, room for the pointer
constexpr int kEdgeMargin = 12;   // the callout never touches the window's edge
constexpr int kCalloutWidth = 380;
const QColor kDim(12, 18, 28, 165);
const QColor kRing(255, 193, 7);  // amber: visible on light and dark themes

}  // namespace

GuidedTour::GuidedTour(QWidget* window) : QWidget(window) {
    setFocusPolicy(Qt::StrongFocus);
    hide();

    auto* frame = new QFrame(this);
    frame->setObjectName(QStringLiteral("tourCallout"));
    frame->setStyleSheet(QStringLiteral(
        "QFrame#tourCallout { background: white; border: 1px solid #d0d4dc; border-radius: 10px; }"
        "QLabel { background: transparent; color: #222; }"));
    auto* shadow = new QGraphicsDropShadowEffect(frame);
    shadow->setBlurRadius(24);
    shadow->setOffset(0, 4);
    shadow->setColor(QColor(0, 0, 0, 110));
    frame->setGraphicsEffect(shadow);
    callout_ = frame;

    title_ = new QLabel;
    title_->setObjectName(QStringLiteral("tourTitle"));
    QFont titleFont = title_->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setBold(true);
    title_->setFont(titleFont);
    title_->setWordWrap(true);
    text_ = new QLabel;
    text_->setObjectName(QStringLiteral("tourText"));
    text_->setWordWrap(true);
    text_->setTextFormat(Qt::RichText);
    QFont textFont = text_->font();
    textFont.setPointSizeF(textFont.pointSizeF() * 1.1);
    text_->setFont(textFont);
    counter_ = new QLabel;
    counter_->setObjectName(QStringLiteral("tourCounter"));
    counter_->setStyleSheet(QStringLiteral("color:#777"));

    skipButton_ = new QPushButton(tr("Skip tour"));
    skipButton_->setObjectName(QStringLiteral("tourSkip"));
    skipButton_->setFlat(true);
    backButton_ = new QPushButton(tr("Back"));
    backButton_->setObjectName(QStringLiteral("tourBack"));
    nextButton_ = new QPushButton(tr("Next"));
    nextButton_->setObjectName(QStringLiteral("tourNext"));
    // The overlay keeps the keyboard focus, so Enter and the arrows always mean the tour's keys.
    for (auto* b : {skipButton_, backButton_, nextButton_}) b->setFocusPolicy(Qt::NoFocus);
    connect(skipButton_, &QPushButton::clicked, this, &GuidedTour::skip);
    connect(backButton_, &QPushButton::clicked, this, &GuidedTour::back);
    connect(nextButton_, &QPushButton::clicked, this, &GuidedTour::next);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(counter_);
    buttons->addStretch();
    buttons->addWidget(skipButton_);
    buttons->addWidget(backButton_);
    buttons->addWidget(nextButton_);
    auto* layout = new QVBoxLayout(frame);
    layout->setContentsMargins(18, 14, 18, 12);
    layout->setSpacing(8);
    layout->addWidget(title_);
    layout->addWidget(text_);
    layout->addSpacing(4);
    layout->addLayout(buttons);
    frame->setFixedWidth(kCalloutWidth);

    follow_ = new QTimer(this);
    follow_->setInterval(250);
    connect(follow_, &QTimer::timeout, this, [this] {
        if (targetRect() != highlight_) relayout();
    });

    window->installEventFilter(this);
}

void GuidedTour::setSteps(std::vector<TourStep> steps) {
    steps_ = std::move(steps);
    if (isRunning()) showStep(std::min(current_, stepCount() - 1));
}

QRect GuidedTour::calloutGeometry() const { return callout_->geometry(); }

bool GuidedTour::hasBeenSeen() { return QSettings().value(seenSettingsKey(), false).toBool(); }

void GuidedTour::setSeen(bool seen) { QSettings().setValue(seenSettingsKey(), seen); }

void GuidedTour::start(int step) {
    if (steps_.empty()) {
        Q_EMIT finished(false);
        return;
    }
    if (parentWidget()) setGeometry(parentWidget()->rect());
    show();
    raise();
    setFocus(Qt::OtherFocusReason);
    follow_->start();
    showStep(std::clamp(step, 0, stepCount() - 1));
}

void GuidedTour::next() {
    if (!isRunning()) return;
    if (current_ + 1 >= stepCount()) finish(true);
    else showStep(current_ + 1);
}

void GuidedTour::back() {
    if (isRunning() && current_ > 0) showStep(current_ - 1);
}

void GuidedTour::skip() {
    if (isRunning()) finish(false);
}

void GuidedTour::showStep(int index) {
    if (index < 0 || index >= stepCount()) return;
    current_ = index;
    const TourStep& step = steps_[size_t(index)];
    if (step.prepare) step.prepare();

    if (target_) target_->removeEventFilter(this);
    target_ = step.target ? step.target() : nullptr;
    if (target_) target_->installEventFilter(this);

    title_->setText(step.title);
    text_->setText(step.text);
    counter_->setText(QStringLiteral("%1 / %2").arg(index + 1).arg(stepCount()));
    backButton_->setEnabled(index > 0);
    nextButton_->setText(index + 1 == stepCount() ? tr("Finish") : tr("Next"));
    raise();           // prepare() may have shown widgets above us
    setFocus(Qt::OtherFocusReason);
    relayout();
    // prepare() often switches a tab whose layout settles on the next event loop pass.
    QTimer::singleShot(0, this, [this] {
        if (isRunning()) relayout();
    });
    Q_EMIT stepChanged(index);
}

QRect GuidedTour::targetRect() const {
    if (!target_ || !target_->isVisible()) return {};
    return QRect(mapFromGlobal(target_->mapToGlobal(QPoint(0, 0))), target_->size());
}

void GuidedTour::relayout() {
    if (!isRunning()) return;
    if (parentWidget() && geometry() != parentWidget()->rect()) setGeometry(parentWidget()->rect());
    highlight_ = targetRect();

    callout_->adjustSize();
    const QSize size = callout_->size();
    const QRect area = rect().adjusted(kEdgeMargin, kEdgeMargin, -kEdgeMargin, -kEdgeMargin);
    auto clampX = [&](int x) { return std::clamp(x, area.left(), std::max(area.left(), area.right() - size.width())); };
    auto clampY = [&](int y) { return std::clamp(y, area.top(), std::max(area.top(), area.bottom() - size.height())); };

    QPoint at((width() - size.width()) / 2, (height() - size.height()) / 2);
    calloutSide_ = Side::None;
    if (!highlight_.isNull()) {
        const QRect hole = highlight_.adjusted(-kHoleMargin, -kHoleMargin, kHoleMargin, kHoleMargin);
        const QPoint centre = hole.center();
        // The first side with room wins: below reads most naturally, then above, right, left.
        if (hole.bottom() + kCalloutGap + size.height() <= area.bottom()) {
            at = {clampX(centre.x() - size.width() / 2), hole.bottom() + kCalloutGap};
            calloutSide_ = Side::Below;
        } else if (hole.top() - kCalloutGap - size.height() >= area.top()) {
            at = {clampX(centre.x() - size.width() / 2), hole.top() - kCalloutGap - size.height()};
            calloutSide_ = Side::Above;
        } else if (hole.right() + kCalloutGap + size.width() <= area.right()) {
            at = {hole.right() + kCalloutGap, clampY(centre.y() - size.height() / 2)};
            calloutSide_ = Side::Right;
        } else if (hole.left() - kCalloutGap - size.width() >= area.left()) {
            at = {hole.left() - kCalloutGap - size.width(), clampY(centre.y() - size.height() / 2)};
            calloutSide_ = Side::Left;
        } else {
            // A target as large as the window: the callout sits inside it, low and centred.
            at = {clampX(centre.x() - size.width() / 2), clampY(area.bottom() - size.height() - 24)};
        }
    }
    callout_->move(at);
    update();
}

void GuidedTour::finish(bool completed) {
    follow_->stop();
    if (target_) target_->removeEventFilter(this);
    target_ = nullptr;
    current_ = -1;
    highlight_ = {};
    hide();
    setSeen(true);  // skipped counts as seen: do not insist on the next start
    Q_EMIT finished(completed);
}

void GuidedTour::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    QPainterPath dim;
    dim.addRect(QRectF(rect()));
    if (highlight_.isNull()) {
        painter.fillPath(dim, kDim);
        return;
    }
    // Kept inside the overlay so the ring stays visible around targets at the window's edge.
    const QRectF hole = QRectF(highlight_)
                            .adjusted(-kHoleMargin, -kHoleMargin, kHoleMargin, kHoleMargin)
                            .intersected(QRectF(rect()).adjusted(2, 2, -2, -2));
    QPainterPath holePath;
    holePath.addRoundedRect(hole, 8, 8);
    painter.fillPath(dim.subtracted(holePath), kDim);
    painter.setPen(QPen(kRing, 3));
    painter.setBrush(Qt::NoBrush);
    painter.drawRoundedRect(hole, 8, 8);

    // A pointer from the callout towards the target.
    const QRectF c = callout_->geometry();
    const double x = std::clamp(hole.center().x(), c.left() + 24, c.right() - 24);
    const double y = std::clamp(hole.center().y(), c.top() + 24, c.bottom() - 24);
    QPolygonF pointer;
    switch (calloutSide_) {
    case Side::Below: pointer << QPointF(x - 10, c.top() + 1) << QPointF(x + 10, c.top() + 1) << QPointF(x, c.top() - 11); break;
    case Side::Above: pointer << QPointF(x - 10, c.bottom() - 1) << QPointF(x + 10, c.bottom() - 1) << QPointF(x, c.bottom() + 11); break;
    case Side::Right: pointer << QPointF(c.left() + 1, y - 10) << QPointF(c.left() + 1, y + 10) << QPointF(c.left() - 11, y); break;
    case Side::Left: pointer << QPointF(c.right() - 1, y - 10) << QPointF(c.right() - 1, y + 10) << QPointF(c.right() + 11, y); break;
    case Side::None: return;
    }
    painter.setPen(Qt::NoPen);
    painter.setBrush(Qt::white);
    painter.drawPolygon(pointer);
}

void GuidedTour::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
    case Qt::Key_Escape: skip(); break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Right: next(); break;
    case Qt::Key_Left: back(); break;
    default: QWidget::keyPressEvent(event); return;
    }
    event->accept();
}

void GuidedTour::mousePressEvent(QMouseEvent* event) {
    // The dimmed window is not clickable during the tour; swallowing the click keeps it so.
    event->accept();
}

bool GuidedTour::eventFilter(QObject* watched, QEvent* event) {
    if (isRunning()) {
        const auto type = event->type();
        const bool window = watched == parentWidget() && type == QEvent::Resize;
        const bool target = watched == target_ &&
                            (type == QEvent::Resize || type == QEvent::Move || type == QEvent::Show || type == QEvent::Hide);
        if (window || target) relayout();
    }
    return QWidget::eventFilter(watched, event);
}

}  // namespace ms::ui
