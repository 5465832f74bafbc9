// The figure frame's states: a busy message that ends brings back exactly what showed before it
// (the plot, or the message and its kind), the controls are off only while busy, and the export
// button only works while a plot shows.
#include <QtTest>

#include <QPushButton>

#include "ui/base/figure_panel.h"

using ms::ui::FigurePanel;
using State = FigurePanel::State;

namespace {

struct PanelWithControl : FigurePanel {
    QPushButton* run = new QPushButton("Run", this);
    PanelWithControl() : FigurePanel("test-figure") { addControl(run); }
};

}  // namespace

class TestFigurePanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void busyThenEndBringsBackThePlot() {
        PanelWithControl panel;
        panel.showPlot();
        panel.showBusy("Computing…");
        QCOMPARE(panel.state(), State::Busy);
        QCOMPARE(panel.message(), QString("Computing…"));
        QVERIFY(!panel.run->isEnabled());
        QVERIFY(!panel.exportButton()->isEnabled());
        panel.endBusy();
        QCOMPARE(panel.state(), State::Plot);
        QCOMPARE(panel.message(), QString());
        QVERIFY(panel.run->isEnabled());
        QVERIFY(panel.exportButton()->isEnabled());
    }

    void busyThenEndBringsBackTheMessageAndItsKind() {
        PanelWithControl panel;
        panel.showError("The pool has no tasks.");
        panel.showBusy("Computing…");
        panel.showBusy("Still computing…");  // a second busy text keeps what showed before the first
        panel.endBusy();
        QCOMPARE(panel.state(), State::Error);
        QCOMPARE(panel.message(), QString("The pool has no tasks."));
        QVERIFY(panel.run->isEnabled());
        QVERIFY(!panel.exportButton()->isEnabled());

        panel.showEmpty("Press Run.");
        panel.showBusy("Computing…");
        panel.endBusy();
        QCOMPARE(panel.state(), State::Empty);
        QCOMPARE(panel.message(), QString("Press Run."));
    }

    void endBusyWhenNotBusyChangesNothing() {
        PanelWithControl panel;
        panel.showError("Broken checkpoint.");
        QSignalSpy changed(&panel, &FigurePanel::stateChanged);
        panel.endBusy();
        QCOMPARE(panel.state(), State::Error);
        QCOMPARE(panel.message(), QString("Broken checkpoint."));
        QCOMPARE(changed.count(), 0);
    }
};

QTEST_MAIN(TestFigurePanel)
#include "test_figure_panel.moc"
