#include "ui/teaching/method_page.h"

#include <algorithm>
#include <cmath>

#include <QRegularExpression>
#include <QStringList>

#include "ui/teaching/math_text.h"
#include "ui/teaching/method_lessons.h"

namespace ms::ui {

namespace {

// Qt's rich text understands a small CSS subset; these inline styles are the ones it honours. Sizes
// are relative (large, xx-large) so the guide's text-size control scales the whole page.
const char* const kSerif = "font-family:'DejaVu Serif','Times New Roman','Liberation Serif',serif;";
const char* const kHeadingColor = "#1f3a5f";

bool isGreek(QChar c) { return c.unicode() >= 0x0370 && c.unicode() <= 0x03FF; }
bool isCombining(QChar c) { return c.unicode() >= 0x0300 && c.unicode() <= 0x036F; }
bool isAsciiAlnum(QChar c) { return c.isDigit() || (c.unicode() < 128 && c.isLetter()); }
bool isLowerOrDigit(QChar c) { return c.isDigit() || (c.unicode() < 128 && c.isLower()); }

QString escaped(QChar c) {
    if (c == QLatin1Char('<')) return QStringLiteral("&lt;");
    if (c == QLatin1Char('>')) return QStringLiteral("&gt;");
    if (c == QLatin1Char('&')) return QStringLiteral("&amp;");
    return QString(c);
}

// Length of the run of characters satisfying `pred` starting at `from`.
template <typename Pred>
int runLength(const QString& s, int from, Pred pred) {
    int n = 0;
    while (from + n < s.size() && pred(s.at(from + n))) ++n;
    return n;
}

// Index subscript after a symbol, e.g. "t", "0", "t,k" (a comma joins only a single index, so a
// list separator "τt, τs" stays a comma). Returns its length, 0 when there is none.
int indexLength(const QString& s, int from, int maxRun) {
    const int run = runLength(s, from, isLowerOrDigit);
    if (run == 0 || run > maxRun) return 0;
    int end = from + run;
    if (end < s.size() && s.at(end).isLetter()) return 0;  // a word, not an index
    if (end + 1 < s.size() && s.at(end) == QLatin1Char(',') && isAsciiAlnum(s.at(end + 1)) &&
        (end + 2 >= s.size() || !isAsciiAlnum(s.at(end + 2))))
        end += 2;
    return end - from;
}

QString mathLine(const QString& s, bool underscoreIndices) {
    QString out;
    int i = 0;
    while (i < s.size()) {
        const QChar c = s.at(i);
        // In prose only a one-letter symbol takes an underscore index (W_b, r_b,t), never an id
        // such as per_sample.
        const bool symbolBefore = i >= 1 && s.at(i - 1).isLetter() && (i < 2 || !s.at(i - 2).isLetterOrNumber());
        if ((c == QLatin1Char('_') && (underscoreIndices || symbolBefore)) || c == QLatin1Char('^')) {
            int run = runLength(s, i + 1, isAsciiAlnum);
            if (run > 0 && c == QLatin1Char('_')) {
                const int end = i + 1 + run;
                if (end + 1 < s.size() && s.at(end) == QLatin1Char(',') && isAsciiAlnum(s.at(end + 1))) run += 2;
            }
            if (run > 0) {
                const char* tag = c == QLatin1Char('_') ? "sub" : "sup";
                out += QStringLiteral("<%1>%2</%1>").arg(QLatin1String(tag), s.mid(i + 1, run).toHtmlEscaped());
                i += 1 + run;
                continue;
            }
        }
        if (isGreek(c)) {
            int j = i + 1;
            while (j < s.size() && isCombining(s.at(j))) ++j;
            out += s.mid(i, j - i);
            const int index = indexLength(s, j, 2);
            if (index > 0) out += QStringLiteral("<sub>%1</sub>").arg(s.mid(j, index));
            i = j + index;
            continue;
        }
        // A single capital followed by digits, e.g. W0, W2 (LN2 is a name: preceded by a letter).
        const bool startsWord = i == 0 || !s.at(i - 1).isLetterOrNumber();
        if (startsWord && c.unicode() < 128 && c.isUpper()) {
            const int digits = runLength(s, i + 1, [](QChar d) { return d.isDigit(); });
            const int end = i + 1 + digits;
            if (digits > 0 && (end >= s.size() || !s.at(end).isLetterOrNumber())) {
                out += QStringLiteral("%1<sub>%2</sub>").arg(c).arg(s.mid(i + 1, digits));
                i = end;
                continue;
            }
        }
        out += escaped(c);
        ++i;
    }
    return out;
}

QString heading(int level, const QString& text) {
    return QStringLiteral("<h%1 style=\"color:%2\">%3</h%1>").arg(level).arg(QLatin1String(kHeadingColor), text);
}

QString parameterTable(const std::vector<merge::ParamDef>& params) {
    if (params.empty()) return QStringLiteral("<p><i>No parameters: nothing to tune.</i></p>");
    QString html = QStringLiteral(
        "<table width=\"100%\" cellspacing=\"0\" cellpadding=\"6\" border=\"1\" "
        "style=\"border-collapse:collapse; border-color:#c8ccd4\">"
        "<tr style=\"background-color:#e8ecf3\"><th align=\"left\">Parameter</th><th align=\"left\">Default</th>"
        "<th align=\"left\">Range</th><th align=\"left\">What it does</th></tr>");
    bool shaded = false;
    for (const auto& p : params) {
        html += QStringLiteral("<tr%1><td><b>%2</b></td><td>%3</td><td>%4</td><td>%5</td></tr>")
                    .arg(shaded ? QStringLiteral(" style=\"background-color:#f7f8fa\"") : QString(),
                         proseMathHtml(QString::fromStdString(p.label)), parameterDefaultText(p).toHtmlEscaped(),
                         parameterRangeText(p).toHtmlEscaped(), proseMathHtml(QString::fromStdString(p.tooltip)));
        shaded = !shaded;
    }
    return html + QStringLiteral("</table>");
}

QString document(const QString& body) {
    return QStringLiteral("<html><body>%1</body></html>").arg(body);
}

}  // namespace

QString formulaHtml(const QString& plainFormula) {
    // Clauses: "a;  b" and "a   b" (three or more spaces) are separate lines.
    static const QRegularExpression clauseBreak(QStringLiteral(";\\s+|\\s{3,}"));
    QStringList clauses;
    for (QString clause : plainFormula.split(clauseBreak, Qt::SkipEmptyParts)) {
        clause = clause.trimmed();
        while (clause.endsWith(QLatin1Char(',')) || clause.endsWith(QLatin1Char(';'))) clause.chop(1);
        if (clause.isEmpty()) continue;
        // "A   or   B": "or" opens the next line instead of standing alone.
        if (!clauses.isEmpty() && clauses.last() == QLatin1String("or")) {
            clauses.last() = QStringLiteral("or  ") + clause;
            continue;
        }
        clauses << clause;
    }
    QString html;
    for (const auto& clause : clauses) html += QStringLiteral("<div>%1</div>").arg(mathLine(clause, true));
    return html;
}

QString proseMathHtml(const QString& plainText) { return mathLine(plainText, false); }

QString parameterDefaultText(const merge::ParamDef& param) {
    switch (param.type) {
    case merge::ParamType::Boolean: return param.defaultValue != 0.0 ? QStringLiteral("on") : QStringLiteral("off");
    case merge::ParamType::Integer: return QString::number(qint64(std::llround(param.defaultValue)));
    case merge::ParamType::Choice: {
        if (param.choices.empty()) return {};
        const auto index = size_t(std::clamp<double>(param.defaultValue, 0, double(param.choices.size() - 1)));
        return QString::fromStdString(param.choices[index]);
    }
    case merge::ParamType::Real: break;
    }
    return readableNumber(param.defaultValue);
}

QString parameterRangeText(const merge::ParamDef& param) {
    switch (param.type) {
    case merge::ParamType::Boolean: return QStringLiteral("on / off");
    case merge::ParamType::Choice: {
        QStringList choices;
        for (const auto& c : param.choices) choices << QString::fromStdString(c);
        return choices.join(QStringLiteral(" · "));
    }
    case merge::ParamType::Integer:
        return QStringLiteral("%1 – %2").arg(readableNumber(double(std::llround(param.minimum))),
                                             readableNumber(double(std::llround(param.maximum))));
    case merge::ParamType::Real: break;
    }
    QString range = QStringLiteral("%1 – %2").arg(readableNumber(param.minimum), readableNumber(param.maximum));
    if (param.logScale) range += QStringLiteral(" (log scale)");
    return range;
}

QString methodKindText(merge::MethodKind kind) {
    return kind == merge::MethodKind::Adaptive ? QStringLiteral("Adaptive merge (learned at test time)")
                                               : QStringLiteral("Static merge (closed formula, no data)");
}

QString methodPageHtml(const merge::MethodInfo& method) {
    const bool adaptive = method.kind == merge::MethodKind::Adaptive;
    QString body;
    body += QStringLiteral("<h1 style=\"color:%1\">%2</h1>")
                .arg(QLatin1String(kHeadingColor), QString::fromStdString(method.name).toHtmlEscaped());
    QString paper = QString::fromStdString(method.paper).toHtmlEscaped();
    if (!method.paperUrl.empty())
        paper = QStringLiteral("<a href=\"%1\">%2</a>").arg(QString::fromStdString(method.paperUrl).toHtmlEscaped(), paper);
    body += QStringLiteral("<p><span style=\"background-color:%1; color:white\">&nbsp;%2&nbsp;</span>"
                           "&nbsp;&nbsp;Paper: %3</p>")
                .arg(adaptive ? QStringLiteral("#8e44ad") : QStringLiteral("#2e7d32"), methodKindText(method.kind),
                     paper);
    body += QStringLiteral("<table width=\"100%\" cellpadding=\"14\" style=\"background-color:#f3f5fa\"><tr><td>"
                           "<div style=\"%1 font-size:xx-large; color:#111\">%2</div></td></tr></table>")
                .arg(QLatin1String(kSerif), formulaHtml(QString::fromStdString(method.formula)));
    body += QStringLiteral("<p style=\"font-size:large\">%1</p>")
                .arg(proseMathHtml(QString::fromStdString(method.summary)));
    const MethodLesson lesson = methodLesson(QString::fromStdString(method.id));
    if (!lesson.howItWorks.isEmpty()) body += heading(2, QStringLiteral("How it works")) + lesson.howItWorks;
    if (!lesson.whatToLookAt.isEmpty())
        body += heading(2, QStringLiteral("What to look at in MergeScope")) + lesson.whatToLookAt;
    body += heading(2, QStringLiteral("Parameters")) + parameterTable(method.parameters);
    return document(body);
}

QString conceptsPageHtml() {
    QString body = conceptsHtml();
    // The lesson text uses bare headings; give them the guide's colour.
    body.replace(QStringLiteral("<h1>"), QStringLiteral("<h1 style=\"color:%1\">").arg(QLatin1String(kHeadingColor)));
    body.replace(QStringLiteral("<h2>"), QStringLiteral("<h2 style=\"color:%1\">").arg(QLatin1String(kHeadingColor)));
    return document(body);
}

}  // namespace ms::ui
