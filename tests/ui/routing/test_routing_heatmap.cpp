// The routing heatmap: values, colours, outline, tooltips, difference mode, labels and export.
#include <QFile>
#include <QHelpEvent>
#include <QTemporaryDir>
#include <QToolTip>
#include <QtTest>

#include "ui/base/qcustomplot_include.h"
#include "ui/routing/routing_heatmap.h"
#include "tests/ui/routing/routing_test_data.h"

using namespace ms::ui;
using namespace ms::ui::test;

class TestRoutingHeatmap : public QObject {
    Q_OBJECT

    static void showAt(QWidget& w, int width, int height) {
        w.resize(width, height);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
    }

private Q_SLOTS:
    void showsEveryWeightInItsCell() {
        const auto tasks = makeTasks(8);
        RoutingHeatmap heatmap;
        showAt(heatmap, 900, 520);
        heatmap.setTrace(makeTrace(QStringLiteral("wemoe"), tasks, 6, 6), tasks);
        QCOMPARE(heatmap.mode(), RoutingHeatmap::Mode::Trace);
        QCOMPARE(heatmap.rowCount(), 6);
        QCOMPARE(heatmap.columnCount(), 8);
        for (int l = 0; l < 6; ++l)
            for (int t = 0; t < 8; ++t) QCOMPARE(heatmap.value(l, t), formulaWeight(l, t, 6, 0.5));
        QVERIFY(!heatmap.isShowingPlaceholder());
        // Layer 0 at the top: its cells are above layer 5's.
        QVERIFY(heatmap.cellCenter(0, 0).y() < heatmap.cellCenter(5, 0).y());
        QVERIFY(heatmap.cellCenter(0, 0).x() < heatmap.cellCenter(0, 7).x());
    }

    void coloursDivergeSymmetricallyAroundTheCentre() {
        const auto tasks = makeTasks(8);
        RoutingHeatmap heatmap;
        showAt(heatmap, 900, 520);
        heatmap.setTrace(makeTrace(QStringLiteral("wemoe"), tasks, 6, 6), tasks);
        // Centre 0; the largest |w| is layer 5, τ MNIST: 0.3 + 0.5 - 0.3 + 0.5 = 1.0.
        QCOMPARE(heatmap.dataLower(), -1.0);
        QCOMPARE(heatmap.dataUpper(), 1.0);
        QCOMPARE(heatmap.cellColor(5, 6), QColor(0xB2, 0x18, 0x2B));  // the red end
        const QColor negative = heatmap.cellColor(0, 7);                // 0.3 - 0.35 = -0.05
        QVERIFY2(negative.blue() > negative.red(), qPrintable(negative.name()));
        const QColor positive = heatmap.cellColor(0, 0);                // 0.3
        QVERIFY2(positive.red() > positive.blue(), qPrintable(positive.name()));

        // Centred at a cell's own value, that cell is white and the range is symmetric around it.
        const double centre = formulaWeight(2, 3, 6, 0.5);
        heatmap.setCenter(centre);
        QCOMPARE(heatmap.cellColor(2, 3), QColor(0xF7, 0xF7, 0xF7));
        QVERIFY(qFuzzyCompare(heatmap.dataUpper() - centre, centre - heatmap.dataLower()));
        heatmap.setHalfRange(2.0);
        QVERIFY(qFuzzyCompare(heatmap.dataUpper(), centre + 2.0));
    }

    void outlinesTheTrueTaskColumn() {
        const auto tasks = makeTasks(8);
        RoutingHeatmap heatmap;
        heatmap.setTrace(makeTrace(QStringLiteral("wemoe"), tasks, 6, 3), tasks);
        QCOMPARE(heatmap.outlines(), QVector<QRect>{QRect(3, 0, 1, 6)});
        QCOMPARE(heatmap.outlinedTask(), 3);
        heatmap.setTrace(makeTrace(QStringLiteral("wemoe"), tasks, 6, -1), tasks);
        QVERIFY(heatmap.outlines().isEmpty());
        QCOMPARE(heatmap.outlinedTask(), -1);
    }

    void tooltipGivesTheExactValue() {
        const auto tasks = makeTasks(8);
        RoutingHeatmap heatmap;
        showAt(heatmap, 900, 520);
        auto trace = makeTrace(QStringLiteral("wemoe"), tasks, 6, 6);
        trace.weights[3 * 8 + 6] = 0.41716;
        heatmap.setTrace(trace, tasks);
        const QPoint cell = heatmap.cellCenter(3, 6).toPoint();
        QCOMPARE(heatmap.toolTipAt(cell), QStringLiteral("layer 3 · τ MNIST · 0.4172"));
        QCOMPARE(heatmap.cellAt(cell), QPoint(6, 3));
        QVERIFY(heatmap.toolTipAt(QPointF(2, 2)).isEmpty());  // the margin, not a cell

        // The way Qt asks for a tooltip: a ToolTip help event on the plot.
        QHelpEvent help(QEvent::ToolTip, cell, heatmap.plot()->mapToGlobal(cell));
        QApplication::sendEvent(heatmap.plot(), &help);
        QTRY_COMPARE(QToolTip::text(), QStringLiteral("layer 3 · τ MNIST · 0.4172"));
    }

    void differenceIsAfterMinusBefore() {
        const auto tasks = makeTasks(4);
        RoutingHeatmap heatmap;
        showAt(heatmap, 700, 480);
        const auto before = makeTrace(QStringLiteral("before"), tasks, 3, 1, 0.0);
        const auto after = makeTrace(QStringLiteral("after"), tasks, 3, 1, 0.25);
        heatmap.setCenter(0.3);  // ignored: differences are centred at 0
        heatmap.setDifference(before, after, tasks);
        QCOMPARE(heatmap.mode(), RoutingHeatmap::Mode::Difference);
        for (int l = 0; l < 3; ++l)
            for (int t = 0; t < 4; ++t) QVERIFY(qFuzzyCompare(1.0 + heatmap.value(l, t), 1.0 + (t == 1 ? 0.25 : 0.0)));
        QCOMPARE(heatmap.dataLower(), -0.25);
        QCOMPARE(heatmap.dataUpper(), 0.25);
        QCOMPARE(heatmap.cellColor(0, 0), QColor(0xF7, 0xF7, 0xF7));  // no change is white
        const QString tip = heatmap.toolTipAt(heatmap.cellCenter(2, 1));
        QCOMPARE(tip, QStringLiteral("layer 2 · τ Fashion-MNIST · +0.2500 (0.4500 → 0.7000)"));

        auto otherShape = makeTrace(QStringLiteral("other"), tasks, 4, 1);
        heatmap.setDifference(before, otherShape, tasks);
        QCOMPARE(heatmap.mode(), RoutingHeatmap::Mode::Empty);
        QVERIFY(heatmap.isShowingPlaceholder());
        QVERIFY(heatmap.placeholderText().contains(QStringLiteral("cannot be subtracted")));
    }

    void columnLabelsUseTaskColoursAndTurnWhenCrowded() {
        const auto tasks = makeTasks(8);
        RoutingHeatmap heatmap;
        showAt(heatmap, 1200, 520);
        heatmap.setTrace(makeTrace(QStringLiteral("wemoe"), tasks, 6, 6), tasks);
        const auto& labels = heatmap.columnLabels();
        QCOMPARE(labels.count(), 8);
        QCOMPARE(labels.text(1), QStringLiteral("Fashion-MNIST"));
        QCOMPARE(labels.color(0), QColor(QStringLiteral("#1f77b4")));  // dark enough as it is
        QCOMPARE(labels.color(1).hue(), QColor(QStringLiteral("#ff7f0e")).hue());  // orange, darkened
        QVERIFY(!labels.rotated());
        for (int i = 0; i + 1 < labels.count(); ++i)
            QVERIFY2(!labels.labelRect(i).intersects(labels.labelRect(i + 1)), qPrintable(labels.text(i)));

        heatmap.resize(420, 400);
        QTRY_VERIFY(heatmap.columnLabels().rotated());
        // Rotated labels need more room above the cells.
        QVERIFY(heatmap.plot()->axisRect()->top() > 40);
    }

    void annotatesCellsWhenTheyFit() {
        const auto tasks = makeTasks(4);
        RoutingHeatmap heatmap;
        showAt(heatmap, 800, 500);
        heatmap.setTrace(makeTrace(QStringLiteral("wemoe"), tasks, 3, 0), tasks);
        QVERIFY(heatmap.annotationsVisible());
        QCOMPARE(heatmap.annotation(0, 1), QStringLiteral("0.25"));
        QCOMPARE(heatmap.annotation(2, 0), QStringLiteral("1.00"));
    }

    void exportsCsvAndPng() {
        const auto tasks = makeTasks(3);
        RoutingHeatmap heatmap;
        showAt(heatmap, 700, 450);
        heatmap.setTrace(makeTrace(QStringLiteral("wemoe"), tasks, 2, 2), tasks);
        heatmap.setCaption(QStringLiteral("WEMoE — routing of MNIST test #12; layers × task vectors"));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString csv = dir.filePath(QStringLiteral("routing.csv"));
        QCOMPARE(heatmap.exportButton()->exportDataTo(csv), QString());
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0], QStringLiteral("layer,SynScenes,Fashion-MNIST,SynAerial"));
        QCOMPARE(lines[1], QStringLiteral("0,0.3,0.25,0.7"));
        QCOMPARE(lines[2], QStringLiteral("1,0.4,0.35,0.8"));

        const QString png = dir.filePath(QStringLiteral("routing.png"));
        QCOMPARE(heatmap.exportButton()->exportFigureTo(png), QString());
        QVERIFY(QFileInfo(png).size() > 1000);
        QVERIFY(!QImage(png).isNull());
    }

    void clearShowsAMessageAndDisablesExport() {
        const auto tasks = makeTasks(3);
        RoutingHeatmap heatmap;
        heatmap.setTrace(makeTrace(QStringLiteral("wemoe"), tasks, 2, 2), tasks);
        QVERIFY(heatmap.exportButton()->isEnabled());
        heatmap.clear(QStringLiteral("Nothing here"));
        QVERIFY(heatmap.isShowingPlaceholder());
        QCOMPARE(heatmap.placeholderText(), QStringLiteral("Nothing here"));
        QVERIFY(!heatmap.exportButton()->isEnabled());
        QVERIFY(heatmap.table().rows.isEmpty());
        RoutingTrace malformed = makeTrace(QStringLiteral("wemoe"), tasks, 2, 2);
        malformed.weights.removeLast();
        heatmap.setTrace(malformed, tasks);
        QCOMPARE(heatmap.mode(), RoutingHeatmap::Mode::Empty);
    }
};

QTEST_MAIN(TestRoutingHeatmap)
#include "test_routing_heatmap.moc"
