#include "ui/lab/job_runner.h"

#include <exception>
#include <utility>

#include <QThread>

#include "core/run/progress.h"

namespace ms::ui {

namespace {
constexpr qint64 kProgressIntervalMs = 80;  // at most ~12 progress signals a second
}

JobRunner::JobRunner(QObject* parent) : QObject(parent) {
    qRegisterMetaType<ms::ui::LossPoint>("ms::ui::LossPoint");
}

JobRunner::~JobRunner() {
    if (thread_) {
        cancel_ = true;
        thread_->wait();
        delete thread_;  // its finished() will never reach finish() now
    }
}

bool JobRunner::start(const QString& title, Work work, Done done) {
    if (busy_) return false;
    done_ = std::move(done);
    busy_ = true;
    title_ = title;
    cancel_ = false;
    stage_.clear();
    Q_EMIT busyChanged(true);
    Q_EMIT started(title);

    JobHooks hooks;
    hooks.progress = [this](qint64 done, qint64 total, const QString& stage) { reportProgress(done, total, stage); };
    hooks.cancelled = [this] { return cancel_.load(); };
    hooks.log = [this](const QString& line) { Q_EMIT logLine(line); };
    hooks.loss = [this](const LossPoint& point) { Q_EMIT lossPoint(point); };

    // Signals emitted on the worker thread reach GUI-thread receivers queued, in order.
    thread_ = QThread::create([this, title, work = std::move(work), hooks] {
        try {
            result_ = work(hooks);
            outcome_ = Outcome::Finished;
        } catch (const Cancelled&) {
            outcome_ = Outcome::Cancelled;
        } catch (const std::exception& e) {
            outcome_ = Outcome::Failed;
            error_ = QString::fromStdString(e.what());
        } catch (...) {
            outcome_ = Outcome::Failed;
            error_ = tr("an unknown error stopped the job");
        }
    });
    connect(thread_, &QThread::finished, this, &JobRunner::finish);
    thread_->start();
    return true;
}

void JobRunner::cancel() {
    if (busy_) cancel_ = true;
}

void JobRunner::reportProgress(qint64 done, qint64 total, const QString& stage) {
    if (stage != stage_ || !stageClock_.isValid()) {
        stage_ = stage;
        stageClock_.start();
        emitClock_.invalidate();
    }
    const bool last = done >= total;
    if (emitClock_.isValid() && emitClock_.elapsed() < kProgressIntervalMs && !last) return;
    emitClock_.start();
    double eta = -1.0;
    const double elapsed = double(stageClock_.elapsed()) / 1000.0;
    if (done > 0 && total > done && elapsed > 0.5) eta = elapsed * double(total - done) / double(done);
    if (last) eta = 0.0;
    Q_EMIT progress(done, total, stage, eta);
}

void JobRunner::finish() {
    thread_->deleteLater();
    thread_ = nullptr;
    busy_ = false;
    const QString title = title_;
    const QVariant result = std::exchange(result_, QVariant());
    const Done done = std::exchange(done_, Done());
    Q_EMIT busyChanged(false);
    switch (outcome_) {
        case Outcome::Finished:
            if (done) done(result);
            Q_EMIT finished(title, result);
            break;
        case Outcome::Failed: Q_EMIT failed(title, error_); break;
        case Outcome::Cancelled: Q_EMIT cancelled(title); break;
    }
}

}  // namespace ms::ui
