#pragma once
// Turns a registry MethodInfo (plain text) into the rich-text page of the method guide. Free
// functions over plain data, so tests can check every piece without a widget.
#include <QString>

#include "core/merge/method_info.h"

namespace ms::ui {

// The plain-text formula of a MethodInfo as HTML for a large serif font: "τt" → τ<sub>t</sub>,
// "r_b,t" → r<sub>b,t</sub>, "θ^k" → θ<sup>k</sup>, "W0" → W<sub>0</sub>; clauses separated by
// ";" or a wide gap go on their own lines. One <div> per line.
QString formulaHtml(const QString& plainFormula);

// The same subscript rules for prose (tooltips), minus the underscore rule: prose is full of ids
// such as per_sample that must stay as they are.
QString proseMathHtml(const QString& plainText);

// A parameter's default and range as the guide's table shows them: "0.3", "10⁻⁴", "on",
// "per_sample"; "−1 – 2", "on / off", "per_sample · per_batch".
QString parameterDefaultText(const merge::ParamDef& param);
QString parameterRangeText(const merge::ParamDef& param);

// "Static merge" or "Adaptive merge (learned at test time)".
QString methodKindText(merge::MethodKind kind);

// The whole page: name, kind, paper link, formula, summary, the method's lesson (how it works,
// what to look at) and the parameter table. An HTML document for QTextBrowser.
QString methodPageHtml(const merge::MethodInfo& method);

// The concepts page, styled like the method pages.
QString conceptsPageHtml();

}  // namespace ms::ui
