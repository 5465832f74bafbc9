// The generated method form: one editor per parameter of the right kind, range, default and
// decimals, tooltips that say what, where and how much; typed values; range checks; the changed
// values; reset; change signals. Every registered method gets a form whose values its own
// resolve() accepts unchanged.
#include <torch/torch.h>

#include <QtTest>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSignalSpy>
#include <QSpinBox>

#include "core/merge/merge_method.h"
#include "ui/merge/method_form.h"

using namespace ms;

namespace {

merge::MethodInfo handMadeMethod() {
    merge::MethodInfo m;
    m.id = "probe";
    m.name = "Probe merge";
    m.parameters = {
        {"lr", "Learning rate", merge::ParamType::Real, 1e-4, 1e-5, 0.5, {}, "Step size of Adam", true},
        {"lambda", "Scaling", merge::ParamType::Real, 0.3, -1.0, 2.0, {}, "Scales every task vector", false},
        {"steps", "Steps", merge::ParamType::Integer, 300, 0, 5000, {}, "How many adaptation steps", false},
        {"disjoint", "Disjoint merge", merge::ParamType::Choice, 0, 0, 0, {"mean", "sum", "max"},
         "How agreeing entries combine", false},
        {"rescale", "Rescale", merge::ParamType::Boolean, 1.0, 0, 1, {}, "Divide by the keep rate", false},
    };
    return m;
}

// The form's values as a recipe's parameters, the way ui/lab/lab.cpp hands them to the engine.
nlohmann::json toJson(const QVariantMap& parameters) {
    nlohmann::json json = nlohmann::json::object();
    for (auto it = parameters.begin(); it != parameters.end(); ++it) {
        const QVariant& v = it.value();
        const std::string key = it.key().toStdString();
        switch (v.typeId()) {
            case QMetaType::Bool: json[key] = v.toBool(); break;
            case QMetaType::Int:
            case QMetaType::LongLong: json[key] = v.toLongLong(); break;
            case QMetaType::Double: json[key] = v.toDouble(); break;
            default: json[key] = v.toString().toStdString();
        }
    }
    return json;
}

}  // namespace

class TestMethodForm : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void editorsMatchTheDefinitions() {
        ui::MethodForm form;
        form.setMethod(handMadeMethod());
        QCOMPARE(form.method().id, std::string("probe"));

        auto* lr = qobject_cast<QDoubleSpinBox*>(form.editor("lr"));
        QVERIFY(lr);
        QCOMPARE(lr->minimum(), 1e-5);
        QCOMPARE(lr->maximum(), 0.5);
        QCOMPARE(lr->value(), 1e-4);
        QVERIFY2(lr->decimals() >= 5, qPrintable(QString::number(lr->decimals())));
        QCOMPARE(lr->stepType(), QAbstractSpinBox::AdaptiveDecimalStepType);  // log scale
        QCOMPARE(lr->objectName(), QString("param_lr"));

        auto* lambda = qobject_cast<QDoubleSpinBox*>(form.editor("lambda"));
        QVERIFY(lambda);
        QCOMPARE(lambda->minimum(), -1.0);
        QCOMPARE(lambda->maximum(), 2.0);
        QCOMPARE(lambda->value(), 0.3);
        QCOMPARE(lambda->singleStep(), 0.05);
        // The learning rate keeps digits below its 1e-4 default: 1.5e-4 is not rounded away.
        lr->setValue(1.5e-4);
        QCOMPARE(lr->value(), 1.5e-4);
        lr->setValue(1e-4);

        auto* steps = qobject_cast<QSpinBox*>(form.editor("steps"));
        QVERIFY(steps);
        QCOMPARE(steps->minimum(), 0);
        QCOMPARE(steps->maximum(), 5000);
        QCOMPARE(steps->value(), 300);

        auto* disjoint = qobject_cast<QComboBox*>(form.editor("disjoint"));
        QVERIFY(disjoint);
        QCOMPARE(disjoint->count(), 3);
        QCOMPARE(disjoint->currentText(), QString("mean"));
        QCOMPARE(disjoint->itemData(2).toString(), QString("max"));

        auto* rescale = qobject_cast<QCheckBox*>(form.editor("rescale"));
        QVERIFY(rescale);
        QVERIFY(rescale->isChecked());
        QVERIFY(!form.editor("nonexistent"));
    }

    void tooltipsSayWhatWhereAndHowMuch() {
        ui::MethodForm form;
        form.setMethod(handMadeMethod());
        const QString lr = form.editor("lr")->toolTip();
        QVERIFY2(lr.contains("lr") && lr.contains("Learning rate") && lr.contains("Step size of Adam"), qPrintable(lr));
        QVERIFY2(lr.contains("1e-05") && lr.contains("0.5") && lr.contains("default 0.0001"), qPrintable(lr));
        const QString steps = form.editor("steps")->toolTip();
        QVERIFY2(steps.contains("steps") && steps.contains("How many adaptation steps"), qPrintable(steps));
        QVERIFY2(steps.contains("0") && steps.contains("5000") && steps.contains("default 300"), qPrintable(steps));
        const QString disjoint = form.editor("disjoint")->toolTip();
        QVERIFY2(disjoint.contains("disjoint") && disjoint.contains("How agreeing entries combine"), qPrintable(disjoint));
        QVERIFY2(disjoint.contains("mean, sum, max") && disjoint.contains("default mean"), qPrintable(disjoint));
        const QString rescale = form.editor("rescale")->toolTip();
        QVERIFY2(rescale.contains("rescale") && rescale.contains("Divide by the keep rate"), qPrintable(rescale));
        QVERIFY2(rescale.contains("Default: on"), qPrintable(rescale));
    }

    void valuesAreTyped() {
        ui::MethodForm form;
        form.setMethod(handMadeMethod());
        const QVariantMap v = form.values();
        QCOMPARE(v.size(), 5);
        QCOMPARE(v.value("lr").typeId(), int(QMetaType::Double));
        QCOMPARE(v.value("lr").toDouble(), 1e-4);
        QCOMPARE(v.value("lambda").typeId(), int(QMetaType::Double));
        QCOMPARE(v.value("lambda").toDouble(), 0.3);
        QCOMPARE(v.value("steps").typeId(), int(QMetaType::LongLong));
        QCOMPARE(v.value("steps").toLongLong(), 300LL);
        QCOMPARE(v.value("disjoint").typeId(), int(QMetaType::QString));
        QCOMPARE(v.value("disjoint").toString(), QString("mean"));
        QCOMPARE(v.value("rescale").typeId(), int(QMetaType::Bool));
        QCOMPARE(v.value("rescale").toBool(), true);
        QVERIFY(form.changedValues().isEmpty());
    }

    void setValuesChecksRangesAndChangedValuesListsTheEdits() {
        ui::MethodForm form;
        form.setMethod(handMadeMethod());
        QVERIFY(form.setValues({{"lambda", 0.75}, {"steps", 12}, {"unknown", 3}}));
        QVariantMap changed = form.changedValues();
        QCOMPARE(changed.size(), 2);
        QCOMPARE(changed.value("lambda").toDouble(), 0.75);
        QCOMPARE(changed.value("steps").toLongLong(), 12LL);

        QVERIFY(form.setValues({{"disjoint", "max"}, {"rescale", false}, {"lr", 3e-4}}));
        changed = form.changedValues();
        QCOMPARE(changed.keys(), (QStringList{"disjoint", "lambda", "lr", "rescale", "steps"}));
        QCOMPARE(changed.value("lr").toDouble(), 3e-4);
        QCOMPARE(changed.value("disjoint").toString(), QString("max"));
        QCOMPARE(changed.value("rescale").toBool(), false);

        // Out of range or not a choice: false, and the editor stays within its range.
        QVERIFY(!form.setValues({{"lambda", 5.0}}));
        QCOMPARE(form.values().value("lambda").toDouble(), 2.0);
        QVERIFY(!form.setValues({{"steps", -3}}));
        QCOMPARE(form.values().value("steps").toLongLong(), 0LL);
        QVERIFY(!form.setValues({{"lr", 1e-7}}));
        QVERIFY(!form.setValues({{"disjoint", "median"}}));
        QCOMPARE(form.values().value("disjoint").toString(), QString("max"));

        // Setting a value back to its default removes it from the changed ones.
        QVERIFY(form.setValues({{"disjoint", "mean"}, {"rescale", true}, {"lr", 1e-4}, {"lambda", 0.3}, {"steps", 300}}));
        QVERIFY(form.changedValues().isEmpty());
    }

    void resetRestoresTheDefaultsAndSignals() {
        ui::MethodForm form;
        form.setMethod(handMadeMethod());
        QSignalSpy changed(&form, &ui::MethodForm::valuesChanged);
        qobject_cast<QDoubleSpinBox*>(form.editor("lambda"))->setValue(1.5);
        QCOMPARE(changed.count(), 1);
        qobject_cast<QSpinBox*>(form.editor("steps"))->setValue(7);
        qobject_cast<QComboBox*>(form.editor("disjoint"))->setCurrentIndex(1);
        qobject_cast<QCheckBox*>(form.editor("rescale"))->setChecked(false);
        QCOMPARE(changed.count(), 4);
        QVERIFY(form.setValues({{"lr", 0.01}}));
        QCOMPARE(changed.count(), 5);
        QCOMPARE(form.changedValues().size(), 5);

        form.resetToDefaults();
        QVERIFY(changed.count() >= 6);
        QVERIFY(form.changedValues().isEmpty());
        QCOMPARE(form.values().value("lambda").toDouble(), 0.3);
        QCOMPARE(form.values().value("disjoint").toString(), QString("mean"));
        QVERIFY(form.values().value("rescale").toBool());
        QCOMPARE(form.editor("lambda")->toolTip().contains("Scales every task vector"), true);
    }

    void aMethodWithoutParametersHasAnEmptyForm() {
        ui::MethodForm form;
        form.setMethod(handMadeMethod());
        merge::MethodInfo none;
        none.id = "averaging";
        form.setMethod(none);
        QVERIFY(form.values().isEmpty());
        QVERIFY(!form.editor("lambda"));
        QVERIFY(form.findChildren<QDoubleSpinBox*>().isEmpty());
    }

    void everyRegisteredMethodGetsAFormItsResolveAccepts() {
        QVERIFY(merge::allMethods().size() >= 5);
        for (const auto* method : merge::allMethods()) {
            const merge::MethodInfo& info = method->info();
            const QString name = QString::fromStdString(info.id);
            ui::MethodForm form;
            form.setMethod(info);
            const QVariantMap values = form.values();
            QCOMPARE(values.size(), int(info.parameters.size()));
            QVERIFY2(form.changedValues().isEmpty(), qPrintable(name));
            for (const auto& p : info.parameters) {
                const QString id = QString::fromStdString(p.id);
                QVERIFY2(values.contains(id), qPrintable(name + ": " + id));
                const int expected = p.type == merge::ParamType::Real      ? QMetaType::Double
                                     : p.type == merge::ParamType::Integer ? QMetaType::LongLong
                                     : p.type == merge::ParamType::Choice  ? QMetaType::QString
                                                                           : QMetaType::Bool;
                QCOMPARE(values.value(id).typeId(), expected);
                QVERIFY2(form.editor(id)->toolTip().contains(id), qPrintable(name + ": " + id));
            }
            nlohmann::json resolved;
            try {
                resolved = info.resolve(toJson(values));
            } catch (const std::exception& e) {
                QFAIL(qPrintable(name + ": " + QString::fromUtf8(e.what())));
            }
            // At the defaults, the form's values are exactly the method's defaults.
            QVERIFY2(resolved == info.defaults(), qPrintable(name + ": " + QString::fromStdString(resolved.dump())));
        }
    }
};

QTEST_MAIN(TestMethodForm)
#include "test_method_form.moc"
