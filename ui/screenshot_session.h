#pragma once
// Drives the main window through a short demo session — task arithmetic, TIES and WEMoE on the
// open pool, a routing trace, a λ sweep, the adaptation signal — and writes a PNG of every main
// view. Used by scripts/screenshots.sh (mergescope --screenshots DIR) so the README's pictures are real.
#include <functional>
#include <vector>

#include <QObject>
#include <QString>

namespace ms::ui {

class MainWindow;

class ScreenshotSession : public QObject {
    Q_OBJECT
public:
    ScreenshotSession(MainWindow* window, QString folder, int wemoeSteps);
    void start();  // after the window is shown and the pool is opening

Q_SIGNALS:
    void finished(bool ok);

private:
    void next();
    void capture(const QString& name);
    void fail(const QString& why);

    MainWindow* window_;
    QString folder_;
    int wemoeSteps_;
    std::vector<std::function<void()>> steps_;
    size_t current_ = 0;
};

}  // namespace ms::ui
