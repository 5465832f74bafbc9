// The accuracy table as CSV, Markdown, LaTeX and TSV: exact text for a hand-made 2-task table.
#include <QtTest>

#include "ui/results/accuracy_table_export.h"
#include "ui/results/accuracy_table_model.h"
#include "ui/results/two_task_table.h"

using namespace ms::ui;
using namespace ms::ui::testing;

class TestAccuracyTableExport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() {
        model_ = std::make_unique<AccuracyTableModel>();
        model_->setTasks(twoTasks());
        model_->setRows(twoTaskRows());
    }

    void csvAbsolute() {
        QCOMPARE(toCsv(*model_), QStringLiteral("Method,MNIST,Fashion_MNIST,Average\n"
                                                "Pretrained,48.0,32.0,40.0\n"
                                                "Individual,90.0,98.0,94.0\n"
                                                "TA 10%,45.0,96.0,70.5\n"
                                                "WEMoE_2,81.0,95.0,88.0\n"));
    }

    void csvNormalisedFollowsTheSort() {
        model_->setNormalised(true);
        model_->sort(2, Qt::DescendingOrder);
        QCOMPARE(toCsv(*model_), QStringLiteral("Method (normalised %),MNIST,Fashion_MNIST,Average\n"
                                                "Pretrained,53.3,32.7,43.0\n"
                                                "Individual,100.0,100.0,100.0\n"
                                                "WEMoE_2,90.0,96.9,93.5\n"
                                                "TA 10%,50.0,98.0,74.0\n"));
    }

    void csvQuotesAndMissingValues() {
        auto row = accuracyRow("odd", "Odd, \"quoted\"", "ties", false, 0.5, std::nan(""));
        model_->addOrReplaceRow(row);
        QVERIFY(toCsv(*model_).endsWith(QStringLiteral("\"Odd, \"\"quoted\"\"\",50.0,,50.0\n")));
    }

    void markdown() {
        QCOMPARE(toMarkdown(*model_), QStringLiteral("| Method | MNIST | Fashion_MNIST | Average |\n"
                                                     "|---|---:|---:|---:|\n"
                                                     "| Pretrained | 48.0 | 32.0 | 40.0 |\n"
                                                     "| Individual | 90.0 | 98.0 | 94.0 |\n"
                                                     "| TA 10% | 45.0 | 96.0 | 70.5 |\n"
                                                     "| WEMoE_2 | 81.0 | 95.0 | 88.0 |\n"));
    }

    void markdownEscapesPipesAndMarksMissing() {
        model_->addOrReplaceRow(accuracyRow("odd", "A|B", "ties", false, std::nan(""), std::nan("")));
        QVERIFY(toMarkdown(*model_).endsWith(QStringLiteral("| A\\|B | — | — | — |\n")));
    }

    void latexEscapesAndBoldsTheBestMergedValue() {
        // MNIST: WEMoE 81 beats TA 45 (the individual 90 is a baseline, never bold);
        // Fashion: TA 96 beats WEMoE 95; average: WEMoE 88.
        QCOMPARE(toLatex(*model_), QStringLiteral("\\begin{tabular}{lrrr}\n"
                                                  "\\toprule\n"
                                                  "Method & MNIST & Fashion\\_MNIST & Average \\\\\n"
                                                  "\\midrule\n"
                                                  "Pretrained & 48.0 & 32.0 & 40.0 \\\\\n"
                                                  "Individual & 90.0 & 98.0 & 94.0 \\\\\n"
                                                  "\\midrule\n"
                                                  "TA 10\\% & 45.0 & \\textbf{96.0} & 70.5 \\\\\n"
                                                  "WEMoE\\_2 & \\textbf{81.0} & 95.0 & \\textbf{88.0} \\\\\n"
                                                  "\\bottomrule\n"
                                                  "\\end{tabular}\n"));
    }

    void latexNormalisedBoldsTiesAsPrinted() {
        // TIES 0.8101/0.90 = 90.01 and WEMoE 0.81/0.90 = 90.00 both print as 90.0: both bold.
        model_->addOrReplaceRow(accuracyRow("ties-1", "TIES", "ties", false, 0.8101, 0.20));
        model_->setNormalised(true);
        const QString latex = toLatex(*model_);
        QVERIFY2(latex.contains(QStringLiteral("Method (normalised \\%) &")), qPrintable(latex));
        QVERIFY2(latex.contains(QStringLiteral("WEMoE\\_2 & \\textbf{90.0} & 96.9 & \\textbf{93.5} \\\\\n")), qPrintable(latex));
        QVERIFY2(latex.contains(QStringLiteral("TIES & \\textbf{90.0} & 20.4 & 55.2 \\\\\n")), qPrintable(latex));
        QVERIFY2(latex.contains(QStringLiteral("TA 10\\% & 50.0 & \\textbf{98.0} & 74.0 \\\\\n")), qPrintable(latex));
    }

    void latexSpecials() {
        model_->addOrReplaceRow(accuracyRow("x", "a&b $c# {d} ~e^ \\f", "ties", false, 0.1, 0.1));
        QVERIFY(toLatex(*model_).contains(
            QStringLiteral("a\\&b \\$c\\# \\{d\\} \\textasciitilde{}e\\textasciicircum{} \\textbackslash{}f & ")));
    }

    void tsvWholeTableSingleCellAndRectangle() {
        QCOMPARE(toTsv(*model_), QStringLiteral("Method\tMNIST\tFashion_MNIST\tAverage\n"
                                                "Pretrained\t48.0\t32.0\t40.0\n"
                                                "Individual\t90.0\t98.0\t94.0\n"
                                                "TA 10%\t45.0\t96.0\t70.5\n"
                                                "WEMoE_2\t81.0\t95.0\t88.0\n"));
        QCOMPARE(toTsv(*model_, {model_->index(3, 1)}), QStringLiteral("95.0\n"));
        // TA's MNIST and WEMoE's Fashion: their bounding rectangle, the other two cells empty.
        QCOMPARE(toTsv(*model_, {model_->index(2, 0), model_->index(3, 1)}),
                 QStringLiteral("Method\tMNIST\tFashion_MNIST\n"
                                "TA 10%\t45.0\t\n"
                                "WEMoE_2\t\t95.0\n"));
    }

private:
    std::unique_ptr<AccuracyTableModel> model_;
};

QTEST_MAIN(TestAccuracyTableExport)
#include "test_accuracy_table_export.moc"
