// The routing inspector panel: requests by signal, answers matched by result id, keyboard
// stepping, the empty state, errors, the before/after difference and the test-set summary.
#include <QComboBox>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QtTest>

#include "ui/routing/head_prediction_table.h"
#include "ui/routing/image_gallery.h"
#include "ui/routing/routed_image_view.h"
#include "ui/routing/routing_bars.h"
#include "ui/routing/routing_heatmap.h"
#include "ui/routing/routing_inspector.h"
#include "ui/routing/first_choice_matrix.h"
#include "ui/routing/test_set_routing_view.h"
#include "tests/ui/routing/routing_test_data.h"

using namespace ms::ui;
using namespace ms::ui::test;

namespace {

const QString kAdapted = QStringLiteral("wemoe-adapted");
const QString kBefore = QStringLiteral("wemoe-before");

QVector<QPair<QString, QString>> twoResults() {
    return {{kAdapted, QStringLiteral("WEMoE (adapted)")}, {kBefore, QStringLiteral("WEMoE (before TTA)")}};
}

QVector<QImage> thumbnails(int count) {
    QVector<QImage> images;
    for (int i = 0; i < count; ++i) {
        QImage image(32, 32, QImage::Format_RGB32);
        image.fill(QColor::fromHsv(i * 30 % 360, 200, 200));
        images << image;
    }
    return images;
}

QStringList labels(int count) {
    QStringList out;
    for (int i = 0; i < count; ++i) out << QStringLiteral("class %1").arg(i % 10);
    return out;
}

}  // namespace

class TestRoutingInspector : public QObject {
    Q_OBJECT

    // A shown inspector with 4 tasks, both results, and 12 thumbnails of task 1 in the gallery.
    struct Fixture {
        RoutingInspector inspector;
        QVector<TaskInfo> tasks = makeTasks(4);
        Fixture() {
            inspector.resize(1300, 800);
            inspector.setTasks(tasks);
            inspector.setResults(twoResults());
            inspector.gallery()->setCurrentTask(1);
            inspector.setGallery(1, thumbnails(12), labels(12));
            inspector.show();
        }
    };

private Q_SLOTS:
    void explainsWhatToDoBeforeAnythingIsRouted() {
        RoutingInspector inspector;
        QVERIFY(inspector.isEmptyStateShown());
        QVERIFY(inspector.emptyStateText().contains(QStringLiteral("pool")));
        QSignalSpy gallery(&inspector, &RoutingInspector::galleryRequested);
        inspector.setTasks(makeTasks(4));
        QVERIFY(inspector.isEmptyStateShown());
        QVERIFY(inspector.emptyStateText().contains(QStringLiteral("Run WEMoE in <b>Merge &amp; adapt</b> to see routing")));
        QCOMPARE(gallery.count(), 1);
        QCOMPARE(gallery.first().first().toInt(), 0);
        inspector.setResults(twoResults());
        QVERIFY(!inspector.isEmptyStateShown());
        QCOMPARE(inspector.currentResultId(), kAdapted);
        QCOMPARE(inspector.compareResultId(), QString());
        QCOMPARE(inspector.compareCombo()->count(), 3);  // (none) + both results
        inspector.setResults({});
        QVERIFY(inspector.isEmptyStateShown());
    }

    void changingTheGalleryTaskAsksForItsThumbnails() {
        Fixture f;
        QSignalSpy gallery(&f.inspector, &RoutingInspector::galleryRequested);
        f.inspector.gallery()->taskCombo()->setCurrentIndex(3);
        QCOMPARE(gallery.count(), 1);
        QCOMPARE(gallery.first().first().toInt(), 3);
        // A late answer for another task does not replace the grid.
        f.inspector.setGallery(1, thumbnails(5), labels(5));
        QCOMPARE(f.inspector.gallery()->imageCount(), 0);
        f.inspector.setGallery(3, thumbnails(7), labels(7));
        QCOMPARE(f.inspector.gallery()->imageCount(), 7);
    }

    void clickingAnImageRequestsItsRoutingForBothResults() {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(&f.inspector));
        f.inspector.selectCompareResult(kBefore);
        QCOMPARE(f.inspector.compareResultId(), kBefore);
        QSignalSpy traces(&f.inspector, &RoutingInspector::traceRequested);
        QListView* view = f.inspector.gallery()->view();
        const QRect cell = view->visualRect(view->model()->index(4, 0));
        QVERIFY(cell.isValid());
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(traces.count(), 2);
        QCOMPARE(traces[0], (QList<QVariant>{kAdapted, 1, 4}));
        QCOMPARE(traces[1], (QList<QVariant>{kBefore, 1, 4}));
        QCOMPARE(f.inspector.currentTask(), 1);
        QCOMPARE(f.inspector.currentIndex(), 4);
        QVERIFY(!f.inspector.busyText().isEmpty());
    }

    void arrowKeysStepThroughTheGallery() {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(&f.inspector));
        f.inspector.selectImage(1, 2);
        QSignalSpy traces(&f.inspector, &RoutingInspector::traceRequested);
        QTest::keyClick(f.inspector.gallery()->view(), Qt::Key_Right);
        QCOMPARE(traces.count(), 1);
        QCOMPARE(traces.last(), (QList<QVariant>{kAdapted, 1, 3}));
        QTest::keyClick(f.inspector.gallery()->view(), Qt::Key_Left);
        QTest::keyClick(f.inspector.gallery()->view(), Qt::Key_Left);
        QCOMPARE(traces.last(), (QList<QVariant>{kAdapted, 1, 1}));
        // From elsewhere in the panel (here the panel itself) the keys step too.
        QTest::keyClick(&f.inspector, Qt::Key_Right);
        QCOMPARE(traces.last(), (QList<QVariant>{kAdapted, 1, 2}));
        // The last image stays the last: no request past the end.
        f.inspector.selectImage(1, 11);
        const int before = traces.count();
        QTest::keyClick(f.inspector.gallery()->view(), Qt::Key_Right);
        QCOMPARE(traces.count(), before);
        QCOMPARE(f.inspector.gallery()->currentIndex(), 11);
    }

    void tracesAreRoutedToMainOrCompareByResultId() {
        Fixture f;
        f.inspector.selectCompareResult(kBefore);
        QVERIFY(f.inspector.tabs()->isTabVisible(RoutingInspector::DifferenceTab));
        f.inspector.selectImage(1, 0);
        const auto adapted = makeTrace(kAdapted, f.tasks, 5, 1, 0.5);
        const auto before = makeTrace(kBefore, f.tasks, 5, 1, 0.1);

        f.inspector.showTrace(before);  // the compare answer may come first
        QCOMPARE(f.inspector.heatmap()->mode(), RoutingHeatmap::Mode::Empty);
        QVERIFY(f.inspector.differenceHeatmap()->isShowingPlaceholder());
        QVERIFY(!f.inspector.busyText().isEmpty());  // still waiting for the main trace

        f.inspector.showTrace(adapted);
        QCOMPARE(f.inspector.heatmap()->mode(), RoutingHeatmap::Mode::Trace);
        QCOMPARE(f.inspector.heatmap()->value(4, 1), formulaWeight(4, 1, 1, 0.5));
        QCOMPARE(f.inspector.bars()->barValue(4, 1), formulaWeight(4, 1, 1, 0.5));
        QCOMPARE(f.inspector.differenceHeatmap()->mode(), RoutingHeatmap::Mode::Difference);
        QVERIFY(qFuzzyCompare(f.inspector.differenceHeatmap()->value(2, 1), 0.4));  // after − before
        QVERIFY(qFuzzyIsNull(f.inspector.differenceHeatmap()->value(2, 0)));
        QVERIFY(f.inspector.busyText().isEmpty());

        // An answer for a result no longer chosen changes nothing.
        f.inspector.showTrace(makeTrace(QStringLiteral("ties-1"), f.tasks, 2, 0));
        QCOMPARE(f.inspector.heatmap()->rowCount(), 5);

        f.inspector.selectCompareResult(QString());
        QVERIFY(!f.inspector.tabs()->isTabVisible(RoutingInspector::DifferenceTab));
    }

    void showsTheImageAndEveryHeadsPrediction() {
        Fixture f;
        auto trace = makeTrace(kAdapted, f.tasks, 3, 2);
        f.inspector.showTrace(trace);
        RoutedImageView* view = f.inspector.imageView();
        QCOMPARE(view->shownImage().size(), QSize(192, 192));
        // Nearest neighbour: a 6×6 block of the upscaled image is one source pixel.
        QCOMPARE(view->shownImage().pixelColor(8 * 6 + 5, 10 * 6 + 5), trace.image.pixelColor(8, 10));
        QVERIFY(view->titleText().contains(QStringLiteral("MNIST test #12 (seven)")));
        QVERIFY(view->factsText().contains(QStringLiteral("SynAerial")));
        QVERIFY(view->timeText().contains(QStringLiteral("12.5 ms")));
        HeadPredictionTable* heads = view->predictions();
        QCOMPARE(heads->rowCount(), 4);
        QCOMPARE(heads->highlightedRow(), 2);
        QCOMPARE(heads->verdict(2), QStringLiteral("correct"));
        QCOMPARE(heads->verdict(0), QString());  // other heads' classes are not this image's
        QCOMPARE(heads->item(2, HeadPredictionTable::ClassColumn)->text(), f.tasks[2].classNames[7]);

        trace.trueClass = f.tasks[2].classNames[3];
        f.inspector.showTrace(trace);
        QCOMPARE(heads->verdict(2), QStringLiteral("wrong"));
        trace.trueTask = -1;
        trace.trueClass.clear();
        f.inspector.showTrace(trace);
        QCOMPARE(heads->highlightedRow(), -1);
        QCOMPARE(f.inspector.heatmap()->outlinedTask(), -1);
    }

    void errorsAreShownInlineAndClearedByTheNextRequest() {
        Fixture f;
        f.inspector.selectImage(1, 0);
        QVERIFY(!f.inspector.busyText().isEmpty());
        f.inspector.showError(QStringLiteral("The router weights are missing"));
        QCOMPARE(f.inspector.errorText(), QStringLiteral("The router weights are missing"));
        QVERIFY(f.inspector.busyText().isEmpty());
        f.inspector.selectImage(1, 1);
        QVERIFY(f.inspector.errorText().isEmpty());
        f.inspector.showBusy(QStringLiteral("computing…"));
        QCOMPARE(f.inspector.busyText(), QStringLiteral("computing…"));
        f.inspector.showBusy(QString());
        QVERIFY(f.inspector.busyText().isEmpty());
    }

    void openingAFileRequestsItsRouting() {
        Fixture f;
        f.inspector.selectCompareResult(kBefore);
        QSignalSpy files(&f.inspector, &RoutingInspector::traceFileRequested);
        f.inspector.openImageFile(QStringLiteral("/data/cat.png"));
        QCOMPARE(files.count(), 2);
        QCOMPARE(files[0], (QList<QVariant>{kAdapted, QStringLiteral("/data/cat.png")}));
        QCOMPARE(files[1], (QList<QVariant>{kBefore, QStringLiteral("/data/cat.png")}));
        QCOMPARE(f.inspector.currentIndex(), -1);
        // Switching the result re-routes the same file under the new one.
        f.inspector.selectResult(kBefore);
        QCOMPARE(files.last(), (QList<QVariant>{kBefore, QStringLiteral("/data/cat.png")}));
        QCOMPARE(f.inspector.compareResultId(), QString());  // comparing a result with itself is no comparison
    }

    void testSetSummaryIsRequestedAndShownForTheCurrentResult() {
        Fixture f;
        QSignalSpy summaries(&f.inspector, &RoutingInspector::summaryRequested);
        TestSetRoutingView* view = f.inspector.testSetView();
        QTest::mouseClick(view->computeButton(), Qt::LeftButton);
        QCOMPARE(summaries.count(), 1);
        QCOMPARE(summaries.first().first().toString(), kAdapted);
        QVERIFY(!view->computeButton()->isEnabled());

        f.inspector.showSummary(makeSummary(kBefore, f.tasks, 3));  // another result's: kept, not shown
        QVERIFY(!view->hasSummary());
        f.inspector.showSummary(makeSummary(kAdapted, f.tasks, 3));
        QVERIFY(view->hasSummary());
        QVERIFY(view->computeButton()->isEnabled());
        QCOMPARE(view->firstChoice()->annotation(3, 2), QStringLiteral("100%"));
        f.inspector.selectResult(kBefore);  // its summary came earlier: shown at once
        QVERIFY(view->hasSummary());
        QVERIFY(view->firstChoice()->caption().startsWith(QStringLiteral("WEMoE (before TTA) — ")));
    }

    void captionsNameTheResultAndTheImage() {
        Fixture f;
        f.inspector.showTrace(makeTrace(kAdapted, f.tasks, 3, 2));
        QCOMPARE(f.inspector.heatmap()->caption(),
                 QStringLiteral("WEMoE (adapted) — routing of MNIST test #12 (seven); layers × task vectors; colours centred at 0"));
        QVERIFY(f.inspector.bars()->caption().startsWith(QStringLiteral("WEMoE (adapted) — routing of MNIST test #12")));
        f.inspector.heatmap()->setCenter(0.3);
        QVERIFY(f.inspector.heatmap()->caption().endsWith(QStringLiteral("centred at 0.3")));
    }
};

QTEST_MAIN(TestRoutingInspector)
#include "test_routing_inspector.moc"
