// The merge panel asks, the main window runs: methods under their kind's header, Run only with
// chosen tasks and no job running, Run and Compare emit what the form, device and seed say,
// Cancel only while busy, progress with a readable ETA, and CUDA offered only when present.
#include <torch/torch.h>

#include <QtTest>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>

#include "core/merge/merge_method.h"
#include "ui/merge/merge_panel.h"
#include "ui/merge/method_form.h"

using namespace ms;

namespace {

std::vector<merge::MethodInfo> registeredMethods() {
    std::vector<merge::MethodInfo> methods;
    for (const auto* m : merge::allMethods()) methods.push_back(m->info());
    return methods;
}

QVector<ui::TaskInfo> twoTasks() {
    ui::TaskInfo a{"mnist", "MNIST", "MNIST", QColor("#E69F00"), {}};
    ui::TaskInfo b{"fashion", "Fashion", "Fashion-MNIST", QColor("#56B4E9"), {}};
    return {a, b};
}

QPushButton* button(ui::MergePanel& panel, const QString& name) {
    return panel.findChild<QPushButton*>(name);
}

// The label that shows the stage and the ETA.
QLabel* stageLabel(ui::MergePanel& panel, const QString& stage) {
    for (auto* label : panel.findChildren<QLabel*>())
        if (label->text().startsWith(stage)) return label;
    return nullptr;
}

}  // namespace

class TestMergePanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void methodsAreListedUnderTheirKind() {
        ui::MergePanel panel;
        const auto methods = registeredMethods();
        panel.setMethods(methods);
        auto* list = panel.findChild<QListWidget*>("methodList");
        QVERIFY(list);
        QCOMPARE(list->count(), int(methods.size()) + 2);
        QCOMPARE(list->item(0)->text(), QString("Static merges"));
        QCOMPARE(list->item(0)->flags(), Qt::NoItemFlags);
        int adaptiveHeader = -1;
        for (int row = 0; row < list->count(); ++row)
            if (list->item(row)->text() == "Adaptive (test-time)") adaptiveHeader = row;
        QVERIFY(adaptiveHeader > 1);
        QCOMPARE(list->item(adaptiveHeader)->flags(), Qt::NoItemFlags);
        // Every method sits below the header of its kind.
        for (const auto& m : methods) {
            const auto items = list->findItems("   " + QString::fromStdString(m.name), Qt::MatchExactly);
            QCOMPARE(items.size(), 1);
            const int row = list->row(items[0]);
            if (m.kind == merge::MethodKind::Static)
                QVERIFY2(row > 0 && row < adaptiveHeader, m.id.c_str());
            else
                QVERIFY2(row > adaptiveHeader, m.id.c_str());
        }
        // The first method, not a header, is current; the form shows its parameters.
        QCOMPARE(list->currentRow(), 1);
        QVERIFY(panel.currentMethod());
        QCOMPARE(panel.form()->method().id, panel.currentMethod()->id);
    }

    void selectMethodShowsItsForm() {
        ui::MergePanel panel;
        panel.setMethods(registeredMethods());
        panel.selectMethod("ties");
        QCOMPARE(panel.currentMethodId(), QString("ties"));
        QCOMPARE(panel.form()->method().id, std::string("ties"));
        QVERIFY(panel.form()->editor("k"));
        panel.selectMethod("wemoe");
        QCOMPARE(panel.currentMethodId(), QString("wemoe"));
        QVERIFY(panel.form()->editor("router_depth"));
        QVERIFY(!panel.form()->editor("k"));
        panel.selectMethod("no-such-method");  // ignored
        QCOMPARE(panel.currentMethodId(), QString("wemoe"));
        QVERIFY(panel.findChildren<QLabel*>().size() > 3);
        bool titled = false;
        for (auto* label : panel.findChildren<QLabel*>())
            titled |= label->text() == QString::fromStdString(merge::findMethod("wemoe").info().name);
        QVERIFY(titled);
    }

    void runNeedsTasksAndAnIdleRunner() {
        ui::MergePanel panel;
        panel.setMethods(registeredMethods());
        QPushButton* run = panel.runButton();
        QVERIFY(run && run == button(panel, "run"));
        QVERIFY(!run->isEnabled());
        QVERIFY(!panel.compareButton()->isEnabled());
        panel.setChosenTasks(twoTasks());
        QVERIFY(run->isEnabled());
        QVERIFY(panel.compareButton()->isEnabled());
        panel.setBusy(true);
        QVERIFY(!run->isEnabled());
        QVERIFY(!panel.compareButton()->isEnabled());
        panel.setBusy(false);
        QVERIFY(run->isEnabled());
        panel.setChosenTasks({});
        QVERIFY(!run->isEnabled());
    }

    void runEmitsTheFormsValuesDeviceAndSeed() {
        ui::MergePanel panel;
        panel.setMethods(registeredMethods());
        panel.setChosenTasks(twoTasks());
        panel.selectMethod("task_arithmetic");
        QVERIFY(panel.form()->setValues({{"lambda", 0.45}}));
        QSpinBox* seedSpin = nullptr;  // the one spin box that is not a parameter's
        for (auto* spin : panel.findChildren<QSpinBox*>())
            if (!spin->objectName().startsWith("param_")) seedSpin = spin;
        QVERIFY(seedSpin);
        seedSpin->setValue(4242);
        QCOMPARE(panel.seed(), quint64(4242));

        QSignalSpy runs(&panel, &ui::MergePanel::runRequested);
        QTest::mouseClick(panel.runButton(), Qt::LeftButton);
        QCOMPARE(runs.count(), 1);
        QCOMPARE(runs.at(0).at(0).toString(), QString("task_arithmetic"));
        const QVariantMap parameters = runs.at(0).at(1).toMap();
        QCOMPARE(parameters, panel.form()->values());
        QCOMPARE(parameters.value("lambda").toDouble(), 0.45);
        QCOMPARE(runs.at(0).at(2).toString(), QString("cpu"));
        QCOMPARE(runs.at(0).at(3).value<quint64>(), quint64(4242));

        // A disabled Run emits nothing.
        panel.setBusy(true);
        QTest::mouseClick(panel.runButton(), Qt::LeftButton);
        QCOMPARE(runs.count(), 1);
    }

    void compareAndCancel() {
        ui::MergePanel panel;
        panel.setMethods(registeredMethods());
        panel.setChosenTasks(twoTasks());
        QSignalSpy compare(&panel, &ui::MergePanel::compareAllRequested);
        QSignalSpy cancel(&panel, &ui::MergePanel::cancelRequested);
        QPushButton* cancelButton = button(panel, "cancel");
        QVERIFY(cancelButton);
        QVERIFY(!cancelButton->isEnabled());
        QTest::mouseClick(cancelButton, Qt::LeftButton);
        QCOMPARE(cancel.count(), 0);

        QTest::mouseClick(panel.compareButton(), Qt::LeftButton);
        QCOMPARE(compare.count(), 1);
        QCOMPARE(compare.at(0).at(0).toString(), QString("cpu"));
        QCOMPARE(compare.at(0).at(1).value<quint64>(), quint64(0));

        panel.setBusy(true);
        QVERIFY(cancelButton->isEnabled());
        QTest::mouseClick(cancelButton, Qt::LeftButton);
        QCOMPARE(cancel.count(), 1);
        panel.setBusy(false);
        QVERIFY(!cancelButton->isEnabled());
    }

    void progressShowsFractionAndEta() {
        ui::MergePanel panel;
        panel.setMethods(registeredMethods());
        auto* bar = panel.findChild<QProgressBar*>();
        QVERIFY(bar);
        panel.setBusy(true);
        QCOMPARE(bar->maximum(), 0);  // busy indicator until the first report

        panel.showProgress(250, 1000, "Adapting", 65.0);
        QCOMPARE(bar->maximum(), 1000);
        QCOMPARE(bar->value(), 250);
        QCOMPARE(bar->format(), QString("250 / 1000"));
        QLabel* stage = stageLabel(panel, "Adapting");
        QVERIFY(stage);
        QCOMPARE(stage->text(), QString("Adapting — about 1 min 5 s left"));

        panel.showProgress(3, 4, "Evaluating", 42.4);
        QCOMPARE(bar->value(), 750);
        QCOMPARE(stage->text(), QString("Evaluating — about 42 s left"));
        panel.showProgress(3, 4, "Evaluating", 2 * 3600 + 5 * 60 + 9);
        QCOMPARE(stage->text(), QString("Evaluating — about 2 h 5 min left"));
        panel.showProgress(4, 4, "Evaluating", 0.0);
        QCOMPARE(bar->value(), 1000);
        QCOMPARE(stage->text(), QString("Evaluating — almost done"));
        panel.showProgress(0, 10, "Loading", -1.0);  // unknown ETA: the stage alone
        QCOMPARE(stage->text(), QString("Loading"));

        panel.setBusy(false);
        QCOMPARE(stage->text(), QString("Idle"));
        QCOMPARE(bar->value(), 0);
    }

    void cudaIsOfferedOnlyWhenAvailable() {
        ui::MergePanel panel;
        auto* device = panel.findChild<QComboBox*>("device");
        QVERIFY(device);
        QCOMPARE(device->count(), 1);
        QCOMPARE(panel.device(), QString("cpu"));
        panel.setCudaAvailable(true);
        QCOMPARE(device->count(), 2);
        QCOMPARE(panel.device(), QString("cuda"));
        panel.setCudaAvailable(true);  // not twice
        QCOMPARE(device->count(), 2);
        panel.setCudaAvailable(false);
        QCOMPARE(device->count(), 1);
        QCOMPARE(panel.device(), QString("cpu"));
        QCOMPARE(device->findData("cuda"), -1);
    }
};

QTEST_MAIN(TestMergePanel)
#include "test_merge_panel.moc"
