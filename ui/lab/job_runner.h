#pragma once
// Runs one long job at a time (a merge, an adaptation, a sweep) on a worker thread and turns the
// engine's plain callbacks into signals on the GUI thread: progress with stage and ETA, log lines,
// the loss of each adaptation step, and the outcome. Cancel takes effect at the engine's next
// check (between adaptation steps, evaluation batches, sweep points).
#include <atomic>
#include <functional>

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QVariant>

#include "ui/lab/lab.h"

class QThread;

namespace ms::ui {

class JobRunner : public QObject {
    Q_OBJECT
public:
    // The work: runs on the worker thread with hooks wired to this runner's signals; returns the
    // result for finished(). Throwing ms::Cancelled ends in cancelled(), anything else in failed().
    using Work = std::function<QVariant(const JobHooks& hooks)>;

    explicit JobRunner(QObject* parent = nullptr);
    ~JobRunner() override;  // cancels and waits for a running job

    // Runs on the GUI thread after a successful job, before finished() and after busy() is false,
    // so it may start the next job.
    using Done = std::function<void(const QVariant& result)>;

    // Starts `work` unless a job runs already (then returns false and does nothing).
    bool start(const QString& title, Work work, Done done = {});
    bool busy() const { return busy_; }
    QString title() const { return title_; }

public Q_SLOTS:
    void cancel();

Q_SIGNALS:
    void busyChanged(bool busy);
    void started(const QString& title);
    // etaSeconds < 0 when unknown (the stage just began). The outcome signals (finished, failed,
    // cancelled) come after busyChanged(false).
    void progress(qint64 done, qint64 total, const QString& stage, double etaSeconds);
    void logLine(const QString& line);
    void lossPoint(const ms::ui::LossPoint& point);
    void finished(const QString& title, const QVariant& result);
    void failed(const QString& title, const QString& message);
    void cancelled(const QString& title);

private:
    void reportProgress(qint64 done, qint64 total, const QString& stage);
    void finish();

    enum class Outcome { Finished, Failed, Cancelled };

    QThread* thread_ = nullptr;
    Done done_;
    // Written by the worker, read in finish() after the thread ended.
    Outcome outcome_ = Outcome::Finished;
    QVariant result_;
    QString error_;
    std::atomic<bool> cancel_{false};
    bool busy_ = false;
    QString title_;
    // Worker-thread side of the ETA: when the current stage began and the last emission.
    QString stage_;
    QElapsedTimer stageClock_;
    QElapsedTimer emitClock_;
};

}  // namespace ms::ui
