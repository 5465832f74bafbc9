#pragma once
// Interactive requests (routing traces, thumbnails) on a second worker thread, where only the
// latest request matters: while one runs, a newer one replaces any that waits, so stepping
// through images with the arrow keys never queues up stale work.
#include <functional>

#include <QObject>
#include <QString>
#include <QVariant>

class QThread;

namespace ms::ui {

class LatestRequestRunner : public QObject {
    Q_OBJECT
public:
    using Work = std::function<QVariant()>;

    explicit LatestRequestRunner(QObject* parent = nullptr);
    ~LatestRequestRunner() override;  // waits for the running request; drops the waiting one

    // `channel` groups requests that supersede each other ("trace", "thumbnails" …): a waiting
    // request of the same channel is replaced. Requests of other channels wait their turn.
    void request(const QString& channel, Work work);
    bool idle() const { return !thread_ && pending_.empty(); }

Q_SIGNALS:
    void ready(const QString& channel, const QVariant& result);
    void failed(const QString& channel, const QString& message);

private:
    void runNext();

    struct Pending {
        QString channel;
        Work work;
    };
    QThread* thread_ = nullptr;
    std::vector<Pending> pending_;
};

}  // namespace ms::ui
