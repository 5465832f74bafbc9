#include "ui/screenshot_session.h"

#include <cstdio>

#include <QDir>
#include <QTabWidget>
#include <QTimer>

#include "ui/lab/job_runner.h"
#include "ui/lab_controller.h"
#include "ui/main_window.h"
#include "ui/merge/merge_panel.h"
#include "ui/routing/routing_inspector.h"
#include "ui/teaching/method_guide.h"
#include "ui/teaching/ties_step_through.h"

namespace ms::ui {

namespace {
constexpr int kSettleMs = 600;  // let queued replots and layouts land before grabbing
}

ScreenshotSession::ScreenshotSession(MainWindow* window, QString folder, int wemoeSteps)
    : QObject(window), window_(window), folder_(std::move(folder)), wemoeSteps_(wemoeSteps) {}

void ScreenshotSession::start() {
    QDir().mkpath(folder_);
    auto* c = window_->controller();
    // Each step starts something and continues on the signal that says it is done.
    auto after = [this, c](auto signal) {
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = connect(c, signal, this, [this, connection] {
            disconnect(*connection);
            QTimer::singleShot(kSettleMs, this, &ScreenshotSession::next);
        });
    };
    connect(c->jobs(), &JobRunner::failed, this, [this](const QString& title, const QString& why) { fail(title + ": " + why); });
    steps_ = {
        [this, after, c] {
            if (c->poolReady()) return next();
            after(&LabController::baselinesReady);
        },
        [this] {
            window_->showTab(MainWindow::PoolTab);
            capture(QStringLiteral("pool"));
        },
        [this, after, c] {
            after(&LabController::resultAdded);
            c->runMerge(QStringLiteral("task_arithmetic"), {}, QStringLiteral("cpu"), 0);
        },
        [this, after, c] {
            after(&LabController::resultAdded);
            c->runMerge(QStringLiteral("ties"), {}, QStringLiteral("cpu"), 0);
        },
        [this, after, c] {
            window_->showTab(MainWindow::MergeTab);
            window_->mergePanel()->selectMethod(QStringLiteral("wemoe"));
            after(&LabController::resultAdded);
            c->runMerge(QStringLiteral("wemoe"), {{QStringLiteral("steps"), wemoeSteps_}}, QStringLiteral("cpu"), 0);
        },
        [this] { capture(QStringLiteral("merge-and-adapt")); },
        [this, after] {
            window_->showTab(MainWindow::RoutingTab);
            after(&LabController::traceReady);
            window_->routingInspector()->selectImage(0, 3);
        },
        [this] { capture(QStringLiteral("routing-inspector")); },
        [this] {
            window_->routingInspector()->tabs()->setCurrentIndex(window_->routingInspector()->tabs()->count() - 1);
            QTimer::singleShot(kSettleMs, this, [this] { capture(QStringLiteral("routing-test-set")); });
        },
        [this] {
            window_->showTab(MainWindow::AccuracyTab);
            QTimer::singleShot(kSettleMs, this, [this] { capture(QStringLiteral("accuracy")); });
        },
        [this, after, c] {
            window_->showTab(MainWindow::InterferenceTab);
            after(&LabController::sweepReady);
            QVector<double> lambdas;
            for (int i = 0; i <= 10; ++i) lambdas << 0.1 * i;
            c->requestSweep(lambdas);
        },
        [this, after, c] {
            after(&LabController::entropySignalReady);
            c->requestEntropySignal(0.3);
        },
        [this, after, c] {
            after(&LabController::diagnosticReady);
            c->requestDiagnostic(PoolDiagnostic::Kind::Identifiability, 0.3);
        },
        [this] { capture(QStringLiteral("interference")); },
        [this, after, c] {
            after(&LabController::diagnosticReady);
            c->requestDiagnostic(PoolDiagnostic::Kind::Alignment, 0.3, 100);
        },
        [this] { capture(QStringLiteral("interference-alignment")); },
        [this, after, c] {
            after(&LabController::diagnosticReady);
            c->requestDiagnostic(PoolDiagnostic::Kind::Disentanglement, 0.3, 100);
        },
        [this] { capture(QStringLiteral("interference-disentanglement")); },
        [this, after, c] {
            after(&LabController::sweepReady);
            c->requestOraclePath({0.0, 0.25, 0.5, 0.75, 1.0});
        },
        [this] { capture(QStringLiteral("interference-oracle")); },
        [this] {
            window_->showTab(MainWindow::LearnTab);
            window_->findChild<MethodGuide*>()->selectMethod(QStringLiteral("wemoe"));
            QTimer::singleShot(kSettleMs, this, [this] { capture(QStringLiteral("learn-methods")); });
        },
        [this] {
            auto* learn = window_->findChild<QTabWidget*>(QStringLiteral("learnTabs"));
            learn->setCurrentIndex(1);
            window_->findChild<TiesStepThrough*>()->setStep(3);
            QTimer::singleShot(kSettleMs, this, [this] { capture(QStringLiteral("learn-ties")); });
        },
        [this] { Q_EMIT finished(true); },
    };
    current_ = 0;
    steps_[0]();
}

void ScreenshotSession::next() {
    if (++current_ < steps_.size()) steps_[current_]();
}

void ScreenshotSession::capture(const QString& name) {
    const QString path = folder_ + QLatin1Char('/') + name + QStringLiteral(".png");
    if (!window_->grab().save(path)) return fail(tr("cannot write %1").arg(path));
    std::printf("%s\n", qPrintable(path));
    std::fflush(stdout);
    next();
}

void ScreenshotSession::fail(const QString& why) {
    std::fprintf(stderr, "screenshots: %s\n", qPrintable(why));
    Q_EMIT finished(false);
}

}  // namespace ms::ui
