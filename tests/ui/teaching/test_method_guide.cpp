// The method guide: the list mirrors the methods given, a page shows the selected method's
// formula, paper and parameter defaults, "Try it" names the method, and every registry method
// has a hand-written lesson.
#include <QtTest>

#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTextBrowser>

#include "core/merge/merge_method.h"
#include "ui/teaching/method_guide.h"
#include "ui/teaching/method_lessons.h"
#include "ui/teaching/method_page.h"

using namespace ms;

namespace {

merge::MethodInfo tiesLike() {
    merge::MethodInfo m;
    m.id = "ties";
    m.name = "TIES-merging";
    m.kind = merge::MethodKind::Static;
    m.paper = "Yadav et al., NeurIPS 2023";
    m.paperUrl = "https://arxiv.org/abs/2306.01708";
    m.formula = "γ = sign(Σt τ̂t);  θ = θ0 + λ τm";
    m.summary = "Trim, elect, merge.";
    m.parameters = {{"k", "Keep top k %", merge::ParamType::Real, 20.0, 0.0, 100.0, {}, "Percentage kept."},
                    {"disjoint", "Disjoint merge", merge::ParamType::Choice, 0, 0, 0, {"mean", "sum"}, "How."}};
    return m;
}

merge::MethodInfo adaptiveLike() {
    merge::MethodInfo m;
    m.id = "wemoe";
    m.name = "WEMoE";
    m.kind = merge::MethodKind::Adaptive;
    m.paper = "Tang et al., ICML 2024";
    m.formula = "W_b = W0 + Σt r_b,t τt";
    m.summary = "Routers.";
    m.parameters = {{"lr", "Learning rate", merge::ParamType::Real, 1e-4, 1e-6, 1.0, {}, "Adam.", true},
                    {"shared_router", "Shared", merge::ParamType::Boolean, 1.0, 0, 1, {}, "One router."},
                    {"router_depth", "Router depth", merge::ParamType::Integer, 2, 0, 2, {}, "Depth."}};
    return m;
}

QStringList selectableRows(QListWidget* list) {
    QStringList rows;
    for (int r = 0; r < list->count(); ++r)
        if (list->item(r)->flags() & Qt::ItemIsSelectable) rows << list->item(r)->text();
    return rows;
}

}  // namespace

class TestMethodGuide : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void listsTheMethodsGivenGroupedByKind() {
        ui::MethodGuide guide;
        guide.setMethods({adaptiveLike(), tiesLike()});
        QCOMPARE(guide.methodIds(), QStringList({"wemoe", "ties"}));
        auto* list = guide.findChild<QListWidget*>("methodList");
        QVERIFY(list);
        // Concepts first, then static before adaptive whatever the input order.
        QCOMPARE(selectableRows(list), QStringList({"Concepts", "TIES-merging", "WEMoE"}));
        QCOMPARE(guide.currentMethodId(), QString());  // opens on Concepts
        QVERIFY(guide.findChild<QTextBrowser*>("methodPage")->toPlainText().contains("Task vector"));
    }

    void showsFormulaPaperAndParameterDefaultsOfTheSelectedMethod() {
        ui::MethodGuide guide;
        guide.setMethods({tiesLike(), adaptiveLike()});
        QVERIFY(guide.selectMethod("ties"));
        QCOMPARE(guide.currentMethodId(), QString("ties"));
        auto* page = guide.findChild<QTextBrowser*>("methodPage");
        const QString text = page->toPlainText();
        QVERIFY(text.contains("TIES-merging"));
        QVERIFY(text.contains("Static merge"));
        QVERIFY(text.contains("θ = θ0 + λ τm"));  // sub-scripts keep their characters
        QVERIFY(text.contains("Keep top k %\n20\n0 – 100"));
        QVERIFY(text.contains("Disjoint merge\nmean\nmean · sum"));
        QVERIFY(text.contains("How it works"));  // the hand-written lesson for "ties"
        QVERIFY(page->toHtml().contains("https://arxiv.org/abs/2306.01708"));

        QVERIFY(guide.selectMethod("wemoe"));
        const QString wemoe = page->toPlainText();
        QVERIFY(wemoe.contains("Adaptive merge"));
        QVERIFY(wemoe.contains("Learning rate\n10⁻⁴\n10⁻⁶ – 1 (log scale)"));
        QVERIFY(wemoe.contains("Shared\non\non / off"));
        QVERIFY(wemoe.contains("Router depth\n2\n0 – 2"));
        QVERIFY(!guide.selectMethod("nope"));
        QCOMPARE(guide.currentMethodId(), QString("wemoe"));
    }

    void tryItCarriesTheMethodIdAndIsHiddenOnConcepts() {
        ui::MethodGuide guide;
        guide.setMethods({tiesLike(), adaptiveLike()});
        QSignalSpy spy(&guide, &ui::MethodGuide::tryMethodRequested);
        auto* tryButton = guide.findChild<QPushButton*>("tryMethodButton");
        guide.selectMethod("wemoe");
        QVERIFY(!tryButton->isHidden());
        QTest::mouseClick(tryButton, Qt::LeftButton);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), QString("wemoe"));
        guide.showConcepts();
        QVERIFY(tryButton->isHidden());
        QCOMPARE(guide.currentMethodId(), QString());
    }

    void keepsThePageWhenTheMethodsAreSetAgain() {
        ui::MethodGuide guide;
        guide.setMethods({tiesLike(), adaptiveLike()});
        guide.selectMethod("wemoe");
        guide.setMethods({tiesLike(), adaptiveLike()});
        QCOMPARE(guide.currentMethodId(), QString("wemoe"));
        guide.setMethods({tiesLike()});
        QCOMPARE(guide.currentMethodId(), QString());  // gone: back to Concepts
    }

    void rendersFormulasWithIndices() {
        QCOMPARE(ui::formulaHtml("θ = θ0 + λ Σt τt"), QString("<div>θ = θ<sub>0</sub> + λ Σ<sub>t</sub> τ<sub>t</sub></div>"));
        QCOMPARE(ui::formulaHtml("W_b = W0 + Σt r_b,t τt"),
                 QString("<div>W<sub>b</sub> = W<sub>0</sub> + Σ<sub>t</sub> r<sub>b,t</sub> τ<sub>t</sub></div>"));
        QCOMPARE(ui::formulaHtml("θ^k = λt,k τt^k"), QString("<div>θ<sup>k</sup> = λ<sub>t,k</sub> τ<sub>t</sub><sup>k</sup></div>"));
        // Names are not indices: LN2 stays, "τt, τs" keeps its comma, "λ scales" has no index.
        QCOMPARE(ui::formulaHtml("router(LN2(h)) τt, τs"), QString("<div>router(LN2(h)) τ<sub>t</sub>, τ<sub>s</sub></div>"));
        QCOMPARE(ui::proseMathHtml("λ scales"), QString("λ scales"));
        // Clauses split on ";" and wide gaps; a lone "or" opens the next line.
        QCOMPARE(ui::formulaHtml("a = 1;  b < 2,   or   c"), QString("<div>a = 1</div><div>b &lt; 2</div><div>or  c</div>"));
        // Prose keeps identifiers such as per_sample but indexes one-letter symbols.
        QCOMPARE(ui::proseMathHtml("per_sample: W_b"), QString("per_sample: W<sub>b</sub>"));
    }

    void everyRegistryMethodHasALessonAndAPage() {
        std::vector<merge::MethodInfo> infos;
        for (const auto* m : merge::allMethods()) infos.push_back(m->info());
        QCOMPARE(int(infos.size()), 7);
        ui::MethodGuide guide;
        guide.setMethods(infos);
        auto* page = guide.findChild<QTextBrowser*>("methodPage");
        for (const auto& info : infos) {
            const QString id = QString::fromStdString(info.id);
            QVERIFY2(!ui::methodLesson(id).isEmpty(), qPrintable(id));
            QVERIFY(guide.selectMethod(id));
            QVERIFY2(page->toPlainText().contains("What to look at in MergeScope"), qPrintable(id));
            for (const auto& p : info.parameters)
                QVERIFY2(page->toPlainText().contains(QString::fromStdString(p.label).left(6)), p.id.c_str());
        }
        QVERIFY(ui::methodLesson("no_such_method").isEmpty());
    }
};

QTEST_MAIN(TestMethodGuide)
#include "test_method_guide.moc"
