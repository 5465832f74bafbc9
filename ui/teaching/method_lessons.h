#pragma once
// The hand-written half of the method guide: how each method works and what to look at in
// MergeScope to see it. The registry's MethodInfo says WHAT a method is (name, formula, defaults);
// these texts teach WHY, so they live in the UI and are kept in step with ALGORITHM.md.
#include <QString>

namespace ms::ui {

struct MethodLesson {
    QString howItWorks;    // HTML fragment (paragraphs and lists), no headings
    QString whatToLookAt;  // HTML fragment: where in MergeScope the idea becomes visible
    bool isEmpty() const { return howItWorks.isEmpty() && whatToLookAt.isEmpty(); }
};

// The lesson of a registry method id ("average", "task_arithmetic", "ties", "dare", "adamerging",
// "wemoe", "e_wemoe"); empty for an id without one (a method added later still gets its page).
MethodLesson methodLesson(const QString& methodId);

// The "Concepts" page: task vectors, interference, test-time adaptation, routing weights. HTML body.
QString conceptsHtml();

}  // namespace ms::ui
