// The accuracy table model: absolute and normalised values, the normalised average, baselines
// pinned under every sort, colours by difference to a reference, row edits.
#include <QtTest>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <cmath>

#include "ui/results/accuracy_table_model.h"
#include "ui/base/colors.h"
#include "ui/results/results_colors.h"
#include "ui/results/two_task_table.h"

using namespace ms::ui;
using namespace ms::ui::testing;

namespace {

QStringList displayedIds(const AccuracyTableModel& model) {
    QStringList ids;
    for (int r = 0; r < model.rowCount(); ++r) ids << model.data(model.index(r, 0), AccuracyTableModel::IdRole).toString();
    return ids;
}

}  // namespace

class TestAccuracyTableModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void shapeAndHeaders() {
        AccuracyTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTasks(twoTasks());
        model.setRows(twoTaskRows());
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.columnCount(), 3);
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("MNIST"));
        QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("Fashion_MNIST"));
        QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), QStringLiteral("Average"));
        // Baselines first, then merged rows in session order.
        QCOMPARE(displayedIds(model), (QStringList{"pretrained", "individual", "ta-1", "wemoe-1"}));
        QCOMPARE(model.headerData(2, Qt::Vertical).toString(), QStringLiteral("TA 10%"));
    }

    void absoluteValues() {
        AccuracyTableModel model;
        model.setTasks(twoTasks());
        model.setRows(twoTaskRows());
        const int ta = model.displayRowOf("ta-1");
        QCOMPARE(model.value(ta, 0), 45.0);
        QCOMPARE(model.value(ta, 1), 96.0);
        QCOMPARE(model.value(ta, 2), 70.5);
        QCOMPARE(model.data(model.index(ta, 2)).toString(), QStringLiteral("70.5"));
        QCOMPARE(model.data(model.index(ta, 0), AccuracyTableModel::ValueRole).toDouble(), 45.0);
    }

    void normalisedValuesAndAverage() {
        AccuracyTableModel model;
        model.setTasks(twoTasks());
        model.setRows(twoTaskRows());
        QSignalSpy spy(&model, &AccuracyTableModel::normalisedChanged);
        model.setNormalised(true);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toBool(), true);
        const int ta = model.displayRowOf("ta-1");
        QCOMPARE(model.value(ta, 0), 50.0);             // 0.45 / 0.90
        QCOMPARE(model.value(ta, 1), 0.96 / 0.98 * 100);  // 97.96
        // The mean of the per-task ratios (50 + 97.96) / 2, not 70.5 / 94.
        QCOMPARE(model.value(ta, 2), (50.0 + 0.96 / 0.98 * 100) / 2);
        QCOMPARE(model.data(model.index(ta, 2)).toString(), QStringLiteral("74.0"));
        QVERIFY(std::abs(model.value(ta, 2) - 70.5 / 94.0 * 100) > 0.5);
        const int individual = model.displayRowOf("individual");
        QCOMPARE(model.value(individual, 0), 100.0);
        QCOMPARE(model.value(individual, 2), 100.0);
        model.setNormalised(false);
        QCOMPARE(model.value(ta, 0), 45.0);
    }

    void normalisedWithoutIndividualIsMissing() {
        AccuracyTableModel model;
        model.setTasks(twoTasks());
        auto rows = twoTaskRows();
        rows.remove(2);
        model.setRows(rows);
        model.setNormalised(true);
        QVERIFY(std::isnan(model.value(model.displayRowOf("ta-1"), 0)));
        QCOMPARE(model.data(model.index(model.displayRowOf("ta-1"), 0)).toString(), QStringLiteral("—"));
    }

    void baselinesPinnedWhateverTheSort() {
        AccuracyTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTasks(twoTasks());
        model.setRows(twoTaskRows());
        // MNIST: individual 90 is the highest and pretrained 48 sits between TA 45 and WEMoE 81.
        model.sort(0, Qt::AscendingOrder);
        QCOMPARE(displayedIds(model), (QStringList{"pretrained", "individual", "ta-1", "wemoe-1"}));
        model.sort(0, Qt::DescendingOrder);
        QCOMPARE(displayedIds(model), (QStringList{"pretrained", "individual", "wemoe-1", "ta-1"}));
        // Fashion: TA 96 > WEMoE 95.
        model.sort(1, Qt::DescendingOrder);
        QCOMPARE(displayedIds(model), (QStringList{"pretrained", "individual", "ta-1", "wemoe-1"}));
        model.sort(2, Qt::AscendingOrder);
        QCOMPARE(displayedIds(model), (QStringList{"pretrained", "individual", "ta-1", "wemoe-1"}));
        // A row added later lands in its sorted place, still under the baselines.
        model.sort(2, Qt::DescendingOrder);
        model.addOrReplaceRow(accuracyRow("ties-1", "TIES", "ties", false, 0.60, 0.90));  // average 75
        QCOMPARE(displayedIds(model), (QStringList{"pretrained", "individual", "wemoe-1", "ties-1", "ta-1"}));
        model.sort(-1);
        QCOMPARE(displayedIds(model), (QStringList{"pretrained", "individual", "ta-1", "wemoe-1", "ties-1"}));
    }

    void sortingFollowsTheMode() {
        AccuracyTableModel model;
        model.setTasks(twoTasks());
        auto rows = twoTaskRows();
        // A row the two modes rank differently against TA (70.5 absolute, 74.0 normalised):
        // 70.0 absolute, but (0.70/0.90 + 0.70/0.98) / 2 = (77.8 + 71.4) / 2 = 74.6 normalised.
        rows << accuracyRow("odd", "Odd", "ties", false, 0.70, 0.70);
        model.setRows(rows);
        model.sort(2, Qt::DescendingOrder);
        QCOMPARE(displayedIds(model).mid(2), (QStringList{"wemoe-1", "ta-1", "odd"}));
        model.setNormalised(true);
        QCOMPARE(displayedIds(model).mid(2), (QStringList{"wemoe-1", "odd", "ta-1"}));
    }

    void coloursSayDropOrGain() {
        AccuracyTableModel model;
        model.setTasks(twoTasks());
        model.setRows(twoTaskRows());
        const int ta = model.displayRowOf("ta-1");
        // Against the individual model (the default): TA loses 45 points on MNIST → saturated red.
        QCOMPARE(model.effectiveReference(), QStringLiteral("individual"));
        QCOMPARE(model.difference(ta, 0), -45.0);
        const QColor drop = model.data(model.index(ta, 0), Qt::BackgroundRole).value<QColor>();
        QVERIFY(drop.red() > 200 && drop.green() < 80);
        QCOMPARE(model.data(model.index(ta, 0), Qt::ForegroundRole).value<QColor>(), QColor(Qt::white));
        // Against the pretrained model WEMoE gains 33 points on MNIST → green.
        QSignalSpy spy(&model, &AccuracyTableModel::referenceChanged);
        model.setReference("pretrained");
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("pretrained"));
        const int wemoe = model.displayRowOf("wemoe-1");
        QCOMPARE(model.difference(wemoe, 0), 33.0);
        const QColor gain = model.data(model.index(wemoe, 0), Qt::BackgroundRole).value<QColor>();
        QVERIFY(gain.green() > gain.red() + 60);
        // The reference row itself differs by 0: white with black text.
        const int pretrained = model.displayRowOf("pretrained");
        QCOMPARE(model.data(model.index(pretrained, 0), Qt::BackgroundRole).value<QColor>(), QColor(Qt::white));
        QCOMPARE(model.data(model.index(pretrained, 0), Qt::ForegroundRole).value<QColor>(), QColor(Qt::black));
        // A small gain is a pale green, still read in black.
        const QColor pale = differenceColor(3.0);
        QVERIFY(pale.green() > pale.red() && pale.red() > 200);
        QCOMPARE(readableTextColor(pale), QColor(Qt::black));
        // An unknown reference falls back to the individual model.
        model.setReference("gone");
        QCOMPARE(model.effectiveReference(), QStringLiteral("individual"));
    }

    void toolTipsGiveExactValuesAndDifference() {
        AccuracyTableModel model;
        model.setTasks(twoTasks());
        model.setRows(twoTaskRows());
        const QString tip = model.data(model.index(model.displayRowOf("ta-1"), 1), Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains("96.00 %"), qPrintable(tip));
        QVERIFY2(tip.contains("97.96 %"), qPrintable(tip));
        QVERIFY2(tip.contains("−2.00 points vs Individual"), qPrintable(tip));
    }

    void addReplaceAndRemoveById() {
        AccuracyTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTasks(twoTasks());
        model.setRows(twoTaskRows());
        model.addOrReplaceRow(accuracyRow("ta-1", "TA λ=0.4", "task_arithmetic", false, 0.50, 0.90));
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.value(model.displayRowOf("ta-1"), 2), 70.0);
        QCOMPARE(model.headerData(model.displayRowOf("ta-1"), Qt::Vertical).toString(), QStringLiteral("TA λ=0.4"));
        QVERIFY(model.removeRow(QStringLiteral("individual")));
        QVERIFY(!model.removeRow(QStringLiteral("individual")));
        QCOMPARE(displayedIds(model), (QStringList{"pretrained", "ta-1", "wemoe-1"}));
        QVERIFY(model.hasMergedRows());
        QVERIFY(model.effectiveReference().isEmpty());
        QVERIFY(!model.data(model.index(1, 0), Qt::BackgroundRole).isValid());
    }

    void methodColoursStayWithTheirRows() {
        AccuracyTableModel model;
        model.setTasks(twoTasks());
        auto rows = twoTaskRows();
        rows << accuracyRow("wemoe-2", "WEMoE again", "wemoe", false, 0.85, 0.96);
        model.setRows(rows);
        const QColor first = model.methodColor(model.displayRowOf("wemoe-1"));
        const QColor second = model.methodColor(model.displayRowOf("wemoe-2"));
        QCOMPARE(first, methodColor("wemoe"));
        QVERIFY(first != second);
        model.sort(2, Qt::DescendingOrder);  // wemoe-2 now above wemoe-1
        QVERIFY(model.displayRowOf("wemoe-2") < model.displayRowOf("wemoe-1"));
        QCOMPARE(model.methodColor(model.displayRowOf("wemoe-1")), first);
        QCOMPARE(model.methodColor(model.displayRowOf("wemoe-2")), second);
    }
};

QTEST_MAIN(TestAccuracyTableModel)
#include "test_accuracy_table_model.moc"
