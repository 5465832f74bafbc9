#pragma once
// The method guide: every merge method the registry offers, one readable page each (formula,
// paper, parameters, how it works, where to see it in MergeScope), plus a Concepts page. A
// teacher projects it; a student reads it alone and jumps to the merge panel with "Try it".
#include <vector>

#include <QString>
#include <QStringList>
#include <QWidget>

#include "core/merge/method_info.h"

class QListWidget;
class QListWidgetItem;
class QPushButton;
class QTextBrowser;

namespace ms::ui {

class MethodGuide : public QWidget {
    Q_OBJECT
public:
    explicit MethodGuide(QWidget* parent = nullptr);

    // The methods to list, in the order given (the registry's order), grouped by kind. Keeps the
    // current page when its method is still there; otherwise opens the Concepts page.
    void setMethods(std::vector<merge::MethodInfo> methods);
    QStringList methodIds() const;

    // Opens a method's page; false when no listed method has that id.
    bool selectMethod(const QString& methodId);
    void showConcepts();
    // The method whose page is shown; empty on the Concepts page.
    QString currentMethodId() const;

    // Text size of the page, for a projector or a laptop (points, clamped to 8–28).
    void setTextSize(double points);
    double textSize() const;

Q_SIGNALS:
    // "Try it": the main window opens the merge panel with this method selected.
    void tryMethodRequested(const QString& methodId);

private:
    void rebuildList();
    void showItem(QListWidgetItem* item);
    const merge::MethodInfo* findMethod(const QString& id) const;

    std::vector<merge::MethodInfo> methods_;
    QListWidget* list_ = nullptr;
    QTextBrowser* page_ = nullptr;
    QPushButton* tryButton_ = nullptr;
    QString currentId_;
    bool onConcepts_ = false;
};

}  // namespace ms::ui
