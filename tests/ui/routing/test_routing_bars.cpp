// The per-layer bar view: one bar per task vector and layer, in task colours, with a legend.
#include <QTemporaryDir>
#include <QtTest>

#include "ui/base/qcustomplot_include.h"
#include "ui/routing/routing_bars.h"
#include "tests/ui/routing/routing_test_data.h"

using namespace ms::ui;
using namespace ms::ui::test;

class TestRoutingBars : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void drawsOneBarPerLayerAndTask() {
        const auto tasks = makeTasks(8);
        RoutingBars bars;
        bars.resize(1000, 500);
        bars.show();
        QVERIFY(QTest::qWaitForWindowExposed(&bars));
        bars.setTrace(makeTrace(QStringLiteral("wemoe"), tasks, 6, 6), tasks);
        QCOMPARE(bars.layerCount(), 6);
        QCOMPARE(bars.taskCount(), 8);
        QCOMPARE(bars.plot()->plottableCount(), 8);
        for (int t = 0; t < 8; ++t) {
            auto* plottable = qobject_cast<QCPBars*>(bars.plot()->plottable(t));
            QVERIFY(plottable);
            QCOMPARE(plottable->data()->size(), 6);
            for (int l = 0; l < 6; ++l) QCOMPARE((plottable->data()->begin() + l)->value, formulaWeight(l, t, 6, 0.5));
            QCOMPARE(bars.barColor(t), tasks[t].color);
        }
        // Within a layer the bars go left to right in task order; layers left to right too.
        QVERIFY(bars.barTop(2, 0).x() < bars.barTop(2, 7).x());
        QVERIFY(bars.barTop(2, 7).x() < bars.barTop(3, 0).x());
        // Taller weight, higher bar top (smaller y).
        QVERIFY(bars.barTop(5, 6).y() < bars.barTop(0, 6).y());
    }

    void legendNamesTaskVectorsAndMarksTheOwnTask() {
        const auto tasks = makeTasks(3);
        RoutingBars bars;
        bars.setTrace(makeTrace(QStringLiteral("wemoe"), tasks, 4, 1), tasks);
        QCOMPARE(bars.plot()->legend->itemCount(), 3);
        QCOMPARE(bars.legendText(0), QStringLiteral("τ SynScenes"));
        QCOMPARE(bars.legendText(1), QStringLiteral("τ Fashion-MNIST (own task)"));
        QCOMPARE(bars.plot()->plottable(1)->name(), bars.legendText(1));
    }

    void tooltipNamesTheBarUnderTheMouse() {
        const auto tasks = makeTasks(4);
        RoutingBars bars;
        bars.resize(900, 500);
        bars.show();
        QVERIFY(QTest::qWaitForWindowExposed(&bars));
        bars.setTrace(makeTrace(QStringLiteral("wemoe"), tasks, 5, 2), tasks);
        const QPointF top = bars.barTop(3, 2);
        QCOMPARE(bars.toolTipAt(top + QPointF(0, 3)), QStringLiteral("layer 3 · τ SynAerial · 1.0000"));
        QCOMPARE(bars.toolTipAt(bars.barTop(0, 0)), QStringLiteral("layer 0 · τ SynScenes · 0.3000"));
    }

    void negativeWeightsGoBelowZero() {
        const auto tasks = makeTasks(2);
        auto trace = makeTrace(QStringLiteral("wemoe"), tasks, 2, 0);
        trace.weights[1] = -0.4;
        RoutingBars bars;
        bars.setTrace(trace, tasks);
        QVERIFY(bars.plot()->yAxis->range().lower < -0.4);
        QCOMPARE(bars.barValue(0, 1), -0.4);
    }

    void exportsItsNumbers() {
        const auto tasks = makeTasks(2);
        RoutingBars bars;
        bars.resize(600, 400);
        bars.setTrace(makeTrace(QStringLiteral("wemoe"), tasks, 2, 0), tasks);
        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("bars.csv"));
        QCOMPARE(bars.exportButton()->exportDataTo(csv), QString());
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()), QStringLiteral("layer,SynScenes,Fashion-MNIST\n0,0.8,0.25\n1,0.9,0.35\n"));
        const QString pdf = dir.filePath(QStringLiteral("bars.pdf"));
        QCOMPARE(bars.exportButton()->exportFigureTo(pdf), QString());
        QVERIFY(QFileInfo(pdf).size() > 500);
        bars.clear();
        QVERIFY(bars.isShowingPlaceholder());
        QCOMPARE(bars.plot()->plottableCount(), 0);
    }
};

QTEST_MAIN(TestRoutingBars)
#include "test_routing_bars.moc"
