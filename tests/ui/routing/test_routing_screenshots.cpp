// Fills the inspector with realistic fake data (8 tasks, 6 layers) and grabs every tab at
// 1300×800, so a person can look at the result: $MS_SCREENSHOT_DIR/routing_*.png (default: the
// temporary folder). The checks guard what a screenshot would show broken: placeholders instead
// of figures, column labels running into each other, a predictions table without its rows.
#include <QDir>
#include <QPainter>
#include <QTabWidget>
#include <QtTest>
#include <cmath>

#include "ui/routing/first_choice_matrix.h"
#include "ui/routing/head_prediction_table.h"
#include "ui/routing/image_gallery.h"
#include "ui/routing/routed_image_view.h"
#include "ui/routing/routing_bars.h"
#include "ui/routing/routing_heatmap.h"
#include "ui/routing/routing_inspector.h"
#include "ui/routing/routing_spread_plot.h"
#include "ui/routing/test_set_routing_view.h"
#include "tests/ui/routing/routing_test_data.h"

using namespace ms::ui;
using namespace ms::ui::test;

namespace {

const QString kAdapted = QStringLiteral("wemoe-2");
const QString kBefore = QStringLiteral("wemoe-1");

QString outputPath(const QString& name) {
    return QDir(qEnvironmentVariable("MS_SCREENSHOT_DIR", QDir::tempPath())).filePath(name);
}

// A digit on a coloured background, like the SynDigits test images.
QImage digitImage(int digit, int seed) {
    QImage image(32, 32, QImage::Format_RGB32);
    image.fill(QColor::fromHsv((seed * 47) % 360, 120, 90 + (seed * 13) % 100));
    QPainter painter(&image);
    QFont font;
    font.setPixelSize(24);
    font.setBold(true);
    painter.setFont(font);
    painter.setPen(QColor::fromHsv((seed * 47 + 180) % 360, 60, 250));
    painter.drawText(image.rect(), Qt::AlignCenter, QString::number(digit));
    return image;
}

// Routing that sharpens towards the image's own task in deeper layers, as trained WEMoE does.
RoutingTrace realisticTrace(const QString& resultId, const QVector<TaskInfo>& tasks, int trueTask, double strength) {
    RoutingTrace trace = makeTrace(resultId, tasks, 6, trueTask, 0.0, QStringLiteral("SynDigits test #12 (seven)"));
    trace.image = digitImage(7, 12);
    for (int l = 0; l < 6; ++l)
        for (int t = 0; t < tasks.size(); ++t) {
            const double own = t == trueTask ? strength * (0.15 + 0.17 * l) : 0.0;
            const double noise = 0.08 * std::sin(1.7 * l + 2.3 * t) - (l > 3 ? 0.05 * strength : 0.0);
            trace.weights[l * tasks.size() + t] = 0.3 + own + noise;
        }
    trace.milliseconds = 8.4;
    return trace;
}

RoutingSummary realisticSummary(const QString& resultId, const QVector<TaskInfo>& tasks) {
    RoutingSummary s = makeSummary(resultId, tasks, 6);
    const int n = tasks.size();
    for (int i = 0; i < n; ++i)
        for (int l = 0; l < 6; ++l) s.firstChoice[i * 6 + l] = std::min(1.0, 1.0 / n + (0.9 - 1.0 / n) * (l / 5.0) * (0.6 + 0.05 * i));
    for (int l = 0; l < 6; ++l) s.spread[l] = 3.0 - 0.25 * l - 0.02 * l * l;
    return s;
}

}  // namespace

class TestRoutingScreenshots : public QObject {
    Q_OBJECT

    QImage grabTab(RoutingInspector& inspector, int tab, const QString& name) {
        inspector.tabs()->setCurrentIndex(tab);
        QApplication::processEvents();
        QApplication::processEvents();  // the queued replot after the labels turned
        const QImage image = inspector.grab().toImage();
        image.save(outputPath(name));
        return image;
    }

private Q_SLOTS:
    void grabsEveryTab() {
        const auto tasks = makeTasks(8);
        RoutingInspector inspector;
        inspector.resize(1300, 800);
        inspector.setTasks(tasks);
        QCOMPARE(inspector.grab().toImage().save(outputPath(QStringLiteral("routing_empty.png"))), true);
        inspector.setResults({{kAdapted, QStringLiteral("WEMoE (2-layer router, adapted)")},
                              {kBefore, QStringLiteral("WEMoE (before adaptation)")}});
        QVector<QImage> thumbnails;
        QStringList labels;
        for (int i = 0; i < 40; ++i) {
            thumbnails << digitImage(i % 10, i);
            labels << QString::number(i % 10);
        }
        inspector.gallery()->setCurrentTask(4);
        inspector.setGallery(4, thumbnails, labels);
        inspector.show();
        QVERIFY(QTest::qWaitForWindowExposed(&inspector));
        inspector.selectCompareResult(kBefore);
        inspector.selectImage(4, 12);
        inspector.showTrace(realisticTrace(kAdapted, tasks, 4, 1.0));
        inspector.showTrace(realisticTrace(kBefore, tasks, 4, 0.3));
        inspector.showSummary(realisticSummary(kAdapted, tasks));

        const QImage heatmap = grabTab(inspector, RoutingInspector::HeatmapTab, QStringLiteral("routing_heatmap.png"));
        QCOMPARE(heatmap.size(), QSize(1300, 800));
        QVERIFY(!inspector.heatmap()->isShowingPlaceholder());
        const auto& labelsAbove = inspector.heatmap()->columnLabels();
        if (!labelsAbove.rotated())
            for (int i = 0; i + 1 < labelsAbove.count(); ++i)
                QVERIFY2(!labelsAbove.labelRect(i).intersects(labelsAbove.labelRect(i + 1)), qPrintable(labelsAbove.text(i)));
        QCOMPARE(inspector.imageView()->predictions()->rowCount(), 8);

        grabTab(inspector, RoutingInspector::BarsTab, QStringLiteral("routing_bars.png"));
        QVERIFY(!inspector.bars()->isShowingPlaceholder());
        grabTab(inspector, RoutingInspector::DifferenceTab, QStringLiteral("routing_difference.png"));
        QCOMPARE(inspector.differenceHeatmap()->mode(), RoutingHeatmap::Mode::Difference);
        grabTab(inspector, RoutingInspector::TestSetTab, QStringLiteral("routing_testset.png"));
        QVERIFY(!inspector.testSetView()->firstChoice()->isShowingPlaceholder());
        QVERIFY(!inspector.testSetView()->spread()->isShowingPlaceholder());

        // A small laptop screen: everything still fits, the labels turn instead of colliding.
        inspector.resize(1024, 640);
        const QImage small = grabTab(inspector, RoutingInspector::HeatmapTab, QStringLiteral("routing_heatmap_small.png"));
        QCOMPARE(small.size(), QSize(1024, 640));
        QVERIFY(inspector.heatmap()->columnLabels().rotated());
        inspector.resize(1300, 800);

        // The exported figure, caption included, as a reader of a paper would see it.
        inspector.tabs()->setCurrentIndex(RoutingInspector::HeatmapTab);
        QApplication::processEvents();
        QCOMPARE(inspector.heatmap()->exportButton()->exportFigureTo(outputPath(QStringLiteral("routing_export_heatmap.png"))),
                 QString());
        QCOMPARE(inspector.testSetView()->firstChoice()->exportButton()->exportFigureTo(
                     outputPath(QStringLiteral("routing_export_first_choice.png"))),
                 QString());
    }
};

QTEST_MAIN(TestRoutingScreenshots)
#include "test_routing_screenshots.moc"
