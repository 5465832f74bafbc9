// The app's controller on a real (tiny) pool: opening evaluates the baselines exactly as the
// engine does, a merge job adds a result whose accuracy equals core's evaluation, adaptation
// streams its loss and can be cancelled without adding anything, routing traces have the right
// shape and predictions, interference requests answer, the adaptation signal equals core's, and a
// session round-trips.
#include <torch/torch.h>

#include <cmath>

#include <QtTest>

#include <QSignalSpy>
#include <QTemporaryDir>

#include "core/analysis/diagnostic_verdicts.h"
#include "core/analysis/entropy_signal.h"
#include "core/eval/pool_evaluator.h"
#include "core/merge/merge_method.h"
#include "core/merge/task_vectors.h"
#include "core/model/pool_models.h"
#include "support/signal_wait.h"
#include "support/tiny_models.h"
#include "ui/lab/job_runner.h"
#include "ui/lab_controller.h"

using namespace ms;
using ms::test::waitFor;

class TestLabController : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    std::unique_ptr<test::TinyPool> pool_;
    QString manifest_;

    void openPool(ui::LabController& c) {
        QSignalSpy opened(&c, &ui::LabController::baselinesReady);
        QVERIFY(c.openPool(manifest_));
        QVERIFY(waitFor(opened));
        QVERIFY(c.poolReady());
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        pool_ = std::make_unique<test::TinyPool>(3);
        manifest_ = QString::fromStdString(test::writeTinyPool(*pool_, dir_.path().toStdString(), 9));
    }

    void openingEvaluatesTheBaselinesAsTheEngineDoes() {
        ui::LabController c;
        c.setSessionFolder(dir_.path() + "/session-a");
        QSignalSpy facts(&c, &ui::LabController::checkpointFactsReady);
        QSignalSpy baselines(&c, &ui::LabController::baselinesReady);
        QVERIFY(c.openPool(manifest_));
        QVERIFY(!c.openPool(manifest_));  // a job runs: refused, not queued
        QVERIFY(waitFor(baselines));
        QCOMPARE(c.tasks().size(), 3);
        QCOMPARE(c.chosenTasks().size(), 3);
        const auto rows = baselines.at(0).at(0).value<QVector<ui::MethodAccuracy>>();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0].id, QString("pretrained"));
        QVERIFY(rows[0].baseline && rows[1].baseline);

        const auto models = model::loadPoolModels(manifest_.toStdString());
        eval::PoolEvaluator evaluator(models, eval::EvalSettings{});
        const auto individual = evaluator.evaluateIndividual();
        for (int t = 0; t < 3; ++t) QCOMPARE(rows[1].accuracy[t], individual.tasks[size_t(t)].accuracy());
        QVERIFY(waitFor(facts));
        const auto f = facts.at(0).at(0).value<QVector<ui::Lab::CheckpointFacts>>();
        QCOMPARE(f.size(), 4);  // pretrained + 3 experts
        QCOMPARE(f[1].task, QString("task0"));
        QCOMPARE(f[1].sha256.size(), 64);
        QCOMPARE(f[1].dtype, QString("F32"));
        QCOMPARE(f[1].parameters, qint64(pool_->config.parameterCount()));
    }

    void aMergeJobAddsAResultThatMatchesTheEngine() {
        ui::LabController c;
        c.setSessionFolder(dir_.path() + "/session-b");
        openPool(c);
        c.setChosenTasks({"task2", "task0"});  // kept in pool order
        QCOMPARE(c.session().chosenTasks, (QStringList{"task0", "task2"}));
        QSignalSpy added(&c, &ui::LabController::resultAdded);
        QVERIFY(c.runMerge("task_arithmetic", {{"lambda", 0.5}}, "cpu", 0));
        QVERIFY(waitFor(added));
        const auto result = added.at(0).at(0).value<ui::SessionResult>();
        QCOMPARE(result.accuracy.id, QString("task_arithmetic"));
        QCOMPARE(result.accuracy.tasks, (QStringList{"task0", "task2"}));
        QVERIFY(QFileInfo::exists(result.folder + "/recipe.json"));
        QVERIFY(QFileInfo::exists(result.folder + "/model/model.safetensors"));
        QVERIFY(result.accuracy.caption.contains("lambda 0.5"));

        const auto models = model::loadPoolModels(manifest_.toStdString(), "task0,task2");
        eval::PoolEvaluator evaluator(models, eval::EvalSettings{});
        const auto expected = evaluator.evaluateShared(
            "ta", merge::taskArithmetic(models.pretrained.tensors,
                                        {&models.finetuned[0].tensors, &models.finetuned[1].tensors}, 0.5));
        QCOMPARE(result.accuracy.accuracy[0], expected.tasks[0].accuracy());
        QCOMPARE(result.accuracy.accuracy[1], expected.tasks[1].accuracy());

        // The same method again gets a new id.
        QVERIFY(c.runMerge("task_arithmetic", {{"lambda", 0.3}}, "cpu", 0));
        QVERIFY(waitFor(added, 2));
        QCOMPARE(added.at(1).at(0).value<ui::SessionResult>().accuracy.id, QString("task_arithmetic-2"));
        QVERIFY(QFileInfo::exists(c.sessionFolder() + "/session.json"));  // autosaved
    }

    void wemoeStreamsItsLossRoutesAndTraces() {
        ui::LabController c;
        c.setSessionFolder(dir_.path() + "/session-c");
        openPool(c);
        QSignalSpy started(&c, &ui::LabController::adaptationStarted);
        QSignalSpy loss(&c, &ui::LabController::lossPoint);
        QSignalSpy added(&c, &ui::LabController::resultAdded);
        QVERIFY(c.runMerge("wemoe", {{"steps", 3}, {"batch_size", 2}}, "cpu", 1));
        QVERIFY(waitFor(added));
        QCOMPARE(started.count(), 1);
        QCOMPARE(started.at(0).at(1).toInt(), 3);
        QCOMPARE(loss.count(), 3);
        QCOMPARE(loss.at(2).at(0).value<ui::LossPoint>().step, 3);
        const auto result = added.at(0).at(0).value<ui::SessionResult>();
        QVERIFY(result.routes);
        QCOMPARE(result.loss.size(), 3);
        QCOMPARE(result.routing.layers, pool_->config.numLayers);
        QCOMPARE(result.routing.firstChoice.size(), 3 * pool_->config.numLayers);

        QSignalSpy traced(&c, &ui::LabController::traceReady);
        c.requestTrace(result.accuracy.id, 1, 4);
        QVERIFY(waitFor(traced));
        const auto trace = traced.at(0).at(0).value<ui::RoutingTrace>();
        QCOMPARE(trace.layers, pool_->config.numLayers);
        QCOMPARE(trace.weights.size(), pool_->config.numLayers * 3);
        QCOMPARE(trace.trueTask, 1);
        QCOMPARE(trace.predictions.size(), 3);
        QCOMPARE(trace.image.width(), pool_->config.imageSize);
        double sum = 0;
        for (double p : trace.predictions[0].probabilities) sum += p;
        QVERIFY(std::fabs(sum - 1.0) < 1e-5);

        // The state before adaptation is there to compare with: routers at their initial λ.
        c.requestTrace(ui::Lab::initialStateId(result.accuracy.id), 1, 4);
        QVERIFY(waitFor(traced, 2));
        const auto before = traced.at(1).at(0).value<ui::RoutingTrace>();
        QCOMPARE(before.resultId, ui::Lab::initialStateId(result.accuracy.id));
        QCOMPARE(before.weights.size(), trace.weights.size());
        for (double w : before.weights) QVERIFY2(std::fabs(w - 0.3) < 0.05, qPrintable(QString::number(w)));

        // A static result does not route: a clear failure, not a crash.
        QSignalSpy failedTrace(&c, &ui::LabController::traceFailed);
        QVERIFY(waitFor(added, 1));
        QVERIFY(c.runMerge("average", {}, "cpu", 0));
        QVERIFY(waitFor(added, 2));
        c.requestTrace("average", 0, 0);
        QVERIFY(waitFor(failedTrace));
        QVERIFY(failedTrace.at(0).at(0).toString().contains("does not route"));
        // An unreadable image file: a message naming it.
        c.requestTraceFile(result.accuracy.id, dir_.path() + "/missing.png");
        QVERIFY(waitFor(failedTrace, 2));
        QVERIFY(failedTrace.at(1).at(0).toString().contains("missing.png"));
    }

    void cancellingAdaptationAddsNothing() {
        ui::LabController c;
        c.setSessionFolder(dir_.path() + "/session-d");
        openPool(c);
        QSignalSpy loss(&c, &ui::LabController::lossPoint);
        QSignalSpy cancelled(c.jobs(), &ui::JobRunner::cancelled);
        QSignalSpy added(&c, &ui::LabController::resultAdded);
        QVERIFY(c.runMerge("wemoe", {{"steps", 100000}, {"batch_size", 2}}, "cpu", 0));
        QVERIFY(waitFor(loss));
        c.cancel();
        QVERIFY(waitFor(cancelled));
        QVERIFY(!c.busy());
        QCOMPARE(added.count(), 0);
        QVERIFY(c.session().results.isEmpty());
        QVERIFY(!QFileInfo::exists(c.sessionFolder() + "/results/wemoe"));
    }

    void interferenceRequestsAnswer() {
        ui::LabController c;
        c.setSessionFolder(dir_.path() + "/session-e");
        openPool(c);
        QSignalSpy cosine(&c, &ui::LabController::cosineReady);
        c.requestCosine("mlp", -1);
        QVERIFY(waitFor(cosine));
        const auto m = cosine.at(0).at(0).value<ui::LabeledMatrix>();
        QCOMPARE(m.rows.size(), 3);
        for (int i = 0; i < 3; ++i) QVERIFY(std::fabs(m.at(i, i) - 1.0) < 1e-6);
        QCOMPARE(m.at(0, 1), m.at(1, 0));

        QSignalSpy conflicts(&c, &ui::LabController::conflictsReady);
        c.requestConflicts(20.0);
        QVERIFY(waitFor(conflicts));
        const auto p = conflicts.at(0).at(0).value<ui::SignConflictProfile>();
        QCOMPARE(p.rate.size(), pool_->config.numLayers);
        QVERIFY(p.overall > 0.0 && p.overall < 1.0);

        QSignalSpy ties(&c, &ui::LabController::tiesWalkthroughReady);
        c.requestTiesWalkthrough(25.0, 8, 3);
        QVERIFY(waitFor(ties));
        const auto w = ties.at(0).at(0).value<ui::TiesWalkthrough>();
        QCOMPARE(w.vectors.size(), 3);
        QCOMPARE(w.merged.size(), 8);
        for (int t = 0; t < 3; ++t) {
            int kept = 0;
            for (double v : w.trimmed[t]) kept += v != 0.0;
            QCOMPARE(kept, 2);  // the top 25 % of 8 entries
        }

        QSignalSpy sweep(&c, &ui::LabController::sweepReady);
        QVERIFY(c.requestSweep({0.0, 1.0}));
        QVERIFY(waitFor(sweep));
        const auto s = sweep.at(0).at(0).value<ui::LambdaSweep>();
        QCOMPARE(s.lambdas, (QVector<double>{0.0, 1.0}));
        QCOMPARE(s.accuracy.size(), 2);
        QCOMPARE(s.accuracy[0].size(), 3);
        QCOMPARE(s.accuracy[0], c.session().baselines[0].accuracy);  // λ = 0 is the pretrained model
        // The mean prediction entropy at each λ, within [0, ln(classes)].
        QCOMPARE(s.entropy.size(), 2);
        for (double e : s.entropy) QVERIFY2(e > 0.0 && e < std::log(16.0), qPrintable(QString::number(e)));

        // The way to oracle routing starts at task arithmetic at its λ: the same numbers.
        QVERIFY(c.requestSweep({0.4}));
        QVERIFY(waitFor(sweep, 2));
        const auto ta = sweep.last().at(0).value<ui::LambdaSweep>();
        QVERIFY(c.requestOraclePath({0.0, 1.0}, 0.4));
        QVERIFY(waitFor(sweep, 3));
        const auto path = sweep.last().at(0).value<ui::LambdaSweep>();
        QCOMPARE(path.kind, ui::LambdaSweep::Kind::TowardOracle);
        QCOMPARE(path.startLambda, 0.4);
        QCOMPARE(path.lambdas, (QVector<double>{0.0, 1.0}));
        QCOMPARE(path.accuracy[0], ta.accuracy[0]);
        QVERIFY(std::abs(path.entropy[0] - ta.entropy[0]) < 1e-5);
        QVERIFY(path.accuracy[1] != path.accuracy[0] || std::abs(path.entropy[1] - path.entropy[0]) > 1e-4);
    }

    void theAdaptationSignalIsTheEngines() {
        ui::LabController c;
        c.setSessionFolder(dir_.path() + "/session-signal");
        openPool(c);
        QTRY_VERIFY(!c.busy());  // the checkpoints are hashed after the baselines
        c.setChosenTasks({"task0", "task2"});
        QSignalSpy ready(&c, &ui::LabController::entropySignalReady);
        QVERIFY(c.requestEntropySignal(0.4));
        QVERIFY(!c.requestEntropySignal(0.4));  // one job at a time: refused, not queued
        QVERIFY(waitFor(ready));
        QTRY_VERIFY(!c.busy());
        QCOMPARE(ready.count(), 1);
        const auto signal = ready.at(0).at(0).value<ui::AdaptationSignal>();

        const auto models = model::loadPoolModels(manifest_.toStdString(), "task0,task2");
        eval::PoolEvaluator evaluator(models, eval::EvalSettings{});
        const auto inputs = merge::MergeInputs::fromPool(models, torch::kCPU);
        const auto expected = analysis::entropySignal(evaluator, inputs, models.pretrained.preprocess, 0.4, 32);
        QCOMPARE(signal.tasks, (QStringList{"task0", "task2"}));
        QCOMPARE(signal.layers, pool_->config.numLayers);
        QCOMPARE(signal.lambda, 0.4);
        QCOMPARE(signal.values.size(), pool_->config.numLayers * 4);
        double largest = 0.0;
        for (int l = 0; l < signal.layers; ++l) {
            for (int s = 0; s < 2; ++s)
                for (int t = 0; t < 2; ++t) {
                    const double want = expected.perLayer[l][s][t].item<double>();
                    QVERIFY2(std::fabs(signal.at(l, s, t) - want) <= 1e-9 * std::max(1.0, std::fabs(want)),
                             qPrintable(QString("layer %1 [%2, %3]: %4 vs %5")
                                            .arg(l).arg(s).arg(t).arg(signal.at(l, s, t)).arg(want)));
                    largest = std::max(largest, std::fabs(want));
                }
            // The view's count of "own vector surest" is core's.
            QCOMPARE(signal.ownVectorSurestCount(l), int(std::lround(expected.ownVectorFirst()[l].item<double>() * 2)));
        }
        QVERIFY2(largest > 1e-6, qPrintable(QString::number(largest)));  // a signal, not zeros
        for (int s = 0; s < 2; ++s)
            for (int t = 0; t < 2; ++t) {
                const double want = expected.total()[s][t].item<double>();
                QVERIFY(std::fabs(signal.at(-1, s, t) - want) <= 1e-9 * std::max(1.0, std::fabs(want)));
            }
    }

    // The Diagnostics card's numbers and verdicts are core's, for the chosen tasks; a second
    // request while one runs is refused.
    void poolDiagnosticsAreCoresOnTheChosenTasks() {
        ui::LabController c;
        openPool(c);
        QTRY_VERIFY(!c.busy());
        c.setChosenTasks({"task0", "task1", "task2"});
        QSignalSpy ready(&c, &ui::LabController::diagnosticReady);
        QVERIFY(c.requestDiagnostic(ui::PoolDiagnostic::Kind::Identifiability, 0.4, 16));
        QVERIFY(!c.requestDiagnostic(ui::PoolDiagnostic::Kind::Alignment, 0.4, 16));
        QVERIFY(waitFor(ready));
        QTRY_VERIFY(!c.busy());
        const auto id = ready.at(0).at(0).value<ui::PoolDiagnostic>();

        const auto models = model::loadPoolModels(manifest_.toStdString(), "task0,task1,task2");
        eval::PoolEvaluator evaluator(models, eval::EvalSettings{});
        const auto inputs = merge::MergeInputs::fromPool(models, torch::kCPU);
        analysis::IdentifiabilitySettings settings;
        settings.lambda = 0.4;
        settings.imagesPerTask = 16;
        const auto expected = analysis::taskIdentifiability(evaluator, inputs, models.pretrained.preprocess, settings);
        QVERIFY(id.isValid());
        QCOMPARE(id.kind, ui::PoolDiagnostic::Kind::Identifiability);
        QCOMPARE(id.tasks, (QStringList{"task0", "task1", "task2"}));
        QCOMPARE(id.layers(), pool_->config.numLayers);
        for (int l = 0; l < id.layers(); ++l) QCOMPARE(id.layerAccuracy[l], expected.perLayer[size_t(l)]);
        QCOMPARE(id.verdict, QString::fromStdString(analysis::verdict(expected).text));
        QCOMPARE(id.target, analysis::kIdentifiabilityTarget);

        QVERIFY(c.requestDiagnostic(ui::PoolDiagnostic::Kind::Disentanglement, 0.4, 8));
        QVERIFY(waitFor(ready, 2));
        QTRY_VERIFY(!c.busy());
        const auto dis = ready.at(1).at(0).value<ui::PoolDiagnostic>();
        QVERIFY(dis.isValid());
        QCOMPARE(dis.pairError.size(), 9);
        QVERIFY(std::isnan(dis.pairAt(1, 1)));
        QCOMPARE(dis.pairAt(0, 2), dis.pairAt(2, 0));
        QVERIFY(dis.verdict.startsWith("disentanglement error"));

        QVERIFY(c.requestDiagnostic(ui::PoolDiagnostic::Kind::Alignment, 0.4, 8));
        QVERIFY(waitFor(ready, 3));
        QTRY_VERIFY(!c.busy());
        const auto al = ready.at(2).at(0).value<ui::PoolDiagnostic>();
        QVERIFY(al.isValid());
        QCOMPARE(al.alignment.size(), 3);
        QCOMPARE(al.lambda, 0.4);
        QVERIFY(al.verdict.startsWith("alignment: entropy optimum within 3 points"));
    }

    void aSessionRoundTrips() {
        QString path;
        QString resultFolder;
        {
            ui::LabController c;
            c.setSessionFolder(dir_.path() + "/session-f");
            openPool(c);
            c.setChosenTasks({"task1", "task2"});
            QSignalSpy added(&c, &ui::LabController::resultAdded);
            QVERIFY(c.runMerge("ties", {}, "cpu", 0));
            QVERIFY(waitFor(added));
            resultFolder = added.at(0).at(0).value<ui::SessionResult>().folder;
            path = dir_.path() + "/saved-session.json";
            QCOMPARE(c.saveSession(path), QString());
        }
        ui::LabController restored;
        QSignalSpy done(&restored, &ui::LabController::sessionRestored);
        QString error;
        QVERIFY2(restored.loadSession(path, &error), qPrintable(error));
        QVERIFY(waitFor(done));
        QCOMPARE(restored.session().chosenTasks, (QStringList{"task1", "task2"}));
        QCOMPARE(restored.session().results.size(), 1);
        QCOMPARE(restored.session().results[0].folder, resultFolder);
        QCOMPARE(restored.session().baselines.size(), 2);

        // A session whose result folder is gone is refused with the reason.
        QDir(resultFolder).removeRecursively();
        ui::LabController broken;
        QVERIFY(!broken.loadSession(path, &error));
        QVERIFY(error.contains("missing"));
        QVERIFY(!broken.loadSession(dir_.path() + "/nope.json", &error));
        QVERIFY(error.contains("nope.json"));
    }
};

QTEST_MAIN(TestLabController)
#include "test_lab_controller.moc"
