#include "ui/lab/latest_request_runner.h"

#include <exception>

#include <QThread>

namespace ms::ui {

LatestRequestRunner::LatestRequestRunner(QObject* parent) : QObject(parent) {}

LatestRequestRunner::~LatestRequestRunner() {
    pending_.clear();
    if (thread_) thread_->wait();
}

void LatestRequestRunner::request(const QString& channel, Work work) {
    for (auto& p : pending_)
        if (p.channel == channel) {
            p.work = std::move(work);
            return;
        }
    pending_.push_back({channel, std::move(work)});
    if (!thread_) runNext();
}

void LatestRequestRunner::runNext() {
    if (pending_.empty()) return;
    Pending next = std::move(pending_.front());
    pending_.erase(pending_.begin());
    thread_ = QThread::create([this, next] {
        try {
            Q_EMIT ready(next.channel, next.work());
        } catch (const std::exception& e) {
            Q_EMIT failed(next.channel, QString::fromStdString(e.what()));
        } catch (...) {
            Q_EMIT failed(next.channel, tr("the request failed"));
        }
    });
    connect(thread_, &QThread::finished, this, [this] {
        thread_->deleteLater();
        thread_ = nullptr;
        runNext();
    });
    thread_->start();
}

}  // namespace ms::ui
