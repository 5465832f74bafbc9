// Both panels filled with realistic data, grabbed at 1300 × 800 the way a user sees them, and
// every figure exported. Set MS_RESULTS_SCREENSHOTS to a folder to keep the PNGs for a look
// (results_<view>.png); by default they go to a temporary folder.
#include <QtTest>

#include <QTableView>
#include <QTemporaryDir>

#include "ui/results/accuracy_bar_chart.h"
#include "ui/results/accuracy_panel.h"
#include "ui/results/accuracy_table_model.h"
#include "ui/results/cosine_matrix_figure.h"
#include "ui/results/entropy_signal_figure.h"
#include "ui/results/fake_lab_data.h"
#include "ui/results/interference_panel.h"
#include "ui/results/lambda_sweep_figure.h"

using namespace ms::ui;
using namespace ms::ui::testing;

class TestResultsScreenshots : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        folder_ = qEnvironmentVariable("MS_RESULTS_SCREENSHOTS");
        if (folder_.isEmpty()) folder_ = temporary_.path();
    }

    void accuracyPanel() {
        AccuracyPanel panel;
        panel.resize(1300, 800);
        panel.setTasks(eightTasks());
        panel.setRows(paperRows());
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QCoreApplication::processEvents();
        QCOMPARE(panel.chart()->state(), FigureCard::State::Plot);
        save(panel, "accuracy");
        // Sorted by the average, descending, and normalised: baselines stay on top.
        panel.view()->sortByColumn(8, Qt::DescendingOrder);
        panel.setNormalised(true);
        QCoreApplication::processEvents();
        QCOMPARE(panel.model()->rowAt(2).id, QStringLiteral("wemoe-1"));
        save(panel, "accuracy_normalised");
        for (const char* suffix : {"png", "svg", "pdf"}) {
            const QString path = folder_ + "/results_accuracy_chart." + suffix;
            QCOMPARE(panel.chart()->exportButton()->exportFigureTo(path), QString());
            QVERIFY(QFileInfo(path).size() > 1000);
        }
    }

    void accuracyPanelEmptyAndBaselinesOnly() {
        AccuracyPanel panel;
        panel.resize(900, 500);
        panel.setTasks(eightTasks());
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(panel.emptyStateText().contains("No accuracies yet"));
        save(panel, "accuracy_empty");
        panel.setRows(paperRows().mid(0, 2));
        QCoreApplication::processEvents();
        QVERIFY(panel.emptyStateText().contains("Only the baselines"));
        save(panel, "accuracy_baselines_only");
    }

    void interferencePanel() {
        InterferencePanel panel;
        panel.resize(1300, 800);
        panel.setTasks(eightTasks());
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        save(panel, "interference_empty");
        panel.showCosine(fakeCosines());
        panel.showConflicts(fakeConflicts());
        panel.showSweep(fakeSweep());
        panel.showSignal(fakeSignal());
        panel.setAccuracies(paperRows());
        QCoreApplication::processEvents();
        for (auto f : {InterferencePanel::Figure::Cosine, InterferencePanel::Figure::Conflicts,
                       InterferencePanel::Figure::Sweep, InterferencePanel::Figure::Drop, InterferencePanel::Figure::Signal})
            QCOMPARE(panel.figure(f)->state(), FigureCard::State::Plot);
        save(panel, "interference");
        panel.signalFigure()->setLayer(2);
        QCoreApplication::processEvents();
        QVERIFY2(panel.signalFigure()->summaryText().contains("τ_MNIST makes every task surer"), qPrintable(panel.signalFigure()->summaryText()));
        save(panel, "interference_signal_layer2");
        panel.signalFigure()->setLayer(-1);
        panel.sweepFigure()->setPerTaskVisible(true);
        panel.showBusy(InterferencePanel::Figure::Cosine, "Computing cosines over 8 task vectors…");
        panel.showError(InterferencePanel::Figure::Conflicts, "Cannot read mnist.safetensors: file is truncated.");
        QCoreApplication::processEvents();
        save(panel, "interference_states");
        for (auto f : {InterferencePanel::Figure::Sweep, InterferencePanel::Figure::Drop, InterferencePanel::Figure::Signal}) {
            const QString base = folder_ + "/results_figure_" + QString::number(int(f));
            QCOMPARE(panel.figure(f)->exportButton()->exportFigureTo(base + ".png"), QString());
            QCOMPARE(panel.figure(f)->exportButton()->exportDataTo(base + ".csv"), QString());
            QVERIFY(QFileInfo(base + ".png").size() > 1000);
        }
    }

private:
    void save(QWidget& widget, const QString& name) {
        const QImage image = widget.grab().toImage();
        QCOMPARE(image.width(), widget.width());
        QVERIFY(image.save(folder_ + "/results_" + name + ".png"));
    }

    QTemporaryDir temporary_;
    QString folder_;
};

QTEST_MAIN(TestResultsScreenshots)
#include "test_results_screenshots.moc"
