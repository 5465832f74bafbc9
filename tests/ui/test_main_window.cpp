// The main window as a user drives it, on a real tiny pool: opening fills every view, the pool's
// check boxes choose what the merge panel runs, a run lands in the accuracy table and (WEMoE)
// in the routing inspector, the λ-sweep and adaptation-signal cards follow their jobs, a bad pool
// path is a message and not a crash.
#include <torch/torch.h>

#include <QtTest>

#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>

#include "support/signal_wait.h"
#include "support/tiny_models.h"
#include "ui/lab/job_runner.h"
#include "ui/lab_controller.h"
#include "ui/main_window.h"
#include "ui/merge/merge_panel.h"
#include "ui/merge/method_form.h"
#include "ui/pool_table_model.h"
#include "ui/results/entropy_signal_figure.h"
#include "ui/results/interference_panel.h"
#include "ui/results/lambda_sweep_figure.h"
#include "ui/results/accuracy_panel.h"
#include "ui/results/accuracy_table_model.h"
#include "ui/routing/routing_inspector.h"

using namespace ms;
using ms::test::waitFor;

class TestMainWindow : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString manifest_;

private Q_SLOTS:
    void initTestCase() {
        qputenv("MERGESCOPE_NO_TOUR", "1");
        test::TinyPool pool(3);
        manifest_ = QString::fromStdString(test::writeTinyPool(pool, dir_.path().toStdString(), 8));
    }

    void aUserMergesAndInspects() {
        ui::MainWindow window;
        window.controller()->setSessionFolder(dir_.path() + "/session");
        QCOMPARE(window.tabs()->count(), 6);
        QSignalSpy baselines(window.controller(), &ui::LabController::baselinesReady);
        QVERIFY(window.openPool(manifest_));
        QVERIFY(waitFor(baselines));
        QCOMPARE(window.accuracyPanel()->model()->rows().size(), 2);  // pretrained, individual
        QVERIFY(window.mergePanel()->runButton()->isEnabled());

        // Unticking every task disables Run; ticking one enables it and the run merges only it.
        auto* pool = window.poolModel();
        for (int r = 0; r < pool->rowCount(); ++r)
            pool->setData(pool->index(r, ui::PoolTableModel::Task), Qt::Unchecked, Qt::CheckStateRole);
        QVERIFY(!window.mergePanel()->runButton()->isEnabled());
        pool->setData(pool->index(1, ui::PoolTableModel::Task), Qt::Checked, Qt::CheckStateRole);
        QVERIFY(window.mergePanel()->runButton()->isEnabled());
        QCOMPARE(window.controller()->session().chosenTasks, QStringList{"task1"});

        QSignalSpy added(window.controller(), &ui::LabController::resultAdded);
        window.mergePanel()->selectMethod("task_arithmetic");
        QTest::mouseClick(window.mergePanel()->runButton(), Qt::LeftButton);
        QVERIFY(!window.mergePanel()->runButton()->isEnabled());  // disabled while the job runs
        QVERIFY(waitFor(added));
        QTRY_VERIFY(window.mergePanel()->runButton()->isEnabled());
        const auto& rows = window.accuracyPanel()->model()->rows();
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows.back().tasks, QStringList{"task1"});

        // WEMoE on two tasks: the inspector gets the result, and its state before adaptation.
        pool->setData(pool->index(0, ui::PoolTableModel::Task), Qt::Checked, Qt::CheckStateRole);
        window.mergePanel()->selectMethod("wemoe");
        window.mergePanel()->form()->setValues({{"steps", 2}, {"batch_size", 2}});
        QTest::mouseClick(window.mergePanel()->runButton(), Qt::LeftButton);
        QVERIFY(waitFor(added, 2));
        QCOMPARE(window.routingInspector()->currentResultId(), QString("wemoe"));
        QCOMPARE(window.routingInspector()->compareResultId(), QString("wemoe@init"));
        QSignalSpy traced(window.controller(), &ui::LabController::traceReady);
        window.routingInspector()->selectImage(0, 2);
        QVERIFY(waitFor(traced, 2));  // the result and its state before adaptation
        QCOMPARE(window.accuracyPanel()->model()->rows().size(), 4);

        // The session keeps results, choices and view options across windows.
        window.accuracyPanel()->setNormalised(true);
        window.showTab(ui::MainWindow::AccuracyTab);
        const QString path = dir_.path() + "/window-session.json";
        QCOMPARE(window.saveSession(path), QString());
        ui::MainWindow restored;
        QSignalSpy done(restored.controller(), &ui::LabController::sessionRestored);
        QString error;
        QVERIFY2(restored.openSession(path, &error), qPrintable(error));
        QVERIFY(waitFor(done));
        QCOMPARE(restored.accuracyPanel()->model()->rows().size(), 4);
        QVERIFY(restored.accuracyPanel()->model()->isNormalised());
        QCOMPARE(restored.tabs()->currentIndex(), int(ui::MainWindow::AccuracyTab));
        QCOMPARE(restored.routingInspector()->currentResultId(), QString("wemoe"));
        QCOMPARE(restored.poolModel()->checkedTasks(), (QStringList{"task0", "task1"}));
    }

    void theMeasurementCardsFollowTheirJobs() {
        ui::MainWindow window;
        window.controller()->setSessionFolder(dir_.path() + "/session-signal");
        QSignalSpy baselines(window.controller(), &ui::LabController::baselinesReady);
        QVERIFY(window.openPool(manifest_));
        QVERIFY(waitFor(baselines));
        QTRY_VERIFY(!window.controller()->busy());  // the checkpoints are hashed after the baselines
        auto* card = window.interferencePanel()->signalFigure();
        QPushButton* compute = nullptr;
        for (auto* b : card->findChildren<QPushButton*>())
            if (b->text() == "Compute") compute = b;
        QVERIFY(compute);

        QSignalSpy ready(window.controller(), &ui::LabController::entropySignalReady);
        compute->click();
        QCOMPARE(card->state(), ui::FigurePanel::State::Busy);
        QVERIFY(!compute->isEnabled());
        QVERIFY(waitFor(ready));
        QCOMPARE(card->state(), ui::FigurePanel::State::Plot);
        QCOMPARE(card->signal().tasks, (QStringList{"task0", "task1", "task2"}));
        QCOMPARE(card->signal().layers, 2);
        QCOMPARE(card->cellTexts().size(), 9);

        // Cancelled, the card shows again what it showed (or, had the job won the race, the same
        // numbers measured again).
        QTRY_VERIFY(!window.controller()->busy());
        const QVector<double> shown = card->signal().values;
        compute->click();
        QCOMPARE(card->state(), ui::FigurePanel::State::Busy);
        window.controller()->cancel();
        QTRY_VERIFY(!window.controller()->busy());
        QTRY_COMPARE(card->state(), ui::FigurePanel::State::Plot);
        QCOMPARE(card->signal().values, shown);

        // The λ sweep's card follows its job the same way.
        auto* sweepCard = window.interferencePanel()->sweepFigure();
        QPushButton* run = nullptr;
        for (auto* b : sweepCard->findChildren<QPushButton*>())
            if (b->text() == "Run sweep") run = b;
        QVERIFY(run);
        QCOMPARE(sweepCard->state(), ui::FigurePanel::State::Empty);
        const QString prompt = sweepCard->message();
        QSignalSpy cancelled(window.controller()->jobs(), &ui::JobRunner::cancelled);
        QSignalSpy finished(window.controller()->jobs(), &ui::JobRunner::finished);
        run->click();
        QCOMPARE(sweepCard->state(), ui::FigurePanel::State::Busy);
        QVERIFY(!run->isEnabled());
        window.controller()->cancel();
        QTRY_VERIFY(cancelled.count() + finished.count() == 1);
        if (cancelled.count() == 1) {  // cancelled: the invitation is back
            QCOMPARE(sweepCard->state(), ui::FigurePanel::State::Empty);
            QCOMPARE(sweepCard->message(), prompt);
        } else {  // the job won the race: its sweep is drawn
            QCOMPARE(sweepCard->state(), ui::FigurePanel::State::Plot);
        }
        QVERIFY(run->isEnabled());

        QSignalSpy swept(window.controller(), &ui::LabController::sweepReady);
        run->click();
        QCOMPARE(sweepCard->state(), ui::FigurePanel::State::Busy);
        QVERIFY(waitFor(swept));
        QCOMPARE(sweepCard->state(), ui::FigurePanel::State::Plot);
        QVERIFY(run->isEnabled());
        QCOMPARE(card->state(), ui::FigurePanel::State::Plot);  // the other card was not touched
    }

    void aBadPoolPathIsAMessage() {
        ui::MainWindow window;
        QVERIFY(!window.openPool(dir_.path() + "/no-such-pool"));
        QCOMPARE(window.poolModel()->rowCount(), 0);
        QVERIFY(!window.controller()->poolReady());
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
