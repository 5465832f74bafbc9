// The guided tour over a small window with two tabs: prepare() runs before each step, the hole
// sits exactly on the target, keys and buttons move through the steps, and finishing or
// skipping is reported and remembered.
#include <QtTest>

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include "ui/teaching/guided_tour.h"

using namespace ms;

namespace {

// A window with a tab bar and a button that is only visible on the second tab.
struct Window {
    QWidget widget;
    QTabWidget* tabs = new QTabWidget;
    QPushButton* first = new QPushButton("first");
    QPushButton* second = new QPushButton("second");
    QStringList log;

    Window() {
        auto* page1 = new QWidget;
        (new QVBoxLayout(page1))->addWidget(first);
        auto* page2 = new QWidget;
        auto* layout2 = new QVBoxLayout(page2);
        layout2->addStretch();
        layout2->addWidget(second);
        tabs->addTab(page1, "One");
        tabs->addTab(page2, "Two");
        (new QVBoxLayout(&widget))->addWidget(tabs);
        widget.resize(900, 600);
    }

    std::vector<ui::TourStep> steps() {
        return {{[this] { return static_cast<QWidget*>(tabs->tabBar()); }, "Tabs", "Every view has a tab.",
                 [this] { log << "p0"; }},
                {[this] { return static_cast<QWidget*>(second); }, "Second", "On the second tab.",
                 [this] {
                     log << "p1";
                     tabs->setCurrentIndex(1);
                 }},
                {[] { return static_cast<QWidget*>(nullptr); }, "Done", "No target: centred.", [this] { log << "p2"; }}};
    }
};

QRect mapped(const ui::GuidedTour& tour, QWidget* window, QWidget* target) {
    return QRect(tour.mapFrom(window, target->mapTo(window, QPoint(0, 0))), target->size());
}

}  // namespace

class TestGuidedTour : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);  // QSettings goes to a test location
        QCoreApplication::setOrganizationName("MergeScopeTests");
        QCoreApplication::setApplicationName("guided_tour");
    }

    void prepareRunsFirstAndTheHoleSitsOnTheTarget() {
        Window w;
        w.widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w.widget));
        ui::GuidedTour tour(&w.widget);
        tour.setSteps(w.steps());
        tour.start();
        QCOMPARE(tour.geometry(), w.widget.rect());
        QCOMPARE(w.log, QStringList({"p0"}));
        QCOMPARE(tour.highlightRect(), mapped(tour, &w.widget, w.tabs->tabBar()));

        QTest::keyClick(&tour, Qt::Key_Right);
        QCOMPARE(w.log, QStringList({"p0", "p1"}));
        QCOMPARE(w.tabs->currentIndex(), 1);
        QVERIFY(w.second->isVisible());
        QTRY_COMPARE(tour.highlightRect(), mapped(tour, &w.widget, w.second));
        QVERIFY(!tour.calloutGeometry().intersects(tour.highlightRect()));
        QVERIFY(tour.rect().contains(tour.calloutGeometry()));

        // The overlay dims the window but leaves the target visible through the hole.
        tour.hide();
        const QImage plain = w.widget.grab().toImage();
        tour.show();
        const QImage dimmed = w.widget.grab().toImage();
        const QPoint inHole = tour.highlightRect().center();
        QCOMPARE(dimmed.pixel(inHole), plain.pixel(inHole));
        QVERIFY(qGray(dimmed.pixel(3, 3)) < qGray(plain.pixel(3, 3)) / 2);

        QTest::keyClick(&tour, Qt::Key_Left);
        QCOMPARE(tour.currentStep(), 0);
        QCOMPARE(w.log, QStringList({"p0", "p1", "p0"}));
    }

    void enterWalksToTheEndAndFinishesCompleted() {
        Window w;
        w.widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w.widget));
        ui::GuidedTour tour(&w.widget);
        tour.setSteps(w.steps());
        ui::GuidedTour::setSeen(false);
        QVERIFY(!ui::GuidedTour::hasBeenSeen());
        QSignalSpy finished(&tour, &ui::GuidedTour::finished);
        tour.start();
        QTest::keyClick(&tour, Qt::Key_Return);
        QTest::keyClick(&tour, Qt::Key_Enter);
        QCOMPARE(tour.currentStep(), 2);
        QVERIFY(tour.highlightRect().isNull());  // no target: everything dimmed, callout centred
        QVERIFY(std::abs(tour.calloutGeometry().center().x() - tour.rect().center().x()) <= 1);
        QVERIFY(std::abs(tour.calloutGeometry().center().y() - tour.rect().center().y()) <= 1);
        QCOMPARE(finished.count(), 0);
        QTest::keyClick(&tour, Qt::Key_Return);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QVERIFY(!tour.isRunning());
        QVERIFY(tour.isHidden());
        QVERIFY(ui::GuidedTour::hasBeenSeen());
        QCOMPARE(w.log, QStringList({"p0", "p1", "p2"}));
    }

    void escapeSkips() {
        Window w;
        w.widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w.widget));
        ui::GuidedTour tour(&w.widget);
        tour.setSteps(w.steps());
        ui::GuidedTour::setSeen(false);
        QSignalSpy finished(&tour, &ui::GuidedTour::finished);
        tour.start();
        QTest::keyClick(&tour, Qt::Key_Right);
        QTest::keyClick(&tour, Qt::Key_Escape);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QVERIFY(ui::GuidedTour::hasBeenSeen());  // skipped is seen: not offered again
        QTest::keyClick(&tour, Qt::Key_Escape);  // not running any more: nothing happens
        QCOMPARE(finished.count(), 1);
    }

    void buttonsAndCounter() {
        Window w;
        w.widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w.widget));
        ui::GuidedTour tour(&w.widget);
        tour.setSteps(w.steps());
        QSignalSpy finished(&tour, &ui::GuidedTour::finished);
        tour.start();
        auto* back = tour.findChild<QPushButton*>("tourBack");
        auto* next = tour.findChild<QPushButton*>("tourNext");
        auto* counter = tour.findChild<QLabel*>("tourCounter");
        QCOMPARE(counter->text(), QString("1 / 3"));
        QVERIFY(!back->isEnabled());
        QCOMPARE(tour.findChild<QLabel*>("tourTitle")->text(), QString("Tabs"));
        QTest::mouseClick(next, Qt::LeftButton);
        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(counter->text(), QString("3 / 3"));
        QCOMPARE(next->text(), QString("Finish"));
        QTest::mouseClick(back, Qt::LeftButton);
        QCOMPARE(tour.currentStep(), 1);
        QCOMPARE(tour.findChild<QLabel*>("tourText")->text(), QString("On the second tab."));
        QTest::mouseClick(tour.findChild<QPushButton*>("tourSkip"), Qt::LeftButton);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
    }

    void followsResizesOfTheWindow() {
        Window w;
        w.widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w.widget));
        ui::GuidedTour tour(&w.widget);
        tour.setSteps(w.steps());
        tour.start(1);
        QTRY_COMPARE(tour.highlightRect(), mapped(tour, &w.widget, w.second));
        const QRect before = tour.highlightRect();
        w.widget.resize(1200, 800);
        QTRY_COMPARE(tour.geometry(), w.widget.rect());
        QTRY_COMPARE(tour.highlightRect(), mapped(tour, &w.widget, w.second));
        QVERIFY(tour.highlightRect() != before);  // the button moved down with the window
        QVERIFY(tour.rect().contains(tour.calloutGeometry()));
    }

    void anEmptyTourFinishesAtOnce() {
        QWidget window;
        ui::GuidedTour tour(&window);
        QSignalSpy finished(&tour, &ui::GuidedTour::finished);
        tour.start();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QVERIFY(!tour.isRunning());
    }
};

QTEST_MAIN(TestGuidedTour)
#include "test_guided_tour.moc"
