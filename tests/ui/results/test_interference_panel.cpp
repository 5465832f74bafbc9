// The interference panel: the requests it emits (with their arguments), what each figure shows
// for hand-made data, busy / error / empty states, and exports.
#include <QtTest>

#include <QDoubleSpinBox>

#include <QComboBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>

#include "ui/base/qcustomplot_include.h"
#include "ui/results/cosine_matrix_figure.h"
#include "ui/results/fake_lab_data.h"
#include "ui/results/interference_panel.h"
#include "ui/results/lambda_sweep_figure.h"
#include "ui/results/sign_conflict_figure.h"
#include "ui/results/task_drop_figure.h"
#include "ui/results/two_task_table.h"

using namespace ms::ui;
using namespace ms::ui::testing;

namespace {

QPushButton* buttonNamed(QWidget* parent, const QString& text) {
    for (auto* b : parent->findChildren<QPushButton*>())
        if (b->text() == text) return b;
    return nullptr;
}

QVector<double> barValues(QCustomPlot* plot, const QString& name) {
    QVector<double> values;
    for (int i = 0; i < plot->plottableCount(); ++i)
        if (auto* bars = qobject_cast<QCPBars*>(plot->plottable(i)); bars && bars->name() == name)
            for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it) values << it->value;
    return values;
}

QVector<double> graphValues(QCustomPlot* plot, const QString& name) {
    QVector<double> values;
    for (int i = 0; i < plot->graphCount(); ++i)
        if (plot->graph(i)->name() == name)
            for (auto it = plot->graph(i)->data()->constBegin(); it != plot->graph(i)->data()->constEnd(); ++it)
                values << it->value;
    return values;
}

}  // namespace

class TestInterferencePanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() {
        panel_ = std::make_unique<InterferencePanel>();
        panel_->resize(1200, 800);
        panel_->setTasks(twoTasks());
    }

    void cosineRequestsCarryScopeAndLayer() {
        QSignalSpy spy(panel_.get(), &InterferencePanel::cosineRequested);
        buttonNamed(panel_->cosineFigure(), "Compute")->click();
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("all"));
        QCOMPARE(spy.at(0).at(1).toInt(), -1);
        const auto combos = panel_->cosineFigure()->findChildren<QComboBox*>();
        QCOMPARE(combos.size(), 2);
        QComboBox* scope = combos[0];
        QComboBox* layer = combos[1];
        QCOMPARE(layer->count(), 13);  // all + 12 layers until the model says otherwise
        scope->setCurrentIndex(scope->findData("mlp"));
        Q_EMIT scope->activated(scope->currentIndex());
        QCOMPARE(spy.count(), 2);
        QCOMPARE(spy.at(1).at(0).toString(), QStringLiteral("mlp"));
        layer->setCurrentIndex(layer->findData(3));
        Q_EMIT layer->activated(layer->currentIndex());
        QCOMPARE(spy.at(2).at(0).toString(), QStringLiteral("mlp"));
        QCOMPARE(spy.at(2).at(1).toInt(), 3);
        // A 6-layer profile narrows the layer choice, keeping layer 3.
        SignConflictProfile profile;
        profile.rate = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
        panel_->showConflicts(profile);
        QCOMPARE(layer->count(), 7);
        QCOMPARE(panel_->cosineFigure()->layer(), 3);
    }

    void cosineHeatmapPrintsEveryCell() {
        LabeledMatrix m;
        m.rows = m.columns = QStringList{"mnist", "fashion_mnist"};
        m.values = {1.0, 0.123, 0.123, 1.0};
        panel_->showCosine(m);
        CosineMatrixFigure* figure = panel_->cosineFigure();
        QCOMPARE(figure->state(), FigureCard::State::Plot);
        QCOMPARE(figure->cellTexts(), (QStringList{"1.00", "0.12", "0.12", "1.00"}));
        QVERIFY(figure->plot()->yAxis->rangeReversed());  // row 0 on top, like an image
        const CsvTable data = figure->data();
        QCOMPARE(data.header, (QStringList{"task", "MNIST", "Fashion_MNIST"}));  // display names
        QCOMPARE(data.rows[0], (QStringList{"MNIST", "1", "0.123"}));
    }

    void conflictRequestAndBars() {
        QSignalSpy spy(panel_.get(), &InterferencePanel::conflictsRequested);
        panel_->conflictFigure()->setKeepPercent(35);
        buttonNamed(panel_->conflictFigure(), "Compute")->click();
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toDouble(), 35.0);
        SignConflictProfile profile;
        profile.keepPercent = 35;
        profile.rate = {0.2, 0.3, 0.4};
        profile.overall = 0.3;
        panel_->showConflicts(profile);
        QCustomPlot* plot = panel_->conflictFigure()->plot();
        QVERIFY(near(barValues(plot, "per layer"), {20.0, 30.0, 40.0}));
        QVERIFY(near(graphValues(plot, "overall 30.0 %"), {30.0, 30.0}));
        QVERIFY(panel_->conflictFigure()->caption().contains("top 35 %"));
    }

    void sweepRequestsTheGrid() {
        QSignalSpy spy(panel_.get(), &InterferencePanel::sweepRequested);
        buttonNamed(panel_->sweepFigure(), "Run sweep")->click();
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<QVector<double>>(),
                 (QVector<double>{0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0}));
    }

    void sweepDrawsMeanBandAndBest() {
        LambdaSweep sweep;
        sweep.tasks = QStringList{"mnist", "fashion_mnist"};
        sweep.lambdas = {0.0, 0.5, 1.0};
        sweep.accuracy = {{0.5, 0.3}, {0.9, 0.7}, {0.95, 0.2}};
        panel_->showSweep(sweep);
        LambdaSweepFigure* figure = panel_->sweepFigure();
        QCOMPARE(figure->state(), FigureCard::State::Plot);
        QCustomPlot* plot = figure->plot();
        QVERIFY(near(graphValues(plot, "mean over tasks"), {40.0, 80.0, 57.5}));
        QVERIFY(near(graphValues(plot, "min–max over tasks"), {50.0, 90.0, 95.0}));  // the band's upper edge
        QVERIFY(near(graphValues(plot, "best λ = 0.5"), {80.0}));
        QVERIFY(graphValues(plot, "MNIST").isEmpty());  // per-task lines are off by default
        figure->setPerTaskVisible(true);
        QVERIFY(near(graphValues(plot, "MNIST"), {50.0, 90.0, 95.0}));
        QVERIFY(figure->caption().contains("best λ = 0.5 with a mean of 80.0 %"));
        QVERIFY(graphValues(plot, "mean entropy (right axis)").isEmpty());  // none measured
        QVERIFY(!plot->yAxis2->visible());

        // With entropies: a second axis, the lowest marked, the caption and the CSV say where.
        sweep.entropy = {1.5, 0.9, 0.4};
        panel_->showSweep(sweep);
        QVERIFY(near(graphValues(plot, "mean entropy (right axis)"), {1.5, 0.9, 0.4}));
        QVERIFY(near(graphValues(plot, "least entropy λ = 1"), {0.4}));
        QVERIFY(plot->yAxis2->visible());
        QVERIFY2(figure->caption().contains("lowest at λ = 1 (0.400 nats), where the mean accuracy is 57.5 %"),
                 qPrintable(figure->caption()));
        const CsvTable csv = figure->data();
        QCOMPARE(csv.header.last(), QStringLiteral("entropy"));
        QCOMPARE(csv.rows[2].last(), QStringLiteral("0.4"));
        figure->setEntropyVisible(false);
        QVERIFY(graphValues(plot, "mean entropy (right axis)").isEmpty());
        QVERIFY(!plot->yAxis2->visible());
        QVERIFY(!figure->caption().contains("entropy"));  // the caption describes what is drawn
        figure->setEntropyVisible(true);
    }

    // The same card walks from the WEMoE start to oracle routing: the kind chosen decides what Run
    // asks for, the kind shown decides the heading, the axis, the markers, the caption and the CSV.
    void theSweepCardWalksToOracleRouting() {
        LambdaSweepFigure* figure = panel_->sweepFigure();
        QSignalSpy lambdas(panel_.get(), &InterferencePanel::sweepRequested);
        QSignalSpy alphas(panel_.get(), &InterferencePanel::oraclePathRequested);
        figure->setRequestedKind(LambdaSweep::Kind::TowardOracle);
        QVERIFY(figure->message().contains("oracle routing (α = 1)"));  // nothing shown yet: the invitation follows
        QCOMPARE(figure->requestedLambdas().last(), 1.0);
        auto* maximum = figure->findChildren<QDoubleSpinBox*>().last();
        maximum->setValue(2.5);  // past α = 1 it would not be the way to the oracle any more
        QCOMPARE(maximum->value(), 1.0);
        buttonNamed(figure, "Run sweep")->click();
        QCOMPARE(lambdas.count(), 0);
        QCOMPARE(alphas.count(), 1);
        QCOMPARE(alphas.at(0).at(0).value<QVector<double>>(), figure->requestedLambdas());

        LambdaSweep path;
        path.kind = LambdaSweep::Kind::TowardOracle;
        path.startLambda = 0.3;
        path.tasks = QStringList{"mnist", "fashion_mnist"};
        path.lambdas = {0.0, 0.5, 1.0};
        path.accuracy = {{0.6, 0.4}, {0.8, 0.6}, {0.9, 0.8}};
        path.entropy = {0.7, 0.5, 0.3};
        figure->setRequestedKind(LambdaSweep::Kind::TaskArithmetic);
        panel_->showSweep(path);
        QCOMPARE(figure->requestedKind(), LambdaSweep::Kind::TowardOracle);  // Run sweep repeats what is shown
        QVERIFY2(figure->title().contains("Accuracy against α"), qPrintable(figure->title()));
        QVERIFY(figure->whatItShows().contains("oracle routing: the mixture they would ideally learn"));
        QCustomPlot* plot = figure->plot();
        QVERIFY(plot->xAxis->label().startsWith("α"));
        QVERIFY(plot->xAxis->label().contains("λ = 0.3"));
        QVERIFY(near(graphValues(plot, "mean over tasks"), {50.0, 70.0, 85.0}));
        QVERIFY(near(graphValues(plot, "best α = 1"), {85.0}));
        QVERIFY(near(graphValues(plot, "least entropy α = 1"), {0.3}));
        QVERIFY2(figure->caption().contains("mean 50.0 % at α = 0, 85.0 % at α = 1"), qPrintable(figure->caption()));
        QCOMPARE(figure->data().header.first(), QStringLiteral("alpha"));
        QCOMPARE(figure->exportButton()->baseName(), QStringLiteral("way-to-oracle-routing"));

        // Back to task arithmetic: what is shown keeps its heading until a λ sweep arrives.
        figure->setRequestedKind(LambdaSweep::Kind::TaskArithmetic);
        QVERIFY(figure->title().contains("against α"));
        buttonNamed(figure, "Run sweep")->click();
        QCOMPARE(lambdas.count(), 1);
        LambdaSweep sweep;
        sweep.tasks = QStringList{"mnist"};
        sweep.lambdas = {0.0, 1.0};
        sweep.accuracy = {{0.5}, {0.6}};
        panel_->showSweep(sweep);
        QVERIFY(figure->title().contains("Accuracy against λ"));
        QVERIFY(figure->whatItShows().startsWith("θ = θ₀ + λ Στ"));
        QCOMPARE(plot->xAxis->label(), QStringLiteral("λ"));
        QCOMPARE(figure->data().header.first(), QStringLiteral("lambda"));
        QCOMPARE(figure->exportButton()->baseName(), QStringLiteral("task-arithmetic-lambda"));
    }

    void dropChartValues() {
        TaskDropFigure* figure = panel_->dropFigure();
        QCOMPARE(figure->state(), FigureCard::State::Empty);
        QVERIFY(figure->message().contains("Run task arithmetic and WEMoE"));
        panel_->setAccuracies(twoTaskRows());
        QCOMPARE(figure->state(), FigureCard::State::Plot);
        QVERIFY(near(barValues(figure->plot(), "TA 10%"), {-45.0, -2.0, -23.5}));
        QVERIFY(near(barValues(figure->plot(), "WEMoE_2"), {-9.0, -3.0, -6.0}));
        QVERIFY(barValues(figure->plot(), "Individual").isEmpty());
        QTemporaryDir dir;
        QCOMPARE(figure->exportButton()->exportDataTo(dir.filePath("drop.csv")), QString());
        QFile file(dir.filePath("drop.csv"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()), QStringLiteral("method,MNIST,Fashion_MNIST,Average\n"
                                                                    "TA 10%,-45.0000,-2.0000,-23.5000\n"
                                                                    "WEMoE_2,-9.0000,-3.0000,-6.0000\n"));
    }

    void busyErrorAndClear() {
        panel_->showBusy(InterferencePanel::Figure::Sweep, "Sweeping λ…");
        QCOMPARE(panel_->sweepFigure()->state(), FigureCard::State::Busy);
        QVERIFY(!buttonNamed(panel_->sweepFigure(), "Run sweep")->isEnabled());  // no second job
        LambdaSweep sweep;
        sweep.tasks = QStringList{"mnist"};
        sweep.lambdas = {0.0, 1.0};
        sweep.accuracy = {{0.5}, {0.6}};
        panel_->showSweep(sweep);
        QCOMPARE(panel_->sweepFigure()->state(), FigureCard::State::Plot);
        QVERIFY(buttonNamed(panel_->sweepFigure(), "Run sweep")->isEnabled());

        panel_->setAccuracies(twoTaskRows());
        panel_->showBusy("Loading task vectors…");
        for (auto f : {InterferencePanel::Figure::Cosine, InterferencePanel::Figure::Conflicts, InterferencePanel::Figure::Sweep,
                       InterferencePanel::Figure::Signal})
            QCOMPARE(panel_->figure(f)->state(), FigureCard::State::Busy);
        QCOMPARE(panel_->dropFigure()->state(), FigureCard::State::Plot);  // follows accuracies, not jobs
        panel_->showError(InterferencePanel::Figure::Conflicts, "Cannot read a.safetensors");
        QCOMPARE(panel_->conflictFigure()->state(), FigureCard::State::Error);
        QCOMPARE(panel_->conflictFigure()->message(), QStringLiteral("Cannot read a.safetensors"));
        QVERIFY(buttonNamed(panel_->conflictFigure(), "Compute")->isEnabled());  // retry
        QVERIFY(!panel_->conflictFigure()->exportButton()->isEnabled());

        panel_->clear();
        for (auto f : {InterferencePanel::Figure::Cosine, InterferencePanel::Figure::Conflicts,
                       InterferencePanel::Figure::Sweep, InterferencePanel::Figure::Drop, InterferencePanel::Figure::Signal})
            QCOMPARE(panel_->figure(f)->state(), FigureCard::State::Empty);
        QVERIFY(panel_->sweepFigure()->sweep().lambdas.isEmpty());
    }

private:
    std::unique_ptr<InterferencePanel> panel_;
};

QTEST_MAIN(TestInterferencePanel)
#include "test_interference_panel.moc"
