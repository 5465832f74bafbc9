// The Diagnostics card on hand-made results whose every number is known: the identifiability
// bars with the target and chance lines, the disentanglement matrix's cells (a dash on the
// diagonal) and its colour scale, which joins the plot only for the matrix, the alignment groups
// with each task's gap coloured by the target, the verdict line, the tooltips, the request it
// emits per kind, the latest result of each kind kept, and the CSV.
#include <QtTest>

#include <cmath>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>

#include "ui/base/qcustomplot_include.h"
#include "ui/results/fake_lab_data.h"
#include "ui/results/interference_panel.h"
#include "ui/results/pool_diagnostics_figure.h"

using namespace ms::ui;
using Kind = PoolDiagnostic::Kind;
using ms::ui::testing::near;

namespace {

const double kNaN = std::nan("");

QVector<TaskInfo> threeTasks() {
    return {TaskInfo{"mnist", "MNIST", "MNIST", QColor("#CC79A7"), {}},
            TaskInfo{"syn_signs", "SynSigns", "GTSRB", QColor("#D55E00"), {}},
            TaskInfo{"syn_scenes", "SynScenes", "SUN397", QColor("#E69F00"), {}}};
}

PoolDiagnostic identifiability() {
    PoolDiagnostic d;
    d.kind = Kind::Identifiability;
    d.tasks = {"mnist", "syn_signs", "syn_scenes"};
    d.imagesPerTask = 200;
    d.layerAccuracy = {0.60, 0.97};
    d.recall = {1.00, 0.40, 0.40,   // layer 0
                1.00, 0.95, 0.96};  // layer 1
    d.target = 0.95;
    d.verdict = "identifiability 97.0 % at best (layer 1; target ≥ 95 % in at least one layer): met";
    d.met = true;
    return d;
}

PoolDiagnostic disentanglement() {
    PoolDiagnostic d;
    d.kind = Kind::Disentanglement;
    d.tasks = {"mnist", "syn_signs", "syn_scenes"};
    d.imagesPerTask = 100;
    d.alphas = {0.5, 1.0};
    d.pairError = {kNaN, 0.12, 0.03,  //
                   0.12, kNaN, 0.40,  //
                   0.03, 0.40, kNaN};
    d.meanError = (0.12 + 0.03 + 0.40) / 3;
    d.errorAtLargest = 0.3;
    d.target = 0.05;
    d.verdict = "disentanglement error 0.183 averaged over the α grid and 3 pair(s), 0.300 at the largest α "
                "(target ≤ 0.05): not met";
    return d;
}

PoolDiagnostic alignment() {
    PoolDiagnostic d;
    d.kind = Kind::Alignment;
    d.tasks = {"mnist", "syn_signs"};
    d.lambda = 0.4;
    d.imagesPerTask = 200;
    d.target = 3.0;
    //            start  entropy-opt  oracle  CE-opt  H start  H entropy-opt  H oracle
    d.alignment = {{0.50, 0.89, 0.90, 0.93, 1.2, 0.30, 0.35},   // gap 1 point: within
                   {0.40, 0.55, 0.75, 0.80, 1.5, 0.20, 0.60}};  // gap 20 points
    d.verdict = "alignment: entropy optimum within 3 points of the oracle on 1 of 2 tasks (target: all); worst "
                "syn_signs, 55.0 % against 75.0 %: not met";
    return d;
}

QPushButton* computeButton(QWidget* figure) {
    for (auto* b : figure->findChildren<QPushButton*>())
        if (b->text() == "Compute") return b;
    return nullptr;
}

bool colorScaleInLayout(QCustomPlot* p) {
    for (int i = 0; i < p->plotLayout()->elementCount(); ++i)
        if (qobject_cast<QCPColorScale*>(p->plotLayout()->elementAt(i))) return true;
    return false;
}

QVector<double> barValues(QCustomPlot* p, int plottable) {
    QVector<double> values;
    auto* bars = qobject_cast<QCPBars*>(p->plottable(plottable));
    if (!bars) return values;
    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it) values << it->value;
    return values;
}

QStringList itemTexts(QCustomPlot* p) {
    QStringList texts;
    for (int i = 0; i < p->itemCount(); ++i)
        if (auto* t = qobject_cast<QCPItemText*>(p->item(i))) texts << t->text();
    return texts;
}

}  // namespace

class PoolDiagnosticsFigureTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void invitesAndRequestsTheChosenKind() {
        PoolDiagnosticsFigure figure;
        figure.setTasks(threeTasks());
        QCOMPARE(figure.state(), FigurePanel::State::Empty);
        QVERIFY(figure.message().contains("tells the tasks apart"));
        auto* lambda = figure.findChild<QDoubleSpinBox*>();
        QVERIFY(lambda && lambda->isEnabled());
        QSignalSpy spy(&figure, &PoolDiagnosticsFigure::diagnosticRequested);
        figure.setLambda(0.45);
        computeButton(&figure)->click();
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<Kind>(), Kind::Identifiability);
        QCOMPARE(spy.at(0).at(1).toDouble(), 0.45);

        figure.setKind(Kind::Disentanglement);
        QVERIFY(!lambda->isEnabled());  // ξ does not depend on the start
        QVERIFY(figure.message().contains("every pair of tasks"));
        QVERIFY(figure.whatItShows().contains("Ortiz-Jimenez"));
        QCOMPARE(figure.title(), QString("<b>Diagnostics</b>"));
        computeButton(&figure)->click();
        QCOMPARE(spy.at(1).at(0).value<Kind>(), Kind::Disentanglement);
        figure.setKind(Kind::Alignment);
        QVERIFY(lambda->isEnabled());
        computeButton(&figure)->click();
        QCOMPARE(spy.at(2).at(0).value<Kind>(), Kind::Alignment);
        figure.showBusy("Fitting…");  // a job runs: no control takes input
        QVERIFY(!lambda->isEnabled() && !computeButton(&figure)->isEnabled());
        figure.endBusy();
        QVERIFY(lambda->isEnabled() && computeButton(&figure)->isEnabled());
    }

    void identifiabilityBarsWithTargetAndChance() {
        PoolDiagnosticsFigure figure;
        figure.setTasks(threeTasks());
        figure.showDiagnostic(identifiability());
        QCOMPARE(figure.state(), FigurePanel::State::Plot);
        QCustomPlot* p = figure.plot();
        QVERIFY(near(barValues(p, 0), {60.0, 97.0}));
        QCOMPARE(p->graphCount(), 2);
        QCOMPARE(p->graph(0)->data()->constBegin()->value, 95.0);  // the target
        QCOMPARE(p->graph(0)->name(), QString("target 95 %"));
        QCOMPARE(p->graph(1)->name(), QString("chance 33.3 %"));
        QVERIFY(!colorScaleInLayout(p));
        QVERIFY(figure.verdictShowsMet());
        QCOMPARE(figure.verdictText(),
                 QString("✓ identifiability 97.0 % at best (layer 1; target ≥ 95 % in at least one layer): met"));
        const QString tip = figure.toolTipAt(1.2, 50.0);
        QVERIFY2(tip.contains("Layer 1") && tip.contains("97.0 %") && tip.contains("SynSigns 95.0 %") &&
                     tip.contains("SynScenes 96.0 %"),
                 qPrintable(tip));
        QVERIFY(figure.toolTipAt(2.0, 50.0).isEmpty());  // past the last layer
        const CsvTable csv = figure.data();
        QCOMPARE(csv.header, (QStringList{"layer", "accuracy", "recall MNIST", "recall SynSigns", "recall SynScenes"}));
        QCOMPARE(csv.rows.at(0), (QStringList{"0", "0.6", "1", "0.4", "0.4"}));
        QVERIFY(figure.caption().contains("200 test images per task, task arithmetic at λ = 0.3"));
    }

    void disentanglementMatrixWithAScaleOnlyForTheMatrix() {
        PoolDiagnosticsFigure figure;
        figure.setTasks(threeTasks());
        figure.showDiagnostic(disentanglement());
        QCOMPARE(figure.kind(), Kind::Disentanglement);  // the card turns to what came
        QCustomPlot* p = figure.plot();
        QVERIFY(colorScaleInLayout(p));
        QCOMPARE(figure.cellTexts(), (QStringList{"—", "0.12", "0.03", "0.12", "—", "0.40", "0.03", "0.40", "—"}));
        QVERIFY(!figure.verdictShowsMet());
        QVERIFY(figure.verdictText().startsWith("✗ disentanglement error 0.183"));
        // Row 1 (SynSigns), column 2 (SynScenes): 40 % of the predictions change.
        QVERIFY2(figure.toolTipAt(2.0, 1.0).contains("SynSigns + SynScenes") && figure.toolTipAt(2.0, 1.0).contains("40.0 %"),
                 qPrintable(figure.toolTipAt(2.0, 1.0)));
        QVERIFY(figure.toolTipAt(1.0, 1.0).contains("not a pair"));
        const CsvTable csv = figure.data();
        QCOMPARE(csv.header, (QStringList{"task", "MNIST", "SynSigns", "SynScenes"}));
        QCOMPARE(csv.rows.at(0), (QStringList{"MNIST", "", "0.12", "0.03"}));

        // Another kind: the scale leaves the layout, the matrix's cells go.
        figure.showDiagnostic(identifiability());
        QVERIFY(!colorScaleInLayout(p));
        QVERIFY(figure.cellTexts().isEmpty());
        // Back to the matrix: the latest disentanglement result is still there.
        figure.setKind(Kind::Disentanglement);
        QVERIFY(colorScaleInLayout(p));
        QCOMPARE(figure.cellTexts().size(), 9);
    }

    void alignmentGroupsWithGapsAgainstTheTarget() {
        PoolDiagnosticsFigure figure;
        figure.setTasks(threeTasks());
        figure.showDiagnostic(alignment());
        QCustomPlot* p = figure.plot();
        QCOMPARE(p->plottableCount(), 4);
        QVERIFY(near(barValues(p, 0), {50.0, 40.0}));  // start
        QVERIFY(near(barValues(p, 1), {89.0, 55.0}));  // entropy-optimal
        QVERIFY(near(barValues(p, 2), {90.0, 75.0}));  // oracle
        QVERIFY(near(barValues(p, 3), {93.0, 80.0}));  // cross-entropy-optimal
        QCOMPARE(itemTexts(p), (QStringList{"1", "20"}));  // each task's gap, in points
        QColor colors[2];
        for (int i = 0, k = 0; i < p->itemCount(); ++i)
            if (auto* t = qobject_cast<QCPItemText*>(p->item(i))) colors[k++] = t->color();
        QVERIFY(colors[0] != colors[1]);                // within the target, and not
        QVERIFY(colors[1].red() > colors[1].green());   // the gap beyond it in red
        QVERIFY(colors[0].green() > colors[0].red());
        const QString tip = figure.toolTipAt(1.1, 30.0);
        QVERIFY2(tip.contains("SynSigns alone") && tip.contains("entropy-optimal 55.0 % (0.200 nats)") &&
                     tip.contains("oracle 75.0 %") && tip.contains("20.0 points"),
                 qPrintable(tip));
        QCOMPARE(figure.data().rows.at(1).at(5), QString("20"));  // gap in points
        QVERIFY(figure.caption().contains("λ = 0.4"));
    }

    void keepsTheLatestOfEachKindAndForgetsOnClear() {
        PoolDiagnosticsFigure figure;
        figure.setTasks(threeTasks());
        figure.showDiagnostic(identifiability());
        figure.showDiagnostic(alignment());
        QCOMPARE(figure.kind(), Kind::Alignment);
        figure.setKind(Kind::Identifiability);
        QCOMPARE(figure.state(), FigurePanel::State::Plot);
        QVERIFY(figure.verdictText().contains("identifiability 97.0 %"));
        figure.setKind(Kind::Disentanglement);  // never measured
        QCOMPARE(figure.state(), FigurePanel::State::Empty);
        figure.clear();
        figure.setKind(Kind::Alignment);
        QCOMPARE(figure.state(), FigurePanel::State::Empty);
        QVERIFY(!figure.diagnostic(Kind::Alignment).isValid());
    }

    void aMalformedResultShowsTheInvitationNotAPlot() {
        PoolDiagnosticsFigure figure;
        PoolDiagnostic d = identifiability();
        d.recall.removeLast();  // [layers][tasks] no longer
        QVERIFY(!d.isValid());
        figure.showDiagnostic(d);
        QCOMPARE(figure.state(), FigurePanel::State::Empty);
        QVERIFY(figure.toolTipAt(0.0, 50.0).isEmpty());
        PoolDiagnostic one = disentanglement();
        one.tasks = {"mnist"};
        one.pairError = {kNaN};
        QVERIFY(!one.isValid());  // a pair needs two tasks
    }

    void thePanelForwardsRequestsAndResults() {
        InterferencePanel panel;
        panel.setTasks(threeTasks());
        QSignalSpy spy(&panel, &InterferencePanel::diagnosticRequested);
        panel.diagnosticsFigure()->setKind(Kind::Alignment);
        panel.diagnosticsFigure()->request();
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<Kind>(), Kind::Alignment);
        panel.showDiagnostic(disentanglement());
        QCOMPARE(panel.figure(InterferencePanel::Figure::Diagnostics), panel.diagnosticsFigure());
        QCOMPARE(panel.diagnosticsFigure()->state(), FigurePanel::State::Plot);
        panel.clear();
        QCOMPARE(panel.diagnosticsFigure()->state(), FigurePanel::State::Empty);
    }
};

QTEST_MAIN(PoolDiagnosticsFigureTest)
#include "test_pool_diagnostics_figure.moc"
