#pragma once
// A session: the open pool, the chosen tasks, every result with its accuracy, loss log and
// routing statistics (the model stays in its result folder), the view options and the window
// layout. Saved as JSON ("mergescope-session-1"), atomically; loading checks every field and
// says what is wrong instead of half-restoring.
#include <optional>

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVariantMap>
#include <QVector>

#include "ui/base/lab_data.h"

namespace ms::ui {

struct SessionResult {
    MethodAccuracy accuracy;  // id, label, method, tasks, accuracy, caption
    QString folder;           // the result folder (recipe.json, learned state …)
    QVariantMap parameters;   // as given in the form
    QString device;
    quint64 seed = 0;
    bool routes = false;
    QVector<LossPoint> loss;
    RoutingSummary routing;   // routed results
};

struct Session {
    static constexpr const char* kFormat = "mergescope-session-1";

    QString poolLocation;
    QStringList chosenTasks;
    QVector<MethodAccuracy> baselines;
    QVector<SessionResult> results;
    QVariantMap viewOptions;     // free-form per view, e.g. {"accuracy/normalised": true}
    QByteArray windowGeometry;   // QMainWindow::saveGeometry()
    QByteArray windowState;      // QMainWindow::saveState()
    int currentTab = 0;

    const SessionResult* findResult(const QString& id) const;
    // A fresh result id for a method: "wemoe", then "wemoe-2", "wemoe-3" …
    QString newResultId(const QString& methodId) const;
    // Baselines first, then the results in the order they were made.
    QVector<MethodAccuracy> accuracies() const;

    QJsonObject toJson() const;
    // Returns nullopt and sets `error` when the JSON is not a valid session.
    static std::optional<Session> fromJson(const QJsonObject& json, QString* error);

    QString save(const QString& path) const;  // empty on success, else the reason
    static std::optional<Session> load(const QString& path, QString* error);
};

// JSON of the plain data types, shared by the session and the exporters.
QJsonObject toJson(const MethodAccuracy& m);
MethodAccuracy methodAccuracyFromJson(const QJsonObject& json);
QJsonObject toJson(const RoutingSummary& s);
RoutingSummary routingSummaryFromJson(const QJsonObject& json);
QJsonObject toJson(const LossPoint& p);
LossPoint lossPointFromJson(const QJsonObject& json);

}  // namespace ms::ui
