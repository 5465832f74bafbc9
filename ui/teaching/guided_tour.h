#pragma once
// A guided tour over the main window: the window is dimmed except for a hole around one widget,
// and a callout next to it says what that widget is for. Steps can prepare themselves (switch to
// a tab, open a panel) before their target is looked up, so the tour can walk the whole app.
#include <functional>
#include <vector>

#include <QPointer>
#include <QString>
#include <QWidget>

class QLabel;
class QPushButton;
class QTimer;

namespace ms::ui {

struct TourStep {
    std::function<QWidget*()> target;  // looked up after prepare(); null or hidden: no hole, callout centred
    QString title;
    QString text;                      // rich text allowed
    std::function<void()> prepare;     // optional: make the target visible (switch tab, expand panel)
};

class GuidedTour : public QWidget {
    Q_OBJECT
public:
    // `window` is the widget to cover (the main window); the tour is its child, hidden until start().
    explicit GuidedTour(QWidget* window);

    void setSteps(std::vector<TourStep> steps);
    int stepCount() const { return int(steps_.size()); }
    int currentStep() const { return current_; }  // −1 when not running
    bool isRunning() const { return current_ >= 0; }

    // The current target's rectangle in this overlay's coordinates (the hole is this plus a margin);
    // null when the step has no visible target.
    QRect highlightRect() const { return highlight_; }
    QRect calloutGeometry() const;

    // Whether the user has finished or skipped the tour once (QSettings key "tour/seen"), so the
    // main window offers it only on the first start.
    static bool hasBeenSeen();
    static void setSeen(bool seen);
    static QString seenSettingsKey() { return QStringLiteral("tour/seen"); }

public Q_SLOTS:
    void start(int step = 0);
    void next();  // on the last step: finishes with completed = true
    void back();
    void skip();  // finishes with completed = false

Q_SIGNALS:
    void stepChanged(int step);
    void finished(bool completed);

protected:
    void paintEvent(QPaintEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    enum class Side { None, Below, Above, Right, Left };

    void showStep(int index);
    void relayout();
    QRect targetRect() const;
    void finish(bool completed);

    std::vector<TourStep> steps_;
    int current_ = -1;
    QPointer<QWidget> target_;
    QRect highlight_;
    Side calloutSide_ = Side::None;

    QWidget* callout_ = nullptr;
    QLabel* title_ = nullptr;
    QLabel* text_ = nullptr;
    QLabel* counter_ = nullptr;
    QPushButton* backButton_ = nullptr;
    QPushButton* nextButton_ = nullptr;
    QPushButton* skipButton_ = nullptr;
    QTimer* follow_ = nullptr;  // catches targets that move without a resize of the window
};

}  // namespace ms::ui
