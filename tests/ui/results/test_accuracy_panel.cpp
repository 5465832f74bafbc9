// The accuracy panel: copy as TSV (button, Ctrl+C, selection), export to files, the mode and
// reference controls, sorting from the header with baselines pinned, removal requests, empty states.
#include <QtTest>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHeaderView>
#include <QMenu>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>

#include "ui/base/qcustomplot_include.h"
#include "ui/results/accuracy_bar_chart.h"
#include "ui/results/accuracy_panel.h"
#include "ui/results/accuracy_table_export.h"
#include "ui/results/accuracy_table_model.h"
#include "ui/results/two_task_table.h"

using namespace ms::ui;
using namespace ms::ui::testing;

namespace {

QAction* actionNamed(QWidget& parent, const QString& text) {
    for (QAction* a : parent.findChildren<QAction*>())
        if (a->text() == text) return a;
    return nullptr;
}

QString readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

}  // namespace

class TestAccuracyPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() {
        panel_ = std::make_unique<AccuracyPanel>();
        panel_->resize(900, 600);
        panel_->setTasks(twoTasks());
        panel_->setRows(twoTaskRows());
        QApplication::clipboard()->clear();
    }

    void copiesTheWholeTableWhenNothingIsSelected() {
        panel_->copyToClipboard();
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("Method\tMNIST\tFashion_MNIST\tAverage\n"
                                                                    "Pretrained\t48.0\t32.0\t40.0\n"
                                                                    "Individual\t90.0\t98.0\t94.0\n"
                                                                    "TA 10%\t45.0\t96.0\t70.5\n"
                                                                    "WEMoE_2\t81.0\t95.0\t88.0\n"));
    }

    void ctrlCCopiesTheSelection() {
        panel_->show();
        QVERIFY(QTest::qWaitForWindowExposed(panel_.get()));
        QTableView* view = panel_->view();
        auto* selection = view->selectionModel();
        selection->select(panel_->model()->index(2, 0), QItemSelectionModel::Select);  // TA, MNIST
        selection->select(panel_->model()->index(3, 2), QItemSelectionModel::Select);  // WEMoE, average
        view->setFocus();
        QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("Method\tMNIST\tFashion_MNIST\tAverage\n"
                                                                    "TA 10%\t45.0\t\t\n"
                                                                    "WEMoE_2\t\t\t88.0\n"));
    }

    void normalisedToggleDrivesModelTableAndCopy() {
        QAction* normalised = actionNamed(*panel_, "Normalised");
        QVERIFY(normalised);
        normalised->trigger();
        QVERIFY(panel_->model()->isNormalised());
        QCOMPARE(panel_->model()->data(panel_->model()->index(2, 0)).toString(), QStringLiteral("50.0"));
        QVERIFY(panel_->copyText().startsWith(QStringLiteral("Method (normalised %)\t")));
        actionNamed(*panel_, "Absolute")->trigger();
        QVERIFY(!panel_->model()->isNormalised());
        // And the other way: the model's mode set by code checks the right button.
        panel_->setNormalised(true);
        QVERIFY(normalised->isChecked());
    }

    void referenceComboRecolours() {
        auto* combo = panel_->findChild<QComboBox*>();
        QVERIFY(combo);
        QCOMPARE(combo->count(), 4);
        QCOMPARE(combo->currentData().toString(), QStringLiteral("individual"));
        const int pretrained = combo->findData(QStringLiteral("pretrained"));
        combo->setCurrentIndex(pretrained);
        Q_EMIT combo->activated(pretrained);
        QCOMPARE(panel_->model()->reference(), QStringLiteral("pretrained"));
        // WEMoE gains 33 points over the pretrained model on MNIST: green.
        const QColor cell = panel_->model()->data(panel_->model()->index(3, 0), Qt::BackgroundRole).value<QColor>();
        QVERIFY(cell.green() > cell.red());
    }

    void headerClicksSortWithBaselinesPinned() {
        panel_->show();
        QVERIFY(QTest::qWaitForWindowExposed(panel_.get()));
        QHeaderView* header = panel_->view()->horizontalHeader();
        const QPoint mnist(header->sectionViewportPosition(0) + 5, header->height() / 2);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, mnist);
        const Qt::SortOrder first = header->sortIndicatorOrder();
        auto ids = [&] {
            QStringList out;
            for (int r = 0; r < panel_->model()->rowCount(); ++r) out << panel_->model()->rowAt(r).id;
            return out;
        };
        const QStringList ascending{"pretrained", "individual", "ta-1", "wemoe-1"};
        const QStringList descending{"pretrained", "individual", "wemoe-1", "ta-1"};
        QCOMPARE(ids(), first == Qt::AscendingOrder ? ascending : descending);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, mnist);
        QCOMPARE(ids(), first == Qt::AscendingOrder ? descending : ascending);
    }

    void contextMenuAndDeleteRequestRemoval() {
        QSignalSpy spy(panel_.get(), &AccuracyPanel::removeRequested);
        auto removeAction = [](QMenu* menu) {
            for (QAction* a : menu->actions())
                if (a->text() == QLatin1String("Remove from session")) return a;
            return static_cast<QAction*>(nullptr);
        };
        std::unique_ptr<QMenu> menu(panel_->createContextMenu(panel_->model()->index(2, 1)));  // TA
        QVERIFY(removeAction(menu.get()) && removeAction(menu.get())->isEnabled());
        removeAction(menu.get())->trigger();
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("ta-1"));
        std::unique_ptr<QMenu> baselineMenu(panel_->createContextMenu(panel_->model()->index(0, 0)));
        QVERIFY(!removeAction(baselineMenu.get())->isEnabled());
        // Delete on a selection of a baseline and WEMoE asks to remove WEMoE only.
        panel_->view()->selectionModel()->select(panel_->model()->index(0, 0), QItemSelectionModel::Select);
        panel_->view()->selectionModel()->select(panel_->model()->index(3, 0), QItemSelectionModel::Select);
        QTest::keyClick(panel_->view(), Qt::Key_Delete);
        QCOMPARE(spy.count(), 2);
        QCOMPARE(spy.at(1).at(0).toString(), QStringLiteral("wemoe-1"));
        // The owner then removes the row.
        panel_->removeRow("wemoe-1");
        QCOMPARE(panel_->model()->rowCount(), 3);
    }

    void exportsTheShownMode() {
        QTemporaryDir dir;
        panel_->setNormalised(true);
        QCOMPARE(panel_->exportTo(dir.filePath("t.md"), AccuracyPanel::TextFormat::Markdown), QString());
        QCOMPARE(readFile(dir.filePath("t.md")), toMarkdown(*panel_->model()));
        QVERIFY(readFile(dir.filePath("t.md")).contains("| TA 10% | 50.0 | 98.0 | 74.0 |"));
        QCOMPARE(panel_->exportTo(dir.filePath("t.tex"), AccuracyPanel::TextFormat::Latex), QString());
        QVERIFY(readFile(dir.filePath("t.tex")).startsWith("\\begin{tabular}{lrrr}"));
        QCOMPARE(panel_->exportTo(dir.filePath("t.csv"), AccuracyPanel::TextFormat::Csv), QString());
        QVERIFY(readFile(dir.filePath("t.csv")).contains("TA 10%,50.0,98.0,74.0\n"));
        QVERIFY(!panel_->exportTo(dir.filePath("missing/t.csv"), AccuracyPanel::TextFormat::Csv).isEmpty());
    }

    void chartFollowsTheTable() {
        panel_->chart()->refresh();
        QCOMPARE(panel_->chart()->state(), FigureCard::State::Plot);
        QVERIFY(panel_->chart()->caption().contains("WEMoE_2, seed 0"));
        QCOMPARE(panel_->chart()->data().rows.size(), 4);
        QCOMPARE(panel_->chart()->data().rows[2], (QStringList{"TA 10%", "45.0", "96.0", "70.5"}));
    }

    void clickingABarSelectsItsCell() {
        AccuracyBarChart* chart = panel_->chart();
        panel_->show();
        QVERIFY(QTest::qWaitForWindowExposed(panel_.get()));
        chart->refresh();
        QCustomPlot* plot = chart->plot();
        plot->replot();
        // The third method's bar over the second task (model row 2, column 1).
        QCPBars* bars = nullptr;
        for (int i = 0; i < plot->plottableCount(); ++i)
            if (auto* b = qobject_cast<QCPBars*>(plot->plottable(i)); b && b->property("modelRow").toInt() == 2) bars = b;
        QVERIFY(bars);
        const QPointF top = bars->dataPixelPosition(1);
        QSignalSpy spy(chart, &AccuracyBarChart::barClicked);
        QTest::mouseClick(plot, Qt::LeftButton, Qt::NoModifier, (top + QPointF(0, 6)).toPoint());
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toInt(), 2);
        QCOMPARE(spy.at(0).at(1).toInt(), 1);
        const QModelIndexList selected = panel_->view()->selectionModel()->selectedIndexes();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().row(), 2);
        QCOMPARE(selected.first().column(), 1);
        // A click on empty plot area selects nothing new.
        QTest::mouseClick(plot, Qt::LeftButton, Qt::NoModifier, QPoint(plot->width() - 5, 5));
        QCOMPARE(spy.count(), 1);
    }

    void emptyStates() {
        QVERIFY(panel_->emptyStateText().isEmpty());
        panel_->setRows(twoTaskRows().mid(0, 1) + twoTaskRows().mid(2, 1));  // the two baselines
        QVERIFY(panel_->emptyStateText().contains("Only the baselines"));
        panel_->setRows({});
        QVERIFY(panel_->emptyStateText().startsWith("No accuracies yet"));
        panel_->chart()->refresh();
        QCOMPARE(panel_->chart()->state(), FigureCard::State::Empty);
    }

private:
    std::unique_ptr<AccuracyPanel> panel_;
};

QTEST_MAIN(TestAccuracyPanel)
#include "test_accuracy_panel.moc"
