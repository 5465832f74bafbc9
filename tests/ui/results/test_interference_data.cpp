// The numbers behind the interference figures, by hand: the λ sweep's band and best λ, the λ grid,
// and each method's drop from the individual models.
#include <QtTest>

#include <cmath>

#include "ui/results/lambda_sweep_summary.h"
#include "ui/results/task_drop_table.h"
#include "ui/results/two_task_table.h"

using namespace ms::ui;
using namespace ms::ui::testing;

namespace {

// Three tasks, three λ; the third task was not evaluated at λ = 1.
LambdaSweep threeTaskSweep() {
    LambdaSweep sweep;
    sweep.tasks = QStringList{"a", "b", "c"};
    sweep.lambdas = {0.0, 0.5, 1.0};
    sweep.accuracy = {{0.5, 0.3, 0.4}, {0.9, 0.6, 0.75}, {0.95, 0.2, std::nan("")}};
    return sweep;
}

}  // namespace

class TestInterferenceData : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void leastEntropyLambda() {
        LambdaSweep sweep = threeTaskSweep();
        QCOMPARE(summarizeLambdaSweep(sweep).leastEntropy, -1);  // not measured
        sweep.entropy = {1.2, 0.7, 0.7};
        const LambdaSweepSummary s = summarizeLambdaSweep(sweep);
        QCOMPARE(s.leastEntropy, 1);  // the first of equal lows
        QCOMPARE(s.leastEntropyLambda(), 0.5);
        sweep.entropy = {1.2, 0.7};  // a length that does not match the λ: ignored
        QCOMPARE(summarizeLambdaSweep(sweep).leastEntropy, -1);
    }

    void sweepBandAndBestLambda() {
        const LambdaSweepSummary s = summarizeLambdaSweep(threeTaskSweep());
        QCOMPARE(s.mean.size(), 3);
        QCOMPARE(s.mean[0], 0.4);
        QCOMPARE(s.minimum[0], 0.3);
        QCOMPARE(s.maximum[0], 0.5);
        QCOMPARE(s.mean[1], 0.75);
        QCOMPARE(s.minimum[1], 0.6);
        QCOMPARE(s.maximum[1], 0.9);
        QCOMPARE(s.mean[2], 0.575);  // (0.95 + 0.2) / 2: the missing task is left out, not a zero
        QCOMPARE(s.minimum[2], 0.2);
        QCOMPARE(s.maximum[2], 0.95);
        QCOMPARE(s.best, 1);
        QCOMPARE(s.bestLambda(), 0.5);
    }

    void sweepTiesGoToTheSmallerLambdaAndEmptyHasNoBest() {
        LambdaSweep sweep;
        sweep.tasks = QStringList{"a"};
        sweep.lambdas = {0.2, 0.4};
        sweep.accuracy = {{0.7}, {0.7}};
        QCOMPARE(summarizeLambdaSweep(sweep).best, 0);
        QCOMPARE(summarizeLambdaSweep(LambdaSweep{}).best, -1);
        sweep.accuracy = {{std::nan("")}, {std::nan("")}};
        QCOMPARE(summarizeLambdaSweep(sweep).best, -1);
    }

    void lambdaGridIsExact() {
        QCOMPARE(lambdaGrid(0.1, 1.0), (QVector<double>{0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0}));
        QCOMPARE(lambdaGrid(0.25, 1.0), (QVector<double>{0.0, 0.25, 0.5, 0.75, 1.0}));
        QCOMPARE(lambdaGrid(0.3, 1.0), (QVector<double>{0.0, 0.3, 0.6, 0.9}));
        QVERIFY(lambdaGrid(0.0, 1.0).isEmpty());
    }

    void dropsFromIndividualUseTheLatestResultOfEachMethod() {
        QVector<MethodAccuracy> rows = twoTaskRows();
        // An older TA result first: the later one (ta-1 in twoTaskRows, 45 / 96) must win...
        rows.prepend(accuracyRow("ta-0", "TA old", "task_arithmetic", false, 0.10, 0.10));
        // ...and a method outside the comparison is ignored.
        rows << accuracyRow("dare-1", "DARE", "dare", false, 0.5, 0.5);
        const TaskDropTable table = computeTaskDrops(rows, twoTasks());
        QVERIFY(table.hasIndividual);
        QCOMPARE(table.tasks, (QStringList{"MNIST", "Fashion_MNIST", "Average"}));
        QCOMPARE(table.methodIds, (QStringList{"task_arithmetic", "wemoe"}));
        QCOMPARE(table.labels, (QStringList{"TA 10%", "WEMoE_2"}));
        QCOMPARE(table.missing, (QStringList{"ties", "adamerging"}));
        // TA: 45 − 90 = −45, 96 − 98 = −2, mean −23.5. WEMoE: 81 − 90 = −9, 95 − 98 = −3, mean −6.
        QCOMPARE(table.drop[0].size(), 3);
        QVERIFY(std::abs(table.drop[0][0] - -45.0) < 1e-9);
        QVERIFY(std::abs(table.drop[0][1] - -2.0) < 1e-9);
        QVERIFY(std::abs(table.drop[0][2] - -23.5) < 1e-9);
        QVERIFY(std::abs(table.drop[1][0] - -9.0) < 1e-9);
        QVERIFY(std::abs(table.drop[1][1] - -3.0) < 1e-9);
        QVERIFY(std::abs(table.drop[1][2] - -6.0) < 1e-9);
    }

    void simpleAveragingComesFirstWhenPresent() {
        QVector<MethodAccuracy> rows = twoTaskRows();
        rows << accuracyRow("avg", "Averaging", "average", false, 0.60, 0.70);
        const TaskDropTable table = computeTaskDrops(rows, twoTasks());
        QCOMPARE(table.methodIds, (QStringList{"average", "task_arithmetic", "wemoe"}));
        QVERIFY(std::abs(table.drop[0][0] - -30.0) < 1e-9);
    }

    void emptyWithoutIndividualOrMethods() {
        QVector<MethodAccuracy> rows = twoTaskRows();
        rows.remove(2);  // the individual row
        QVERIFY(computeTaskDrops(rows, twoTasks()).isEmpty());
        QVERIFY(!computeTaskDrops(rows, twoTasks()).hasIndividual);
        QVERIFY(computeTaskDrops(twoTaskRows().mid(0, 1), twoTasks()).isEmpty());
    }
};

QTEST_MAIN(TestInterferenceData)
#include "test_interference_data.moc"
