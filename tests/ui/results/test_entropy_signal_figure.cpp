// The adaptation-signal card on a 3-task, 2-layer signal whose every number is checked by hand:
// the cells of one layer and of all layers (their sum), the "own vector surest" count, the
// outlined diagonal, blue for surer and red for less sure, the tooltip's sentence, the layer
// choice (redrawn without a new request), the request it emits, numbers only where they fit,
// its states and its CSV.
//
//            layer 0                 layer 1                 all layers (sum)
//            τ_MNIST τ_SynSigns τ_SynScenes
// MNIST      −0.30  +0.10  +0.05     −0.10  +0.20  −0.40     −0.40  +0.30  −0.35
// SynSigns   +0.20  −0.10  +0.40     −0.05  −0.30  +0.10     +0.15  −0.40  +0.50
// SynScenes  −0.05  +0.02  −0.20     −0.10  +0.05  −0.30     −0.15  +0.07  −0.50
// own surest 3 of 3                  2 of 3 (MNIST: τ_SynScenes)   3 of 3
// In layer 1, τ_MNIST is negative in every row: it makes every task surer.
#include <QtTest>

#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>

#include "ui/base/qcustomplot_include.h"
#include "ui/results/entropy_signal_figure.h"
#include "ui/results/interference_panel.h"

using namespace ms::ui;

namespace {

const QString kMinus(QChar(0x2212));

QVector<TaskInfo> threeTasks() {
    return {TaskInfo{"mnist", "MNIST", "MNIST", QColor("#CC79A7"), {}},
            TaskInfo{"syn_signs", "SynSigns", "GTSRB", QColor("#D55E00"), {}},
            TaskInfo{"syn_scenes", "SynScenes", "SUN397", QColor("#E69F00"), {}}};
}

AdaptationSignal handSignal() {
    AdaptationSignal s;
    s.tasks = QStringList{"mnist", "syn_signs", "syn_scenes"};
    s.layers = 2;
    s.lambda = 0.3;
    s.values = {-0.30, 0.10, 0.05, 0.20, -0.10, 0.40, -0.05, 0.02, -0.20,    // layer 0
                -0.10, 0.20, -0.40, -0.05, -0.30, 0.10, -0.10, 0.05, -0.30};  // layer 1
    return s;
}

// "−0.30 +0.10 …" with the figure's real minus, from ASCII.
QStringList texts(const QString& ascii) {
    QStringList out;
    for (const QString& t : ascii.split(' ')) out << QString(t).replace('-', kMinus);
    return out;
}

QPushButton* computeButton(QWidget* figure) {
    for (auto* b : figure->findChildren<QPushButton*>())
        if (b->text() == "Compute") return b;
    return nullptr;
}

}  // namespace

class TestEntropySignalFigure : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() {
        figure_ = std::make_unique<EntropySignalFigure>();
        figure_->resize(700, 520);
        figure_->setTasks(threeTasks());
    }

    void theDataAnswersPerLayerAndSummed() {
        const AdaptationSignal s = handSignal();
        QVERIFY(s.isValid());
        QCOMPARE(s.at(1, 0, 2), -0.40);
        QVERIFY(std::abs(s.at(-1, 1, 2) - 0.50) < 1e-12);
        QCOMPARE(s.ownVectorSurestCount(0), 3);
        QCOMPARE(s.ownVectorSurestCount(1), 2);
        QVERIFY(!s.ownVectorSurest(1, 0));
        QCOMPARE(s.surestVector(1, 0), 2);
        QCOMPARE(s.ownVectorSurestCount(-1), 3);
        QVERIFY(s.sharpensEveryTask(1, 0));
        QVERIFY(!s.sharpensEveryTask(0, 0) && !s.sharpensEveryTask(-1, 0) && !s.sharpensEveryTask(1, 2));
        AdaptationSignal short_ = s;
        short_.values.removeLast();
        QVERIFY(!short_.isValid());
    }

    void allLayersShowsTheSum() {
        QCOMPARE(figure_->state(), FigureCard::State::Empty);
        figure_->showSignal(handSignal());
        QCOMPARE(figure_->state(), FigureCard::State::Plot);
        QCOMPARE(figure_->layer(), -1);
        QCOMPARE(figure_->cellTexts(), texts("-0.400 +0.300 -0.350 +0.150 -0.400 +0.500 -0.150 +0.070 -0.500"));
        QCOMPARE(figure_->summaryText(), QStringLiteral("Own vector surest for 3 of 3 tasks (all layers)."));
        QVERIFY(figure_->caption().contains("λ = 0.3, all layers"));
        QVERIFY(figure_->caption().contains("Own vector surest for 3 of 3 tasks"));
        // Rows and columns carry the display names.
        auto* rows = dynamic_cast<QCPAxisTickerText*>(figure_->plot()->yAxis->ticker().data());
        auto* columns = dynamic_cast<QCPAxisTickerText*>(figure_->plot()->xAxis->ticker().data());
        QVERIFY(rows && columns);
        QCOMPARE(rows->ticks().values(), (QStringList{"MNIST", "SynSigns", "SynScenes"}));
        QCOMPARE(columns->ticks().values(), (QStringList{"τ_MNIST", "τ_SynSigns", "τ_SynScenes"}));
    }

    void theComboSwitchesTheLayerWithoutARequest() {
        QSignalSpy requests(figure_.get(), &EntropySignalFigure::entropySignalRequested);
        figure_->showSignal(handSignal());
        auto* combo = figure_->findChild<QComboBox*>();
        QVERIFY(combo);
        QCOMPARE(combo->count(), 3);  // all layers + the signal's two
        combo->setCurrentIndex(combo->findData(1));
        QCOMPARE(figure_->layer(), 1);
        QCOMPARE(figure_->cellTexts(), texts("-0.100 +0.200 -0.400 -0.050 -0.300 +0.100 -0.100 +0.050 -0.300"));
        QCOMPARE(figure_->summaryText(),
                 QStringLiteral("Own vector surest for 2 of 3 tasks (layer 1). τ_MNIST makes every task surer: "
                                "adaptation will raise it for every image."));
        combo->setCurrentIndex(combo->findData(0));
        QCOMPARE(figure_->cellTexts(), texts("-0.300 +0.100 +0.050 +0.200 -0.100 +0.400 -0.050 +0.020 -0.200"));
        QCOMPARE(figure_->summaryText(), QStringLiteral("Own vector surest for 3 of 3 tasks (layer 0)."));
        QCOMPARE(requests.count(), 0);  // every layer came with the data
    }

    void negativeIsBluePositiveIsRedAroundWhite() {
        figure_->showSignal(handSignal());
        figure_->setLayer(0);
        const QColor surer = figure_->cellColor(0, 0);      // −0.30 of a ±0.40 scale
        const QColor lessSure = figure_->cellColor(1, 2);   // +0.40, the red end
        const QColor faint = figure_->cellColor(2, 1);      // +0.02, almost white
        QVERIFY2(surer.blue() > surer.red() + 60, qPrintable(surer.name()));
        QVERIFY2(lessSure.red() > lessSure.blue() + 60, qPrintable(lessSure.name()));
        QVERIFY2(faint.lightness() > 220, qPrintable(faint.name()));
        // The scale is symmetric about 0: ±the largest magnitude of the shown layer.
        auto* scale = figure_->findChild<QCPColorScale*>();
        QVERIFY(scale);
        QCOMPARE(scale->dataRange().lower, -0.40);
        QCOMPARE(scale->dataRange().upper, 0.40);
    }

    void theDiagonalIsOutlined() {
        figure_->showSignal(handSignal());
        QVector<QPointF> corners;
        QCustomPlot* plot = figure_->plot();
        for (int i = 0; i < plot->itemCount(); ++i)
            if (auto* rect = qobject_cast<QCPItemRect*>(plot->item(i))) {
                corners << rect->topLeft->coords() << rect->bottomRight->coords();
                QVERIFY(rect->pen().width() >= 2);
            }
        QCOMPARE(corners, (QVector<QPointF>{{-0.5, -0.5}, {0.5, 0.5}, {0.5, 0.5}, {1.5, 1.5}, {1.5, 1.5}, {2.5, 2.5}}));
    }

    void theTooltipSaysItInWords() {
        figure_->showSignal(handSignal());
        figure_->setLayer(1);
        QCOMPARE(figure_->cellToolTip(2, 1),
                 QStringLiteral("Raising τ_SynSigns in layer 1 makes SynScenes' predictions less sure (+0.05 nats per unit)."));
        QCOMPARE(figure_->cellToolTip(0, 0), QStringLiteral("Raising τ_MNIST in layer 1 makes MNIST's predictions surer (") +
                                                 kMinus + QStringLiteral("0.1 nats per unit).<br>Its own vector, but "
                                                                         "τ_SynScenes makes it surer."));
        figure_->setLayer(-1);
        QVERIFY(figure_->cellToolTip(1, 1).endsWith("Its own vector, and the one that makes it surest."));
        QVERIFY(figure_->cellToolTip(0, 1).contains("in every layer makes MNIST's predictions less sure (+0.3 nats"));
        QCOMPARE(figure_->cellToolTip(3, 0), QString());  // outside the matrix
    }

    void computeAsksForTheChosenLambda() {
        InterferencePanel panel;
        QSignalSpy spy(&panel, &InterferencePanel::entropySignalRequested);
        panel.signalFigure()->setLambda(0.45);
        computeButton(panel.signalFigure())->click();
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toDouble(), 0.45);
        QCOMPARE(panel.figure(InterferencePanel::Figure::Signal), panel.signalFigure());
    }

    void statesAndClear() {
        figure_->show();
        QVERIFY(QTest::qWaitForWindowExposed(figure_.get()));
        QVERIFY(figure_->message().contains("Press Compute"));
        figure_->showBusy("Measuring…");
        QVERIFY(!computeButton(figure_.get())->isEnabled());  // no second job
        figure_->showSignal(handSignal());
        QVERIFY(computeButton(figure_.get())->isEnabled());
        // The summary line stands under the plot, and only while the plot shows.
        QLabel* summary = nullptr;
        for (auto* label : figure_->findChildren<QLabel*>())
            if (label->text() == figure_->summaryText()) summary = label;
        QVERIFY(summary && summary->isVisible());
        figure_->showError("Cannot read task0.safetensors");
        QCOMPARE(figure_->state(), FigureCard::State::Error);
        QVERIFY(!summary->isVisible());
        QVERIFY(computeButton(figure_.get())->isEnabled());  // retry
        figure_->clear();
        QCOMPARE(figure_->state(), FigureCard::State::Empty);
        QVERIFY(!figure_->signal().isValid());
        QVERIFY(figure_->cellTexts().isEmpty());
    }

    void theNumbersShowOnlyWhereTheyFit() {
        figure_->show();
        figure_->showSignal(handSignal());
        QVERIFY(QTest::qWaitForWindowExposed(figure_.get()));
        QTRY_VERIFY(figure_->cellTextsVisible());  // 3 × 3 cells in a 700 px card
        AdaptationSignal many;
        for (int t = 0; t < 14; ++t) many.tasks << QString("task%1").arg(t);
        many.layers = 1;
        for (int i = 0; i < 14 * 14; ++i) many.values << (i % 3 - 1) * 0.0123;
        figure_->showSignal(many);
        figure_->resize(360, 300);
        QTRY_VERIFY(!figure_->cellTextsVisible());
        QCOMPARE(figure_->cellTexts().size(), 14 * 14);  // still there for when the card grows
        QCOMPARE(figure_->cellTexts()[0], kMinus + "0.0123");
        figure_->resize(1400, 1000);
        QTRY_VERIFY(figure_->cellTextsVisible());
    }

    void csvHoldsEveryLayer() {
        figure_->showSignal(handSignal());
        const CsvTable csv = figure_->data();
        QCOMPARE(csv.header, (QStringList{"layer", "images of", "τ_MNIST", "τ_SynSigns", "τ_SynScenes"}));
        QCOMPARE(csv.rows.size(), 9);  // all, layer 0, layer 1 × 3 tasks
        QCOMPARE(csv.rows[0], (QStringList{"all", "MNIST", "-0.4", "0.3", "-0.35"}));
        QCOMPARE(csv.rows[5], (QStringList{"0", "SynScenes", "-0.05", "0.02", "-0.2"}));
        QCOMPARE(csv.rows[6], (QStringList{"1", "MNIST", "-0.1", "0.2", "-0.4"}));
    }

private:
    std::unique_ptr<EntropySignalFigure> figure_;
};

QTEST_MAIN(TestEntropySignalFigure)
#include "test_entropy_signal_figure.moc"
