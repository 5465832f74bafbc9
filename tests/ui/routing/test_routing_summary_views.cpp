// The test-set summary views: first-choice matrix, routing spread, mean routing per image task.
#include <QComboBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "ui/base/qcustomplot_include.h"
#include "ui/routing/first_choice_matrix.h"
#include "ui/routing/routing_heatmap.h"
#include "ui/routing/routing_spread_plot.h"
#include "ui/routing/test_set_routing_view.h"
#include "tests/ui/routing/routing_test_data.h"

using namespace ms::ui;
using namespace ms::ui::test;

class TestRoutingSummaryViews : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void firstChoiceCellsArePercentagesOnASequentialScale() {
        const auto tasks = makeTasks(4);
        FirstChoiceMatrix matrix;
        matrix.resize(800, 500);
        matrix.show();
        QVERIFY(QTest::qWaitForWindowExposed(&matrix));
        matrix.setSummary(makeSummary(QStringLiteral("wemoe"), tasks, 4), tasks);
        QCOMPARE(matrix.rowCount(), 4);     // image tasks
        QCOMPARE(matrix.columnCount(), 4);  // layers
        // first(i, l) = (l + 1) / 4 * (i + 1) / 4
        QCOMPARE(matrix.value(1, 2), 3.0 / 4 * 2.0 / 4);
        QVERIFY(matrix.annotationsVisible());
        QCOMPARE(matrix.annotation(1, 2), QStringLiteral("38%"));  // 0.375
        QCOMPARE(matrix.annotation(3, 3), QStringLiteral("100%"));
        QCOMPARE(matrix.annotation(0, 0), QStringLiteral("6%"));   // 0.0625
        QCOMPARE(matrix.dataLower(), 0.0);
        QCOMPARE(matrix.dataUpper(), 1.0);
        QCOMPARE(matrix.cellColor(3, 3), QColor(0xFD, 0xE7, 0x25));  // viridis' yellow end
        // Rows are image tasks, in task colours.
        QCOMPARE(matrix.rowLabels().text(2), QStringLiteral("SynAerial"));
        QCOMPARE(matrix.rowLabels().color(0), QColor(QStringLiteral("#1f77b4")));
        QCOMPARE(matrix.columnLabels().text(3), QStringLiteral("3"));
        const QString tip = matrix.toolTipAt(matrix.cellCenter(1, 2));
        QVERIFY2(tip.startsWith(QStringLiteral("Fashion-MNIST images · layer 2")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("37.5%")) && tip.contains(QStringLiteral("chance: 25.0%")), qPrintable(tip));
    }

    void firstChoiceExportsFractions() {
        const auto tasks = makeTasks(2);
        FirstChoiceMatrix matrix;
        matrix.setSummary(makeSummary(QStringLiteral("wemoe"), tasks, 2), tasks);
        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("first.csv"));
        QCOMPARE(matrix.exportButton()->exportDataTo(csv), QString());
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()),
                 QStringLiteral("image task,layer 0,layer 1\nSynScenes,0.25,0.5\nFashion-MNIST,0.5,1\n"));
    }

    void spreadDrawsTheMaximumAsAReference() {
        const auto tasks = makeTasks(8);
        RoutingSpreadPlot spread;
        spread.resize(600, 400);
        spread.show();
        QVERIFY(QTest::qWaitForWindowExposed(&spread));
        spread.setSummary(makeSummary(QStringLiteral("wemoe"), tasks, 6));
        QCOMPARE(spread.layerCount(), 6);
        QCOMPARE(spread.maximumBits(), 3.0);
        QCOMPARE(spread.referenceLineValue(), 3.0);
        QVERIFY2(spread.referenceLineText().contains(QStringLiteral("= 3 bits")), qPrintable(spread.referenceLineText()));
        QVERIFY(spread.plot()->yAxis->range().upper > 3.0);  // the line is inside the plot
        QCOMPARE(spread.spread(5), 3.0 * 0.5);
        const QString tip = spread.toolTipAt(spread.barTop(5) + QPointF(0, 5));
        QVERIFY2(tip.startsWith(QStringLiteral("layer 5 · spread 1.500 bits of at most 3.000")), qPrintable(tip));
        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("spread.csv"));
        QCOMPARE(spread.exportButton()->exportDataTo(csv), QString());
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 7);
        QCOMPARE(lines[0], QStringLiteral("layer,spread (bits),maximum (bits)"));
        QCOMPARE(lines[6], QStringLiteral("5,1.5,3"));
    }

    void testSetViewShowsTheMeanRoutingOfTheChosenTask() {
        const auto tasks = makeTasks(3);
        TestSetRoutingView view;
        view.setTasks(tasks);
        view.setResultLabel(QStringLiteral("WEMoE"));
        QSignalSpy compute(&view, &TestSetRoutingView::computeRequested);
        QTest::mouseClick(view.computeButton(), Qt::LeftButton);
        QCOMPARE(compute.count(), 1);
        QVERIFY(view.meanRouting()->isShowingPlaceholder());

        const auto summary = makeSummary(QStringLiteral("wemoe"), tasks, 4);
        view.setSummary(summary);
        QVERIFY(view.hasSummary());
        QCOMPARE(view.meanTaskCombo()->count(), 3);
        QCOMPARE(view.meanRouting()->outlinedTask(), 0);
        QCOMPARE(view.meanRouting()->value(2, 1), summary.mean(0, 2, 1));
        view.meanTaskCombo()->setCurrentIndex(2);
        QCOMPARE(view.meanRouting()->outlinedTask(), 2);
        QCOMPARE(view.meanRouting()->value(3, 0), summary.mean(2, 3, 0));
        QVERIFY(view.meanRouting()->caption().contains(QStringLiteral("mean routing of the SynAerial test images")));
        QVERIFY(view.firstChoice()->caption().startsWith(QStringLiteral("WEMoE — ")));
    }
};

QTEST_MAIN(TestRoutingSummaryViews)
#include "test_routing_summary_views.moc"
