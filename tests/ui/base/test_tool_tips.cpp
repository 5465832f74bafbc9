// Hover tooltips from a function of the mouse position (ui/base/tool_tips.h): the help event Qt
// sends after the hover delay, tooltips that follow the mouse, and point tooltips on a plot.
#include <QtTest>

#include <QHelpEvent>
#include <QMouseEvent>
#include <QToolTip>

#include "ui/base/qcustomplot_include.h"
#include "ui/base/tool_tips.h"

using namespace ms::ui;

class TestToolTips : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void helpEventShowsTheTextAtThePosition() {
        QWidget widget;
        widget.resize(200, 100);
        installToolTips(&widget, [](const QPoint& pos) { return pos.x() < 100 ? QStringLiteral("left %1").arg(pos.x()) : QString(); });
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));

        QHelpEvent left(QEvent::ToolTip, QPoint(30, 50), widget.mapToGlobal(QPoint(30, 50)));
        QApplication::sendEvent(&widget, &left);
        QTRY_COMPARE(QToolTip::text(), QStringLiteral("left 30"));
        QVERIFY(left.isAccepted());

        // Nothing at this position: the tip goes, and Qt may look further (the event is ignored).
        QHelpEvent right(QEvent::ToolTip, QPoint(150, 50), widget.mapToGlobal(QPoint(150, 50)));
        QApplication::sendEvent(&widget, &right);
        QVERIFY(!right.isAccepted());
        QTRY_VERIFY(!QToolTip::isVisible());
    }

    void followsTheMouseWhenAsked() {
        QWidget widget;
        widget.resize(200, 100);
        ToolTipOptions options;
        options.followMouse = true;
        installToolTips(&widget, [](const QPoint& pos) { return QStringLiteral("at %1").arg(pos.x()); }, options);
        QVERIFY(widget.hasMouseTracking());
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        const QPointF pos(40, 20);
        QMouseEvent move(QEvent::MouseMove, pos, widget.mapToGlobal(pos), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(&widget, &move);
        QTRY_COMPARE(QToolTip::text(), QStringLiteral("at 40"));
    }

    void withoutFollowMouseMovesDoNothing() {
        QWidget widget;
        int asked = 0;
        installToolTips(&widget, [&asked](const QPoint&) { ++asked; return QStringLiteral("tip"); });
        QVERIFY(!widget.hasMouseTracking());
        QMouseEvent move(QEvent::MouseMove, QPointF(5, 5), QPointF(5, 5), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(&widget, &move);
        QCOMPARE(asked, 0);
    }

    void pointToolTipsNameTheDataPointUnderTheMouse() {
        QCustomPlot plot;
        plot.resize(400, 300);
        auto* graph = plot.addGraph();
        graph->setData({0.0, 1.0, 2.0}, {0.0, 10.0, 5.0});
        graph->setLineStyle(QCPGraph::lsNone);
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
        plot.xAxis->setRange(-1, 3);
        plot.yAxis->setRange(-1, 11);
        installPointToolTips(&plot, [graph](QCPAbstractPlottable* plottable, int index) {
            return plottable == graph ? QStringLiteral("point %1").arg(index) : QString();
        });
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        plot.replot();
        const QPointF pixel(plot.xAxis->coordToPixel(1.0), plot.yAxis->coordToPixel(10.0));
        QMouseEvent move(QEvent::MouseMove, pixel, plot.mapToGlobal(pixel), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(&plot, &move);
        QTRY_COMPARE(QToolTip::text(), QStringLiteral("point 1"));
    }
};

QTEST_MAIN(TestToolTips)
#include "test_tool_tips.moc"
