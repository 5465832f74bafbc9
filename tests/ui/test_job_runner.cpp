// The two runners that keep the GUI thread free. JobRunner: one job at a time, busy on and off in
// order, the Done callback on the GUI thread once idle (so it may chain the next job), failures
// and cancellation as signals, throttled progress that still reports the end, loss points.
// LatestRequestRunner: a newer request of a channel replaces the waiting one, other channels all
// run, failures are reported, and all work runs on one worker thread.
#include <torch/torch.h>

#include <atomic>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <QtTest>

#include <QCoreApplication>
#include <QThread>

#include "core/run/progress.h"
#include "ui/lab/job_runner.h"
#include "ui/lab/latest_request_runner.h"

using namespace ms;
using ui::JobRunner;
using ui::LatestRequestRunner;

namespace {

constexpr int kTimeoutMs = 30000;

struct ProgressReport {
    qint64 done, total;
    QString stage;
    double eta;
};

// Records what a JobRunner says, as a GUI-thread receiver would (queued from the worker).
struct Recorder : QObject {
    QStringList events;
    QVector<ProgressReport> progress;
    QVector<ui::LossPoint> loss;
    QStringList logs;
    QString error;

    explicit Recorder(JobRunner& r) {
        connect(&r, &JobRunner::busyChanged, this, [this](bool b) { events << (b ? "busy" : "idle"); });
        connect(&r, &JobRunner::started, this, [this](const QString& t) { events << "started " + t; });
        connect(&r, &JobRunner::finished, this,
                [this](const QString& t, const QVariant& v) { events << "finished " + t + " " + v.toString(); });
        connect(&r, &JobRunner::failed, this, [this](const QString& t, const QString& m) {
            events << "failed " + t;
            error = m;
        });
        connect(&r, &JobRunner::cancelled, this, [this](const QString& t) { events << "cancelled " + t; });
        connect(&r, &JobRunner::progress, this, [this](qint64 d, qint64 n, const QString& s, double eta) {
            progress << ProgressReport{d, n, s, eta};
        });
        connect(&r, &JobRunner::lossPoint, this, [this](const ui::LossPoint& p) { loss << p; });
        connect(&r, &JobRunner::logLine, this, [this](const QString& l) { logs << l; });
    }
    bool ended() const {
        return !events.isEmpty() && (events.last().startsWith("finished") || events.last().startsWith("failed") ||
                                     events.last().startsWith("cancelled"));
    }
};

}  // namespace

class TestJobRunner : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void startRefusesWhileBusyAndSignalsInOrder() {
        JobRunner runner;
        Recorder rec(runner);
        std::promise<void> gate;
        std::shared_future<void> open = gate.get_future().share();
        QVERIFY(runner.start("first", [open](const ui::JobHooks&) {
            open.wait();
            return QVariant(42);
        }));
        QVERIFY(runner.busy());
        QCOMPARE(runner.title(), QString("first"));
        std::atomic<bool> secondRan{false};
        QVERIFY(!runner.start("second", [&secondRan](const ui::JobHooks&) {
            secondRan = true;
            return QVariant();
        }));
        QCOMPARE(runner.title(), QString("first"));
        gate.set_value();
        QTRY_VERIFY_WITH_TIMEOUT(rec.ended(), kTimeoutMs);
        QVERIFY(!runner.busy());
        QVERIFY(!secondRan);
        QCOMPARE(rec.events, (QStringList{"busy", "started first", "idle", "finished first 42"}));
    }

    void doneRunsOnTheGuiThreadWhenIdleAndMayChain() {
        JobRunner runner;
        Recorder rec(runner);
        QThread* workThread = nullptr;
        QThread* doneThread = nullptr;
        bool busyInDone = true;
        bool chained = false;
        int secondResult = 0;
        auto second = [&](const QVariant& v) { secondResult = v.toInt(); };
        QVERIFY(runner.start(
            "one",
            [&workThread](const ui::JobHooks&) {
                workThread = QThread::currentThread();
                return QVariant(1);
            },
            [&](const QVariant& v) {
                doneThread = QThread::currentThread();
                busyInDone = runner.busy();
                QCOMPARE(v.toInt(), 1);
                chained = runner.start("two", [](const ui::JobHooks&) { return QVariant(2); }, second);
            }));
        QTRY_VERIFY_WITH_TIMEOUT(rec.events.contains("finished two 2"), kTimeoutMs);
        QCOMPARE(doneThread, QCoreApplication::instance()->thread());
        QVERIFY(workThread && workThread != QCoreApplication::instance()->thread());
        QVERIFY(!busyInDone);
        QVERIFY(chained);
        QCOMPARE(secondResult, 2);
        QVERIFY(!runner.busy());
        // The first job's finished() still comes, after the second was started by its Done.
        QCOMPARE(rec.events, (QStringList{"busy", "started one", "idle", "busy", "started two", "finished one 1",
                                          "idle", "finished two 2"}));
    }

    void failedCarriesTheMessage() {
        JobRunner runner;
        Recorder rec(runner);
        bool doneRan = false;
        QVERIFY(runner.start(
            "merge", [](const ui::JobHooks&) -> QVariant { throw std::runtime_error("the disk is full"); },
            [&doneRan](const QVariant&) { doneRan = true; }));
        QTRY_VERIFY_WITH_TIMEOUT(rec.ended(), kTimeoutMs);
        QCOMPARE(rec.events, (QStringList{"busy", "started merge", "idle", "failed merge"}));
        QCOMPARE(rec.error, QString("the disk is full"));
        QVERIFY(!doneRan);

        // A runner that failed runs the next job normally.
        QVERIFY(runner.start("again", [](const ui::JobHooks&) { return QVariant("ok"); }));
        QTRY_VERIFY_WITH_TIMEOUT(rec.events.last() == "finished again ok", kTimeoutMs);
    }

    void cancelEndsInCancelled() {
        JobRunner runner;
        Recorder rec(runner);
        std::atomic<int> checks{0};
        bool doneRan = false;
        QVERIFY(runner.start(
            "adapt",
            [&checks](const ui::JobHooks& hooks) -> QVariant {
                for (int step = 0; step < 100000; ++step) {
                    ++checks;
                    if (hooks.cancelled()) throw Cancelled{};
                    std::this_thread::sleep_for(std::chrono::milliseconds(2));
                }
                return QVariant("ran to the end");
            },
            [&doneRan](const QVariant&) { doneRan = true; }));
        QTRY_VERIFY_WITH_TIMEOUT(checks.load() >= 3, kTimeoutMs);
        runner.cancel();
        QTRY_VERIFY_WITH_TIMEOUT(rec.ended(), kTimeoutMs);
        QCOMPARE(rec.events, (QStringList{"busy", "started adapt", "idle", "cancelled adapt"}));
        QVERIFY(checks.load() < 100000);
        QVERIFY(!doneRan);
        runner.cancel();  // nothing runs: harmless
        QVERIFY(!runner.busy());

        // The cancel flag does not leak into the next job.
        QVERIFY(runner.start("next", [](const ui::JobHooks& hooks) { return QVariant(hooks.cancelled() ? "no" : "yes"); }));
        QTRY_VERIFY_WITH_TIMEOUT(rec.events.last() == "finished next yes", kTimeoutMs);
    }

    void progressIsThrottledButTheEndAlwaysComes() {
        JobRunner runner;
        Recorder rec(runner);
        QVERIFY(runner.start("sweep", [](const ui::JobHooks& hooks) {
            for (int i = 1; i <= 2000; ++i) hooks.progress(i, 2000, "Sweeping λ");
            return QVariant();
        }));
        QTRY_VERIFY_WITH_TIMEOUT(rec.ended(), kTimeoutMs);
        QVERIFY(!rec.progress.isEmpty());
        QVERIFY2(rec.progress.size() < 200, qPrintable(QString::number(rec.progress.size())));
        const ProgressReport last = rec.progress.last();
        QCOMPARE(last.done, qint64(2000));
        QCOMPARE(last.total, qint64(2000));
        QCOMPARE(last.stage, QString("Sweeping λ"));
        QCOMPARE(last.eta, 0.0);
        for (int i = 1; i < rec.progress.size(); ++i) QVERIFY(rec.progress[i].done > rec.progress[i - 1].done);
        // Progress arrives before the outcome.
        QCOMPARE(rec.events.last(), QString("finished sweep "));
    }

    void etaIsEstimatedFromTheStagesPace() {
        JobRunner runner;
        Recorder rec(runner);
        QVERIFY(runner.start("eval", [](const ui::JobHooks& hooks) {
            hooks.progress(0, 4, "Evaluating");
            std::this_thread::sleep_for(std::chrono::milliseconds(600));
            hooks.progress(1, 4, "Evaluating");  // 1 of 4 in ≥ 0.6 s: about 3 × that left
            hooks.progress(0, 2, "Saving");      // a new stage: unknown again
            return QVariant();
        }));
        QTRY_VERIFY_WITH_TIMEOUT(rec.ended(), kTimeoutMs);
        QCOMPARE(rec.progress.size(), 3);
        QCOMPARE(rec.progress[0].eta, -1.0);
        QVERIFY2(rec.progress[1].eta >= 1.79 && rec.progress[1].eta < 30.0, qPrintable(QString::number(rec.progress[1].eta)));
        QCOMPARE(rec.progress[2].stage, QString("Saving"));
        QCOMPARE(rec.progress[2].eta, -1.0);
    }

    void lossPointsAndLogLinesAreDelivered() {
        JobRunner runner;
        Recorder rec(runner);
        QVERIFY(runner.start("wemoe", [](const ui::JobHooks& hooks) {
            for (int step = 1; step <= 3; ++step) {
                ui::LossPoint p;
                p.step = step;
                p.totalSteps = 3;
                p.loss = 1.0 / step;
                p.learningRate = 1e-3;
                p.taskEntropy = {0.25 * step, 0.5};
                hooks.loss(p);
            }
            hooks.log("adapted 3 steps");
            return QVariant();
        }));
        QTRY_VERIFY_WITH_TIMEOUT(rec.ended(), kTimeoutMs);
        QCOMPARE(rec.loss.size(), 3);
        QCOMPARE(rec.loss[2].step, 3);
        QCOMPARE(rec.loss[2].totalSteps, 3);
        QCOMPARE(rec.loss[1].loss, 0.5);
        QCOMPARE(rec.loss[2].learningRate, 1e-3);
        QCOMPARE(rec.loss[2].taskEntropy, (QVector<double>{0.75, 0.5}));
        QCOMPARE(rec.logs, QStringList{"adapted 3 steps"});
    }

    void latestRequestOfAChannelReplacesTheWaitingOne() {
        LatestRequestRunner runner;
        QStringList answers;
        QVector<QThread*> signalThreads;
        connect(&runner, &LatestRequestRunner::ready, this, [&](const QString& channel, const QVariant& v) {
            answers << channel + "=" + v.toString();
            signalThreads << QThread::currentThread();
        });
        connect(&runner, &LatestRequestRunner::failed, this, [&](const QString& channel, const QString& m) {
            answers << channel + " failed: " + m;
            signalThreads << QThread::currentThread();
        });
        std::mutex mutex;
        QVector<QThread*> workThreads;
        auto note = [&] {
            std::lock_guard<std::mutex> lock(mutex);
            workThreads << QThread::currentThread();
        };
        std::promise<void> gate;
        std::shared_future<void> open = gate.get_future().share();
        std::atomic<int> ran{0};

        QVERIFY(runner.idle());
        runner.request("trace", [&, open] {
            note();
            open.wait();  // everything below queues behind this one
            ++ran;
            return QVariant("first");
        });
        QVERIFY(!runner.idle());
        for (int i = 1; i <= 3; ++i)
            runner.request("trace", [&, i] {
                note();
                ++ran;
                return QVariant(QString("image %1").arg(i));
            });
        runner.request("cosine", [&] {
            note();
            ++ran;
            return QVariant("matrix");
        });
        runner.request("thumbs", [&]() -> QVariant {
            note();
            ++ran;
            throw std::runtime_error("no such image");
        });
        runner.request("cosine", [&] {  // replaces the waiting cosine, keeps its place
            note();
            ++ran;
            return QVariant("matrix 2");
        });
        gate.set_value();
        QTRY_VERIFY_WITH_TIMEOUT(runner.idle() && answers.size() == 4, kTimeoutMs);
        QCOMPARE(answers, (QStringList{"trace=first", "trace=image 3", "cosine=matrix 2",
                                       "thumbs failed: no such image"}));
        QCOMPARE(ran.load(), 4);

        // One worker thread for everything, never the GUI thread; signals on the GUI thread.
        QThread* gui = QCoreApplication::instance()->thread();
        QCOMPARE(workThreads.size(), 4);
        for (QThread* t : workThreads) QCOMPARE(t, workThreads.first());
        QVERIFY(workThreads.first() != gui);
        for (QThread* t : signalThreads) QCOMPARE(t, gui);

        // A later request runs on the same thread.
        runner.request("trace", [&] {
            note();
            return QVariant("later");
        });
        QTRY_VERIFY_WITH_TIMEOUT(answers.size() == 5, kTimeoutMs);
        QCOMPARE(answers.last(), QString("trace=later"));
        QCOMPARE(workThreads.last(), workThreads.first());
    }

    void destroyingWaitsForTheRunningRequest() {
        std::atomic<bool> started{false}, finished{false}, droppedRan{false};
        {
            LatestRequestRunner runner;
            runner.request("slow", [&started, &finished] {
                started = true;
                std::this_thread::sleep_for(std::chrono::milliseconds(500));
                finished = true;
                return QVariant();
            });
            runner.request("dropped", [&droppedRan] {
                droppedRan = true;
                return QVariant();
            });
            QTRY_VERIFY_WITH_TIMEOUT(started.load(), kTimeoutMs);
            QVERIFY(!finished);
        }
        QVERIFY(finished);  // the destructor waited for the running request
        QVERIFY(!droppedRan);  // and dropped the waiting one
        QCoreApplication::processEvents();  // nothing queued for the dead runner may run now
    }
};

QTEST_MAIN(TestJobRunner)
#include "test_job_runner.moc"
