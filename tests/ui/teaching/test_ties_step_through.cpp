// The TIES step-through on a walkthrough small enough to check by hand:
//   τA = ( 0.5, −0.1,  0.2, −0.4)   keep 50 %: ( 0.5,  0,   0, −0.4)
//   τB = (−0.3,  0.6, −0.05, 0.1)               (−0.3,  0.6, 0,  0  )
//   τC = ( 0.4, −0.7,  0.3, 0.05)               ( 0.4, −0.7, 0,  0  )
//   Σ trimmed = (0.6, −0.1, 0, −0.4) → γ = (+, −, 0, −); B's 1st and 2nd entries disagree;
//   τm = (mean(0.5, 0.4), −0.7, 0, −0.4) = (0.45, −0.7, 0, −0.4).
#include <QtTest>

#include <QDoubleSpinBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>

#include "ui/teaching/ties_grid_view.h"
#include "ui/teaching/ties_step_through.h"

using namespace ms;
using Look = ui::TiesGridCell::Look;

namespace {

ui::TiesWalkthrough handMade(double unit = 1.0) {
    ui::TiesWalkthrough w;
    w.tensorName = "encoder.layers.3.mlp.fc1.weight";
    w.tasks = {"A", "B", "C"};
    w.keepPercent = 50.0;
    w.lambda = 0.3;
    auto scaled = [unit](QVector<double> v) {
        for (double& x : v) x *= unit;
        return v;
    };
    w.vectors = {scaled({0.5, -0.1, 0.2, -0.4}), scaled({-0.3, 0.6, -0.05, 0.1}), scaled({0.4, -0.7, 0.3, 0.05})};
    w.trimmed = {scaled({0.5, 0, 0, -0.4}), scaled({-0.3, 0.6, 0, 0}), scaled({0.4, -0.7, 0, 0})};
    w.electedSign = {1, -1, 0, -1};
    w.merged = scaled({0.45, -0.7, 0, -0.4});
    return w;
}

QStringList texts(const ui::TiesGridRow* row) {
    QStringList out;
    if (row)
        for (const auto& c : row->cells) out << c.text;
    return out;
}

QString cellMap(const ui::TiesGrid& grid, Look look) {
    // "A:2,3 B:3,4" — which cells of which task rows have `look`.
    QStringList parts;
    for (const auto& row : grid.rows) {
        if (row.kind != ui::TiesGridRow::Kind::Task) continue;
        QStringList columns;
        for (int c = 0; c < row.cells.size(); ++c)
            if (row.cells[c].look == look) columns << QString::number(c + 1);
        if (!columns.isEmpty()) parts << row.label + ":" + columns.join(",");
    }
    return parts.join(" ");
}

}  // namespace

class TestTiesStepThrough : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void stepOneShowsTheTaskVectors() {
        ui::TiesStepThrough view;
        view.setWalkthrough(handMade());
        QCOMPARE(view.step(), 0);
        const auto& grid = view.currentGrid();
        QCOMPARE(grid.rows.size(), 3);
        QCOMPARE(grid.columns, QStringList({"1", "2", "3", "4"}));
        QCOMPARE(texts(&grid.rows[1]), QStringList({"−0.30", "0.60", "−0.05", "0.10"}));
        QCOMPARE(cellMap(grid, Look::Trimmed), QString());
        QCOMPARE(grid.unitNote, QString());  // values near 1 are shown as they are
    }

    void stepTwoGreysWhatTheTrimDrops() {
        ui::TiesStepThrough view;
        view.setWalkthrough(handMade());
        view.next();
        QCOMPARE(view.currentStep(), ui::TiesStep::Trim);
        const auto& grid = view.currentGrid();
        QCOMPARE(cellMap(grid, Look::Trimmed), QString("A:2,3 B:3,4 C:3,4"));
        QCOMPARE(grid.rows[0].note, QString("2 of 4 kept"));
        QCOMPARE(grid.rows[0].cells[1].text, QString("−0.10"));  // greyed, value still readable
        QVERIFY(view.explanation().contains("top 50 %"));
    }

    void stepThreeElectsTheSignAndCrossesOutDissenters() {
        ui::TiesStepThrough view;
        view.setWalkthrough(handMade());
        view.setStep(2);
        const auto& grid = view.currentGrid();
        QCOMPARE(texts(grid.row(ui::tiesSignRowLabel())), QStringList({"+", "−", "0", "−"}));
        QCOMPARE(texts(grid.row(ui::tiesSumRowLabel())), QStringList({"0.60", "−0.10", "0.00", "−0.40"}));
        QCOMPARE(cellMap(grid, Look::Disagrees), QString("B:1,2"));
        QCOMPARE(cellMap(grid, Look::Trimmed), QString("A:2,3 B:3,4 C:3,4"));
        QCOMPARE(grid.rows[0].cells[1].text, QString("0"));  // trimmed entries are zeros now
        QCOMPARE(grid.rows[1].note, QString("2 crossed out"));
        QVERIFY(view.explanation().contains("<b>2</b> kept entries disagree"));
    }

    void stepFourShowsTheMergedValues() {
        ui::TiesStepThrough view;
        view.setWalkthrough(handMade());
        view.setStep(3);
        const auto& grid = view.currentGrid();
        QCOMPARE(texts(grid.row(ui::tiesMergedRowLabel())), QStringList({"0.45", "−0.70", "0", "−0.40"}));
        QVERIFY(grid.row(ui::tiesSignRowLabel()));
        QVERIFY(!grid.row(ui::tiesSumRowLabel()));
        // The worked example uses the largest merged entry: 0.3 × −0.7.
        QVERIFY2(view.explanation().contains("Entry 2, for example, moves from its pretrained value by 0.3 × −0.7 = −0.21"),
                 qPrintable(view.explanation()));
    }

    void smallTaskVectorsAreShownInAScaledUnit() {
        ui::TiesStepThrough view;
        view.setWalkthrough(handMade(1e-3));
        // The largest |τ| is 7 × 10⁻⁴: the unit puts it between 1 and 10.
        QCOMPARE(view.currentGrid().unitNote, QString("numbers are τ × 10⁴"));
        QCOMPARE(texts(&view.currentGrid().rows[0]), QStringList({"5.00", "−1.00", "2.00", "−4.00"}));
        QCOMPARE(view.currentGrid().rows[0].cells[0].value, 0.5e-3);  // the exact value stays behind the text
    }

    void backAndNextStopAtTheEnds() {
        ui::TiesStepThrough view;
        view.setWalkthrough(handMade());
        auto* back = view.findChild<QPushButton*>("backButton");
        auto* next = view.findChild<QPushButton*>("nextButton");
        auto* label = view.findChild<QLabel*>("stepLabel");
        QSignalSpy steps(&view, &ui::TiesStepThrough::stepChanged);
        QVERIFY(!back->isEnabled());
        view.back();
        QCOMPARE(view.step(), 0);
        for (int i = 0; i < 3; ++i) QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(view.step(), 3);
        QVERIFY(!next->isEnabled());
        QVERIFY(back->isEnabled());
        view.next();
        QCOMPARE(view.step(), 3);
        QCOMPARE(label->text(), QString("Step 4 of 4"));
        QCOMPARE(steps.count(), 3);  // no signal for the refused moves
        QTest::mouseClick(back, Qt::LeftButton);
        QCOMPARE(view.step(), 2);
        view.setWalkthrough(handMade());  // a new slice starts over
        QCOMPARE(view.step(), 0);
    }

    void requestsSlicesWithTheSpinValue() {
        ui::TiesStepThrough view;
        QSignalSpy slices(&view, &ui::TiesStepThrough::sliceRequested);
        QSignalSpy keeps(&view, &ui::TiesStepThrough::keepPercentChanged);
        view.setWalkthrough(handMade());
        auto* spin = view.findChild<QDoubleSpinBox*>("keepSpin");
        QCOMPARE(spin->value(), 50.0);  // taken from the walkthrough, silently
        QCOMPARE(keeps.count(), 0);
        spin->setValue(35.0);
        QCOMPARE(keeps.count(), 1);
        QCOMPARE(keeps.at(0).at(0).toDouble(), 35.0);
        QTest::mouseClick(view.findChild<QPushButton*>("newSliceButton"), Qt::LeftButton);
        QCOMPARE(slices.count(), 1);
        QCOMPARE(slices.at(0).at(0).toDouble(), 35.0);
    }

    void exportsTheNumbersAsCsvAndTheStepAsPng() {
        ui::TiesStepThrough view;
        QTemporaryDir dir;
        QVERIFY(!view.exportCsvTo(dir.filePath("none.csv")).isEmpty());  // nothing to export yet
        view.setWalkthrough(handMade());
        const QString csv = view.csvTable().toCsv();
        QCOMPARE(csv.split('\n').mid(0, 8), QStringList({"quantity,task,e1,e2,e3,e4",
                                                          "task_vector,A,0.5,-0.1,0.2,-0.4",
                                                          "task_vector,B,-0.3,0.6,-0.05,0.1",
                                                          "task_vector,C,0.4,-0.7,0.3,0.05",
                                                          "trimmed,A,0.5,0,0,-0.4",
                                                          "trimmed,B,-0.3,0.6,0,0",
                                                          "trimmed,C,0.4,-0.7,0,0",
                                                          "elected_sign,,1,-1,0,-1"}));
        QVERIFY(csv.endsWith("merged,,0.45,-0.7,0,-0.4\n"));
        QCOMPARE(view.exportCsvTo(dir.filePath("ties.csv")), QString());
        QFile file(dir.filePath("ties.csv"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()), csv);

        view.resize(1000, 600);
        view.show();
        view.setStep(3);
        QCOMPARE(view.exportImageTo(dir.filePath("step.png")), QString());
        const QImage image(dir.filePath("step.png"));
        QVERIFY(image.width() > 400 && image.height() > 200);
    }

    void withoutAWalkthroughNothingCanBeStepped() {
        ui::TiesStepThrough view;
        QVERIFY(!view.hasWalkthrough());
        QVERIFY(!view.findChild<QPushButton*>("nextButton")->isEnabled());
        QVERIFY(view.currentGrid().isEmpty());
    }

    void gridViewMapsPositionsToCells() {
        ui::TiesGridView grid;
        grid.resize(800, 300);
        grid.setGrid(ui::tiesGridForStep(handMade(), ui::TiesStep::ElectSign));
        const QRect cell = grid.cellRect(4, 2);  // the sign row, third entry
        QVERIFY(cell.isValid());
        QCOMPARE(grid.cellAt(cell.center()), QPoint(4, 2));
        QCOMPARE(grid.cellAt(QPoint(1, 1)), QPoint(-1, -1));
        QVERIFY(grid.cellRect(5, 0).isNull());
        // Summary rows sit below a gap, not flush with the task rows.
        QVERIFY(grid.cellRect(3, 0).top() > grid.cellRect(2, 0).bottom() + 8);
    }
};

QTEST_MAIN(TestTiesStepThrough)
#include "test_ties_step_through.moc"
