// Renders the teaching views at a projector-like size with realistic content, so a person can
// look at them: set MS_SCREENSHOT_DIR to keep the PNGs (teaching_*.png). Without it the images
// go to a temporary folder and the test only checks that something was drawn.
#include <QtTest>

#include <QListWidget>
#include <QMainWindow>
#include <QRandomGenerator>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QTemporaryDir>
#include <algorithm>
#include <cmath>

#include "core/merge/merge_method.h"
#include "ui/teaching/guided_tour.h"
#include "ui/teaching/method_guide.h"
#include "ui/teaching/ties_step_through.h"

using namespace ms;

namespace {

// Whether the image has real content: more than a handful of distinct colours.
bool hasContent(const QImage& image) {
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7) colours.insert(image.pixel(x, y));
    return colours.size() > 20;
}

// TIES on eight paper-like tasks × 14 entries of size ~10⁻³, computed here the textbook way.
ui::TiesWalkthrough realisticWalkthrough(double keepPercent) {
    ui::TiesWalkthrough w;
    w.tensorName = "encoder.layers.5.mlp.fc1.weight[412, 96:110]";
    w.tasks = {"SUN397", "Cars", "RESISC45", "EuroSAT", "SVHN", "GTSRB", "MNIST", "DTD"};
    w.keepPercent = keepPercent;
    w.lambda = 0.3;
    const int entries = 14;
    QRandomGenerator random(7);
    const int keep = int(std::ceil(entries * keepPercent / 100.0));
    for (int t = 0; t < w.tasks.size(); ++t) {
        QVector<double> v(entries);
        for (double& x : v) x = (random.generateDouble() * 2.0 - 1.0) * 1.2e-3 * random.generateDouble();
        QVector<double> sorted = v;
        std::sort(sorted.begin(), sorted.end(), [](double a, double b) { return std::abs(a) > std::abs(b); });
        const double threshold = std::abs(sorted[keep - 1]);
        QVector<double> kept = v;
        for (double& x : kept)
            if (std::abs(x) < threshold) x = 0.0;
        w.vectors << v;
        w.trimmed << kept;
    }
    for (int e = 0; e < entries; ++e) {
        double sum = 0.0;
        for (const auto& row : w.trimmed) sum += row[e];
        const double sign = sum > 0 ? 1.0 : (sum < 0 ? -1.0 : 0.0);
        double total = 0.0;
        int count = 0;
        for (const auto& row : w.trimmed)
            if (row[e] != 0.0 && (row[e] > 0 ? 1.0 : -1.0) == sign) total += row[e], ++count;
        w.electedSign << sign;
        w.merged << (count ? total / count : 0.0);
    }
    return w;
}

}  // namespace

class TestTeachingScreenshots : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        const QString dir = qEnvironmentVariable("MS_SCREENSHOT_DIR");
        outDir_ = dir.isEmpty() ? temp_.path() : dir;
    }

    void methodGuidePages() {
        std::vector<merge::MethodInfo> infos;
        for (const auto* m : merge::allMethods()) infos.push_back(m->info());
        ui::MethodGuide guide;
        guide.setMethods(infos);
        guide.resize(1300, 800);
        guide.show();
        for (const QString id : {"concepts", "ties", "wemoe", "adamerging", "e_wemoe"}) {
            if (id == "concepts") guide.showConcepts();
            else QVERIFY(guide.selectMethod(id));
            QApplication::processEvents();  // let the layout follow the new button text
            const QImage image = guide.grab().toImage();
            QVERIFY(hasContent(image));
            QVERIFY(image.save(outDir_ + "/teaching_guide_" + id + ".png"));
        }
    }

    void tiesSteps() {
        ui::TiesStepThrough view;
        view.resize(1300, 800);
        view.show();
        QApplication::processEvents();
        QVERIFY(view.grab().save(outDir_ + "/teaching_ties_empty.png"));
        view.setWalkthrough(realisticWalkthrough(20.0));
        for (int step = 0; step < ui::kTiesStepCount; ++step) {
            view.setStep(step);
            QApplication::processEvents();
            const QImage image = view.grab().toImage();
            QVERIFY(hasContent(image));
            QVERIFY(image.save(outDir_ + QString("/teaching_ties_step%1.png").arg(step + 1)));
        }
        QCOMPARE(view.exportImageTo(outDir_ + "/teaching_ties_export.png"), QString());
    }

    // The tour over a stand-in main window: a toolbar, tabs holding the teaching views.
    void tourOverAWindow() {
        QMainWindow window;
        auto* toolbar = window.addToolBar("Main");
        toolbar->addAction("Open pool…");
        toolbar->addAction("Merge");
        toolbar->addAction("Tour");
        auto* tabs = new QTabWidget;
        auto* guide = new ui::MethodGuide;
        std::vector<merge::MethodInfo> infos;
        for (const auto* m : merge::allMethods()) infos.push_back(m->info());
        guide->setMethods(infos);
        guide->selectMethod("wemoe");
        auto* ties = new ui::TiesStepThrough;
        ties->setWalkthrough(realisticWalkthrough(20.0));
        tabs->addTab(guide, "Methods");
        tabs->addTab(ties, "TIES step by step");
        window.setCentralWidget(tabs);
        window.statusBar()->showMessage("Pool: demo zoo, 8 tasks");
        window.resize(1300, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        ui::GuidedTour tour(&window);
        tour.setSteps({{[guide] { return static_cast<QWidget*>(guide->findChild<QListWidget*>("methodList")); },
                        "Every merge method", "Pick a method to read its formula, its paper and <b>how it works</b>.",
                        [tabs] { tabs->setCurrentIndex(0); }},
                       {[ties] { return static_cast<QWidget*>(ties->findChild<QWidget*>("tiesGrid")); },
                        "TIES, one step at a time",
                        "Real task-vector entries: trim, elect a sign, merge. Use Next, or Page Down on a clicker.",
                        [tabs] { tabs->setCurrentIndex(1); }},
                       {[toolbar] { return static_cast<QWidget*>(toolbar); }, "Start here",
                        "Open a model pool, then merge.", {}}});
        for (int step = 0; step < 3; ++step) {
            tour.start(step);
            QApplication::processEvents();
            const QImage image = window.grab().toImage();
            QVERIFY(hasContent(image));
            QVERIFY(image.save(outDir_ + QString("/teaching_tour_step%1.png").arg(step + 1)));
        }
    }

private:
    QTemporaryDir temp_;
    QString outDir_;
};

QTEST_MAIN(TestTeachingScreenshots)
#include "test_teaching_screenshots.moc"
