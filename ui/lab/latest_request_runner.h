#pragma once
// Interactive requests (routing traces, thumbnails, interference measurements) on one
// long-lived worker thread, where only the latest request of a kind matters: while one runs, a
// newer one replaces any that waits, so stepping through images with the arrow keys never queues
// up stale work. The thread lives as long as the runner, so LibTorch's thread pool is made once
// (a fresh thread per request cost ~100 ms per trace on the zoo model, 1000× the trace itself).
#include <functional>
#include <vector>

#include <QObject>
#include <QString>
#include <QThread>
#include <QVariant>

namespace ms::ui {

class LatestRequestRunner : public QObject {
    Q_OBJECT
public:
    using Work = std::function<QVariant()>;

    explicit LatestRequestRunner(QObject* parent = nullptr);
    ~LatestRequestRunner() override;  // finishes the running request; drops the waiting ones

    // `channel` groups requests that supersede each other ("trace:<result>", "cosine" …): a
    // waiting request of the same channel is replaced. Other channels wait their turn.
    void request(const QString& channel, Work work);
    bool idle() const { return !running_ && pending_.empty(); }

Q_SIGNALS:
    void ready(const QString& channel, const QVariant& result);
    void failed(const QString& channel, const QString& message);

private:
    void runNext();

    struct Pending {
        QString channel;
        Work work;
    };
    QThread thread_;
    QObject* worker_ = nullptr;  // lives in thread_; requests run as its queued calls
    bool running_ = false;
    std::vector<Pending> pending_;
};

}  // namespace ms::ui
