#pragma once
// A merge method's parameter form, generated from its MethodInfo alone: a spin box per real or
// integer parameter (log-scale ones step by decades), a combo per choice, a check box per
// boolean, each with the parameter's tooltip (what it does, formula, paper), default and range.
// A new method in the registry gets its form with no UI code.
#include <QMap>
#include <QVariantMap>
#include <QWidget>

#include "core/merge/method_info.h"

class QFormLayout;
class QLabel;

namespace ms::ui {

class MethodForm : public QWidget {
    Q_OBJECT
public:
    explicit MethodForm(QWidget* parent = nullptr);

    void setMethod(const merge::MethodInfo& info);
    const merge::MethodInfo& method() const { return info_; }

    // Every parameter's current value, typed (double, qlonglong, QString, bool).
    QVariantMap values() const;
    // Sets the given values (unknown ids are ignored); returns false if a value is out of range.
    bool setValues(const QVariantMap& values);
    // Only the values that differ from the defaults (what captions and recipes highlight).
    QVariantMap changedValues() const;
    // The editor of one parameter, for tests and the tour.
    QWidget* editor(const QString& id) const { return editors_.value(id); }

public Q_SLOTS:
    void resetToDefaults();

Q_SIGNALS:
    void valuesChanged();

private:
    QWidget* makeEditor(const merge::ParamDef& def);
    static QString tooltipFor(const merge::ParamDef& def);

    merge::MethodInfo info_;
    QFormLayout* form_ = nullptr;
    QLabel* emptyNote_ = nullptr;
    QMap<QString, QWidget*> editors_;
};

}  // namespace ms::ui
