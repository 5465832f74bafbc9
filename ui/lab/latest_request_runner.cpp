#include "ui/lab/latest_request_runner.h"

#include <exception>

namespace ms::ui {

LatestRequestRunner::LatestRequestRunner(QObject* parent) : QObject(parent), worker_(new QObject) {
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    thread_.setObjectName(QStringLiteral("interactive"));
    thread_.start();
}

LatestRequestRunner::~LatestRequestRunner() {
    pending_.clear();
    thread_.quit();
    thread_.wait();
}

void LatestRequestRunner::request(const QString& channel, Work work) {
    for (auto& p : pending_)
        if (p.channel == channel) {
            p.work = std::move(work);
            return;
        }
    pending_.push_back({channel, std::move(work)});
    if (!running_) runNext();
}

void LatestRequestRunner::runNext() {
    if (pending_.empty()) return;
    running_ = true;
    Pending next = std::move(pending_.front());
    pending_.erase(pending_.begin());
    QMetaObject::invokeMethod(worker_, [this, next] {
        QVariant result;
        QString error;
        bool ok = true;
        try {
            result = next.work();
        } catch (const std::exception& e) {
            ok = false;
            error = QString::fromStdString(e.what());
        } catch (...) {
            ok = false;
            error = tr("the request failed");
        }
        // Back on the runner's thread: report, then start what waits.
        QMetaObject::invokeMethod(this, [this, channel = next.channel, result, error, ok] {
            running_ = false;
            if (ok)
                Q_EMIT ready(channel, result);
            else
                Q_EMIT failed(channel, error);
            if (!running_) runNext();
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

}  // namespace ms::ui
