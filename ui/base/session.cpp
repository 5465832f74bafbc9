#include "ui/base/session.h"

#include <cmath>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include "ui/base/figure_export.h"

namespace ms::ui {

namespace {

QJsonArray toArray(const QVector<double>& values) {
    QJsonArray a;
    // JSON has no NaN: a task that was not evaluated is null.
    for (double v : values) a.append(std::isnan(v) ? QJsonValue() : QJsonValue(v));
    return a;
}

QVector<double> toDoubles(const QJsonValue& value) {
    QVector<double> v;
    for (const auto& x : value.toArray()) v << (x.isNull() ? std::nan("") : x.toDouble());
    return v;
}

QJsonArray toArray(const QStringList& list) { return QJsonArray::fromStringList(list); }

QStringList toStrings(const QJsonValue& value) {
    QStringList list;
    for (const auto& x : value.toArray()) list << x.toString();
    return list;
}

}  // namespace

QJsonObject toJson(const MethodAccuracy& m) {
    return {{"id", m.id},           {"label", m.label},           {"method", m.methodId},
            {"baseline", m.baseline}, {"tasks", toArray(m.tasks)}, {"accuracy", toArray(m.accuracy)},
            {"caption", m.caption}};
}

MethodAccuracy methodAccuracyFromJson(const QJsonObject& json) {
    MethodAccuracy m;
    m.id = json.value("id").toString();
    m.label = json.value("label").toString();
    m.methodId = json.value("method").toString();
    m.baseline = json.value("baseline").toBool();
    m.tasks = toStrings(json.value("tasks"));
    m.accuracy = toDoubles(json.value("accuracy"));
    m.caption = json.value("caption").toString();
    return m;
}

QJsonObject toJson(const RoutingSummary& s) {
    return {{"result", s.resultId},
            {"tasks", toArray(s.tasks)},
            {"layers", s.layers},
            {"mean_routing", toArray(s.meanRouting)},
            {"first_choice", toArray(s.firstChoice)},
            {"spread", toArray(s.spread)}};
}

RoutingSummary routingSummaryFromJson(const QJsonObject& json) {
    RoutingSummary s;
    s.resultId = json.value("result").toString();
    s.tasks = toStrings(json.value("tasks"));
    s.layers = json.value("layers").toInt();
    s.meanRouting = toDoubles(json.value("mean_routing"));
    s.firstChoice = toDoubles(json.value("first_choice"));
    s.spread = toDoubles(json.value("spread"));
    return s;
}

QJsonObject toJson(const LossPoint& p) {
    return {{"step", p.step}, {"total", p.totalSteps}, {"loss", p.loss}, {"lr", p.learningRate},
            {"tasks", toArray(p.taskEntropy)}};
}

LossPoint lossPointFromJson(const QJsonObject& json) {
    LossPoint p;
    p.step = json.value("step").toInt();
    p.totalSteps = json.value("total").toInt();
    p.loss = json.value("loss").toDouble();
    p.learningRate = json.value("lr").toDouble();
    p.taskEntropy = toDoubles(json.value("tasks"));
    return p;
}

const SessionResult* Session::findResult(const QString& id) const {
    for (const auto& r : results)
        if (r.accuracy.id == id) return &r;
    return nullptr;
}

QString Session::newResultId(const QString& methodId) const {
    if (!findResult(methodId)) return methodId;
    for (int n = 2;; ++n) {
        const QString id = QStringLiteral("%1-%2").arg(methodId).arg(n);
        if (!findResult(id)) return id;
    }
}

QVector<MethodAccuracy> Session::accuracies() const {
    QVector<MethodAccuracy> all = baselines;
    for (const auto& r : results) all << r.accuracy;
    return all;
}

QJsonObject Session::toJson() const {
    QJsonArray baselineArray, resultArray;
    for (const auto& b : baselines) baselineArray.append(ms::ui::toJson(b));
    for (const auto& r : results) {
        QJsonArray loss;
        for (const auto& p : r.loss) loss.append(ms::ui::toJson(p));
        QJsonObject o{{"accuracy", ms::ui::toJson(r.accuracy)},
                      {"folder", r.folder},
                      {"parameters", QJsonObject::fromVariantMap(r.parameters)},
                      {"device", r.device},
                      {"seed", QString::number(r.seed)},
                      {"routes", r.routes},
                      {"loss", loss}};
        if (r.routes) o.insert("routing", ms::ui::toJson(r.routing));
        resultArray.append(o);
    }
    return {{"format", kFormat},
            {"pool", poolLocation},
            {"chosen_tasks", toArray(chosenTasks)},
            {"baselines", baselineArray},
            {"results", resultArray},
            {"view", QJsonObject::fromVariantMap(viewOptions)},
            {"window_geometry", QString::fromLatin1(windowGeometry.toBase64())},
            {"window_state", QString::fromLatin1(windowState.toBase64())},
            {"current_tab", currentTab}};
}

std::optional<Session> Session::fromJson(const QJsonObject& json, QString* error) {
    auto fail = [&](const QString& why) {
        if (error) *error = why;
        return std::nullopt;
    };
    if (json.value("format").toString() != QLatin1String(kFormat))
        return fail(QObject::tr("not a MergeScope session (expected format \"%1\")").arg(kFormat));
    Session s;
    s.poolLocation = json.value("pool").toString();
    if (s.poolLocation.isEmpty()) return fail(QObject::tr("the session names no pool"));
    s.chosenTasks = toStrings(json.value("chosen_tasks"));
    for (const auto& b : json.value("baselines").toArray()) {
        s.baselines << methodAccuracyFromJson(b.toObject());
        const MethodAccuracy& m = s.baselines.back();
        if (m.tasks.size() != m.accuracy.size())
            return fail(QObject::tr("baseline \"%1\": %2 tasks but %3 accuracies")
                            .arg(m.id)
                            .arg(m.tasks.size())
                            .arg(m.accuracy.size()));
    }
    for (const auto& value : json.value("results").toArray()) {
        const QJsonObject o = value.toObject();
        SessionResult r;
        r.accuracy = methodAccuracyFromJson(o.value("accuracy").toObject());
        if (r.accuracy.id.isEmpty()) return fail(QObject::tr("a result has no id"));
        if (r.accuracy.tasks.size() != r.accuracy.accuracy.size())
            return fail(QObject::tr("result \"%1\": %2 tasks but %3 accuracies")
                            .arg(r.accuracy.id)
                            .arg(r.accuracy.tasks.size())
                            .arg(r.accuracy.accuracy.size()));
        r.folder = o.value("folder").toString();
        r.parameters = o.value("parameters").toObject().toVariantMap();
        r.device = o.value("device").toString();
        r.seed = o.value("seed").toString().toULongLong();
        r.routes = o.value("routes").toBool();
        for (const auto& p : o.value("loss").toArray()) r.loss << lossPointFromJson(p.toObject());
        if (r.routes) r.routing = routingSummaryFromJson(o.value("routing").toObject());
        s.results << r;
    }
    s.viewOptions = json.value("view").toObject().toVariantMap();
    s.windowGeometry = QByteArray::fromBase64(json.value("window_geometry").toString().toLatin1());
    s.windowState = QByteArray::fromBase64(json.value("window_state").toString().toLatin1());
    s.currentTab = json.value("current_tab").toInt();
    return s;
}

QString Session::save(const QString& path) const {
    return writeTextFile(path, QString::fromUtf8(QJsonDocument(toJson()).toJson(QJsonDocument::Indented)));
}

std::optional<Session> Session::load(const QString& path, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) *error = QObject::tr("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QJsonParseError parseError;
    const auto document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error) *error = QObject::tr("%1 is not valid JSON: %2").arg(path, parseError.errorString());
        return std::nullopt;
    }
    if (!document.isObject()) {
        if (error) *error = QObject::tr("%1: not a MergeScope session (the JSON is not an object)").arg(path);
        return std::nullopt;
    }
    QString why;
    auto session = fromJson(document.object(), &why);
    if (!session && error) *error = QObject::tr("%1: %2").arg(path, why);
    return session;
}

}  // namespace ms::ui
