// A figure follows its JobRunner job: busy from the start, the job's error on failure, what it
// showed before on cancel, drawn by its result slot on success (unlocked if that drew nothing),
// untouched when the request was refused; another job's outcome never reaches it.
#include <torch/torch.h>

#include <atomic>
#include <chrono>
#include <future>
#include <stdexcept>
#include <thread>

#include <QtTest>

#include "core/run/progress.h"
#include "ui/base/figure_panel.h"
#include "ui/lab/figure_job.h"
#include "ui/lab/job_runner.h"

using namespace ms;
using ui::FigureJobFollower;
using ui::FigurePanel;
using ui::JobRunner;
using State = FigurePanel::State;

namespace {

constexpr int kTimeoutMs = 30000;

QVariant untilCancelled(const ui::JobHooks& hooks) {
    for (;;) {
        if (hooks.cancelled()) throw Cancelled{};
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

}  // namespace

class TestFigureJob : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aFailedJobShowsItsErrorOnTheFigure() {
        JobRunner jobs;
        FigureJobFollower follower(&jobs);
        FigurePanel figure("f");
        figure.showPlot();
        QVERIFY(jobs.start("sweep", [](const ui::JobHooks&) -> QVariant { throw std::runtime_error("out of memory"); }));
        follower.follow(&figure, "Sweeping…");
        QCOMPARE(figure.state(), State::Busy);
        QCOMPARE(follower.following(), &figure);
        QTRY_COMPARE_WITH_TIMEOUT(figure.state(), State::Error, kTimeoutMs);
        QCOMPARE(figure.message(), QString("out of memory"));
        QCOMPARE(follower.following(), nullptr);
    }

    void aCancelledJobLeavesTheFigureAsItWas() {
        JobRunner jobs;
        FigureJobFollower follower(&jobs);
        FigurePanel figure("f");
        figure.showEmpty("Press Compute.");
        QVERIFY(jobs.start("signal", untilCancelled));
        follower.follow(&figure, "Measuring…");
        QCOMPARE(figure.message(), QString("Measuring…"));
        jobs.cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!jobs.busy(), kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(figure.state(), State::Empty, kTimeoutMs);
        QCOMPARE(figure.message(), QString("Press Compute."));
        QCOMPARE(follower.following(), nullptr);
    }

    void aFinishedJobIsDrawnByItsResultAndLetGo() {
        JobRunner jobs;
        FigureJobFollower follower(&jobs);
        FigurePanel figure("f");
        QVERIFY(jobs.start("sweep", [](const ui::JobHooks&) { return QVariant(1); },
                           [&figure](const QVariant&) { figure.showPlot(); }));
        follower.follow(&figure, "Sweeping…");
        QTRY_COMPARE_WITH_TIMEOUT(follower.following(), nullptr, kTimeoutMs);
        QCOMPARE(figure.state(), State::Plot);
    }

    void aFinishedJobWhoseResultDrewNothingUnlocksTheFigure() {
        JobRunner jobs;
        FigureJobFollower follower(&jobs);
        FigurePanel figure("f");
        figure.showEmpty("Press Run.");
        QVERIFY(jobs.start("sweep", [](const ui::JobHooks&) { return QVariant(); }));
        follower.follow(&figure, "Sweeping…");
        QTRY_COMPARE_WITH_TIMEOUT(follower.following(), nullptr, kTimeoutMs);
        QCOMPARE(figure.state(), State::Empty);
        QCOMPARE(figure.message(), QString("Press Run."));
    }

    void aRefusedRequestLeavesTheFigureAlone() {
        JobRunner jobs;
        FigureJobFollower follower(&jobs);
        FigurePanel figure("f");
        figure.showPlot();
        follower.follow(&figure, "Sweeping…");  // nothing runs: the request was refused
        QCOMPARE(figure.state(), State::Plot);
        QCOMPARE(follower.following(), nullptr);
    }

    void anotherFiguresJobDoesNotEndThisOnesBusy() {
        // Only the followed job's title counts: a job started elsewhere while the figure waits for
        // its own (impossible with one runner, but the follower must not guess) is not its outcome.
        JobRunner jobs;
        FigureJobFollower follower(&jobs);
        FigurePanel figure("f");
        figure.showPlot();
        std::promise<void> gate;
        std::shared_future<void> open = gate.get_future().share();
        QVERIFY(jobs.start("signal", [open](const ui::JobHooks&) {
            open.wait();
            return QVariant();
        }));
        follower.follow(&figure, "Measuring…");
        Q_EMIT jobs.cancelled("merge");
        Q_EMIT jobs.failed("merge", "bad checkpoint");
        Q_EMIT jobs.finished("merge", QVariant());
        QCOMPARE(figure.state(), State::Busy);
        QCOMPARE(follower.following(), &figure);
        gate.set_value();
        QTRY_VERIFY_WITH_TIMEOUT(!jobs.busy(), kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(follower.following(), nullptr, kTimeoutMs);
        QCOMPARE(figure.state(), State::Plot);  // its own job drew nothing: back as it was
    }
};

QTEST_MAIN(TestFigureJob)
#include "test_figure_job.moc"
