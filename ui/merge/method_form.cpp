#include "ui/merge/method_form.h"

#include <cmath>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace ms::ui {

namespace {

QString qstr(const std::string& s) { return QString::fromStdString(s); }

// Decimals enough to show the default and the minimum of a real parameter exactly.
int decimalsFor(const merge::ParamDef& def) {
    int decimals = 2;
    for (double v : {def.defaultValue, def.minimum}) {
        if (v == 0.0) continue;
        const int needed = int(std::ceil(-std::log10(std::fabs(v)))) + 2;
        decimals = std::max(decimals, std::min(needed, 8));
    }
    return decimals;
}

QString formatNumber(double v) { return QString::number(v, 'g', 6); }

}  // namespace

MethodForm::MethodForm(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    form_ = new QFormLayout;
    form_->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    layout->addLayout(form_);
    emptyNote_ = new QLabel(tr("This method has no parameters."));
    emptyNote_->setEnabled(false);
    layout->addWidget(emptyNote_);
    layout->addStretch(1);
}

QString MethodForm::tooltipFor(const merge::ParamDef& def) {
    QString range;
    switch (def.type) {
        case merge::ParamType::Real:
        case merge::ParamType::Integer:
            range = tr("Range %1 … %2, default %3.")
                        .arg(formatNumber(def.minimum), formatNumber(def.maximum), formatNumber(def.defaultValue));
            break;
        case merge::ParamType::Choice: {
            QStringList choices;
            for (const auto& c : def.choices) choices << qstr(c);
            range = tr("One of %1; default %2.").arg(choices.join(QStringLiteral(", ")), choices.value(0));
            break;
        }
        case merge::ParamType::Boolean:
            range = tr("Default: %1.").arg(def.defaultValue != 0.0 ? tr("on") : tr("off"));
            break;
    }
    return QStringLiteral("<p><b>%1</b> <code>%2</code></p><p>%3</p><p><i>%4</i></p>")
        .arg(qstr(def.label).toHtmlEscaped(), qstr(def.id), qstr(def.tooltip).toHtmlEscaped(), range.toHtmlEscaped());
}

QWidget* MethodForm::makeEditor(const merge::ParamDef& def) {
    switch (def.type) {
        case merge::ParamType::Real: {
            auto* spin = new QDoubleSpinBox;
            spin->setDecimals(decimalsFor(def));
            spin->setRange(def.minimum, def.maximum);
            spin->setValue(def.defaultValue);
            if (def.logScale) {
                spin->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
            } else {
                spin->setSingleStep((def.maximum - def.minimum) > 10 ? 1.0 : 0.05);
            }
            connect(spin, &QDoubleSpinBox::valueChanged, this, &MethodForm::valuesChanged);
            return spin;
        }
        case merge::ParamType::Integer: {
            auto* spin = new QSpinBox;
            spin->setRange(int(def.minimum), int(std::min(def.maximum, 2.0e9)));
            spin->setValue(int(def.defaultValue));
            spin->setGroupSeparatorShown(true);
            connect(spin, &QSpinBox::valueChanged, this, &MethodForm::valuesChanged);
            return spin;
        }
        case merge::ParamType::Choice: {
            auto* combo = new QComboBox;
            for (const auto& c : def.choices) combo->addItem(qstr(c), qstr(c));
            connect(combo, &QComboBox::currentIndexChanged, this, &MethodForm::valuesChanged);
            return combo;
        }
        case merge::ParamType::Boolean: {
            auto* check = new QCheckBox;
            check->setChecked(def.defaultValue != 0.0);
            connect(check, &QCheckBox::toggled, this, &MethodForm::valuesChanged);
            return check;
        }
    }
    return nullptr;
}

void MethodForm::setMethod(const merge::MethodInfo& info) {
    while (form_->rowCount() > 0) form_->removeRow(0);
    editors_.clear();
    info_ = info;
    for (const auto& def : info.parameters) {
        QWidget* editor = makeEditor(def);
        const QString tip = tooltipFor(def);
        editor->setToolTip(tip);
        editor->setObjectName(QStringLiteral("param_") + qstr(def.id));
        auto* label = new QLabel(qstr(def.label) + QLatin1Char(':'));
        label->setToolTip(tip);
        label->setBuddy(editor);
        form_->addRow(label, editor);
        editors_.insert(qstr(def.id), editor);
    }
    emptyNote_->setVisible(info.parameters.empty());
    Q_EMIT valuesChanged();
}

QVariantMap MethodForm::values() const {
    QVariantMap values;
    for (const auto& def : info_.parameters) {
        QWidget* editor = editors_.value(qstr(def.id));
        if (auto* d = qobject_cast<QDoubleSpinBox*>(editor)) values.insert(qstr(def.id), d->value());
        else if (auto* i = qobject_cast<QSpinBox*>(editor)) values.insert(qstr(def.id), qlonglong(i->value()));
        else if (auto* c = qobject_cast<QComboBox*>(editor)) values.insert(qstr(def.id), c->currentData().toString());
        else if (auto* b = qobject_cast<QCheckBox*>(editor)) values.insert(qstr(def.id), b->isChecked());
    }
    return values;
}

bool MethodForm::setValues(const QVariantMap& values) {
    bool ok = true;
    for (auto it = values.begin(); it != values.end(); ++it) {
        QWidget* editor = editors_.value(it.key());
        if (auto* d = qobject_cast<QDoubleSpinBox*>(editor)) {
            const double v = it.value().toDouble();
            ok &= v >= d->minimum() && v <= d->maximum();
            d->setValue(v);
        } else if (auto* i = qobject_cast<QSpinBox*>(editor)) {
            const qlonglong v = it.value().toLongLong();
            ok &= v >= i->minimum() && v <= i->maximum();
            i->setValue(int(v));
        } else if (auto* c = qobject_cast<QComboBox*>(editor)) {
            const int index = c->findData(it.value().toString());
            ok &= index >= 0;
            if (index >= 0) c->setCurrentIndex(index);
        } else if (auto* b = qobject_cast<QCheckBox*>(editor)) {
            b->setChecked(it.value().toBool());
        }
    }
    return ok;
}

QVariantMap MethodForm::changedValues() const {
    QVariantMap changed;
    const QVariantMap current = values();
    for (const auto& def : info_.parameters) {
        const QString id = qstr(def.id);
        const QVariant v = current.value(id);
        bool same = false;
        switch (def.type) {
            case merge::ParamType::Real: same = std::fabs(v.toDouble() - def.defaultValue) < 1e-12; break;
            case merge::ParamType::Integer: same = v.toLongLong() == qlonglong(def.defaultValue); break;
            case merge::ParamType::Choice: same = !def.choices.empty() && v.toString() == qstr(def.choices.front()); break;
            case merge::ParamType::Boolean: same = v.toBool() == (def.defaultValue != 0.0); break;
        }
        if (!same) changed.insert(id, v);
    }
    return changed;
}

void MethodForm::resetToDefaults() { setMethod(info_); }

}  // namespace ms::ui
