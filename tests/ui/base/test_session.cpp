// Sessions as JSON: every field survives a save and a load (NaN accuracies through null, a 64-bit
// seed, typed parameters, loss points, routing, view options, window bytes, the tab), result ids
// are fresh, and loading refuses what is not a whole session with a reason naming the file.
#include <cmath>
#include <limits>

#include <QtTest>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

#include "ui/base/session.h"

using namespace ms::ui;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

MethodAccuracy accuracy(const QString& id, const QString& method, bool baseline, QVector<double> values) {
    MethodAccuracy m;
    m.id = id;
    m.label = id.toUpper() + QStringLiteral(" (label, with comma)");
    m.methodId = method;
    m.baseline = baseline;
    m.tasks = {QStringLiteral("mnist"), QStringLiteral("fashion"), QStringLiteral("digits")};
    m.accuracy = std::move(values);
    m.caption = QStringLiteral("%1 · λ 0.3 · seed 7").arg(method);
    return m;
}

// Compares two vectors of doubles where NaN equals NaN.
void compareValues(const QVector<double>& actual, const QVector<double>& expected) {
    QCOMPARE(actual.size(), expected.size());
    for (int i = 0; i < expected.size(); ++i) {
        if (std::isnan(expected[i]))
            QVERIFY2(std::isnan(actual[i]), qPrintable(QStringLiteral("entry %1 should be NaN").arg(i)));
        else
            QCOMPARE(actual[i], expected[i]);
    }
}

void compareAccuracy(const MethodAccuracy& a, const MethodAccuracy& b) {
    QCOMPARE(a.id, b.id);
    QCOMPARE(a.label, b.label);
    QCOMPARE(a.methodId, b.methodId);
    QCOMPARE(a.baseline, b.baseline);
    QCOMPARE(a.tasks, b.tasks);
    compareValues(a.accuracy, b.accuracy);
    QCOMPARE(a.caption, b.caption);
}

Session sampleSession() {
    Session s;
    s.poolLocation = QStringLiteral("/data/zoo/pool.json");
    s.chosenTasks = {QStringLiteral("mnist"), QStringLiteral("fashion"), QStringLiteral("digits")};
    s.baselines << accuracy(QStringLiteral("pretrained"), QStringLiteral("pretrained"), true, {0.31, 0.42, 0.125})
                << accuracy(QStringLiteral("individual"), QStringLiteral("individual"), true, {0.99, 0.91, 0.875});

    SessionResult ta;
    ta.accuracy = accuracy(QStringLiteral("task_arithmetic"), QStringLiteral("task_arithmetic"), false, {0.8, kNaN, 0.5});
    ta.folder = QStringLiteral("/tmp/results/task_arithmetic");
    ta.parameters = {{QStringLiteral("lambda"), 0.3},
                     {QStringLiteral("steps"), qlonglong(300)},
                     {QStringLiteral("schedule"), QStringLiteral("cosine")},
                     {QStringLiteral("rescale"), true}};
    ta.device = QStringLiteral("cpu");
    ta.seed = std::numeric_limits<quint64>::max();  // far beyond a double's 53 bits
    s.results << ta;

    SessionResult wemoe;
    wemoe.accuracy = accuracy(QStringLiteral("wemoe"), QStringLiteral("wemoe"), false, {0.97, 0.9, 0.75});
    wemoe.folder = QStringLiteral("/tmp/results/wemoe");
    wemoe.parameters = {{QStringLiteral("lr"), 1e-4}, {QStringLiteral("shared_router"), false}};
    wemoe.device = QStringLiteral("cuda");
    wemoe.seed = (quint64(1) << 53) + 1;  // the first integer a double cannot hold
    wemoe.routes = true;
    for (int step = 0; step < 3; ++step) {
        LossPoint p;
        p.step = step;
        p.totalSteps = 3;
        p.loss = 2.5 - 0.5 * step;
        p.learningRate = 1e-3 / (step + 1);
        p.taskEntropy = {0.75, step == 1 ? kNaN : 0.5, 0.25 * step};
        wemoe.loss << p;
    }
    wemoe.routing.resultId = QStringLiteral("wemoe");
    wemoe.routing.tasks = s.chosenTasks;
    wemoe.routing.layers = 2;
    for (int i = 0; i < 3 * 2 * 3; ++i) wemoe.routing.meanRouting << i / 17.0;
    for (int i = 0; i < 3 * 2; ++i) wemoe.routing.firstChoice << (i == 4 ? kNaN : i / 5.0);
    wemoe.routing.spread = {1.25, 0.5};
    s.results << wemoe;

    s.viewOptions = {{QStringLiteral("accuracy/normalised"), true},
                     {QStringLiteral("routing/layer"), QStringLiteral("3")},
                     {QStringLiteral("interference/lambda"), 0.45}};
    s.windowGeometry = QByteArray("\x01\xd9\xd0\xcb\x00\x03\x00\x00\xff\xfe", 10);
    s.windowState = QByteArray("\x00\x00\x00\xff\x00\x00\x00\x00\xfd\x00\x00\x00\x02", 13);
    s.currentTab = 3;
    return s;
}

void writeRaw(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

}  // namespace

class TestSession : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

private Q_SLOTS:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void everyFieldSurvivesSaveAndLoad() {
        const Session s = sampleSession();
        const QString path = dir_.filePath(QStringLiteral("roundtrip.mssession"));
        QCOMPARE(s.save(path), QString());
        // Atomic: the target and nothing else (no temporary file beside it).
        QCOMPARE(QDir(dir_.path()).entryList({QStringLiteral("roundtrip*")}, QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("roundtrip.mssession")});

        QString error;
        const auto loaded = Session::load(path, &error);
        QVERIFY2(loaded, qPrintable(error));
        const Session& l = *loaded;
        QCOMPARE(l.poolLocation, s.poolLocation);
        QCOMPARE(l.chosenTasks, s.chosenTasks);
        QCOMPARE(l.baselines.size(), 2);
        for (int i = 0; i < 2; ++i) compareAccuracy(l.baselines[i], s.baselines[i]);
        QCOMPARE(l.results.size(), 2);
        for (int i = 0; i < 2; ++i) {
            const SessionResult& a = l.results[i];
            const SessionResult& b = s.results[i];
            compareAccuracy(a.accuracy, b.accuracy);
            QCOMPARE(a.folder, b.folder);
            QCOMPARE(a.device, b.device);
            QCOMPARE(a.seed, b.seed);
            QCOMPARE(a.routes, b.routes);
        }
        // The NaN of an unevaluated task came back as NaN, not 0.
        QVERIFY(std::isnan(l.results[0].accuracy.accuracy[1]));
        QCOMPARE(l.results[0].accuracy.average(), (0.8 + 0.5) / 2);
        QCOMPARE(l.results[0].seed, quint64(18446744073709551615ULL));
        QCOMPARE(l.results[1].seed, quint64(9007199254740993ULL));

        // Parameters keep their types: double, integer, string, bool.
        const QVariantMap p = l.results[0].parameters;
        QCOMPARE(p.size(), 4);
        QCOMPARE(p.value("lambda").typeId(), int(QMetaType::Double));
        QCOMPARE(p.value("lambda").toDouble(), 0.3);
        QVERIFY(p.value("steps").typeId() == QMetaType::LongLong || p.value("steps").typeId() == QMetaType::Int);
        QCOMPARE(p.value("steps").toLongLong(), qlonglong(300));
        QCOMPARE(p.value("schedule").typeId(), int(QMetaType::QString));
        QCOMPARE(p.value("schedule").toString(), QString("cosine"));
        QCOMPARE(p.value("rescale").typeId(), int(QMetaType::Bool));
        QCOMPARE(p.value("rescale").toBool(), true);
        QCOMPARE(l.results[1].parameters.value("lr").toDouble(), 1e-4);
        QCOMPARE(l.results[1].parameters.value("shared_router").typeId(), int(QMetaType::Bool));
        QCOMPARE(l.results[1].parameters.value("shared_router").toBool(), false);

        // Loss points, with a NaN entropy.
        QCOMPARE(l.results[0].loss.size(), 0);
        QCOMPARE(l.results[1].loss.size(), 3);
        for (int i = 0; i < 3; ++i) {
            const LossPoint& a = l.results[1].loss[i];
            const LossPoint& b = s.results[1].loss[i];
            QCOMPARE(a.step, b.step);
            QCOMPARE(a.totalSteps, 3);
            QCOMPARE(a.loss, b.loss);
            QCOMPARE(a.learningRate, b.learningRate);
            compareValues(a.taskEntropy, b.taskEntropy);
        }
        // Routing summary of the routed result.
        const RoutingSummary& r = l.results[1].routing;
        QCOMPARE(r.resultId, QString("wemoe"));
        QCOMPARE(r.tasks, s.chosenTasks);
        QCOMPARE(r.layers, 2);
        compareValues(r.meanRouting, s.results[1].routing.meanRouting);
        compareValues(r.firstChoice, s.results[1].routing.firstChoice);
        compareValues(r.spread, {1.25, 0.5});
        QCOMPARE(r.mean(2, 1, 2), 17 / 17.0);

        // View options, window bytes (NULs and 0xff included), the tab.
        QCOMPARE(l.viewOptions.value("accuracy/normalised").toBool(), true);
        QCOMPARE(l.viewOptions.value("routing/layer").toString(), QString("3"));
        QCOMPARE(l.viewOptions.value("interference/lambda").toDouble(), 0.45);
        QCOMPARE(l.viewOptions.size(), 3);
        QCOMPARE(l.windowGeometry, s.windowGeometry);
        QCOMPARE(l.windowState, s.windowState);
        QCOMPARE(l.currentTab, 3);
    }

    void nanIsNullInTheJson() {
        const QJsonObject json = sampleSession().toJson();
        QCOMPARE(json.value("format").toString(), QString(Session::kFormat));
        const QJsonArray acc =
            json.value("results").toArray().at(0).toObject().value("accuracy").toObject().value("accuracy").toArray();
        QCOMPARE(acc.size(), 3);
        QCOMPARE(acc.at(0).toDouble(), 0.8);
        QVERIFY(acc.at(1).isNull());
        // The seed is a string in the JSON: a number would lose bits beyond 2^53.
        QCOMPARE(json.value("results").toArray().at(0).toObject().value("seed").toString(),
                 QString("18446744073709551615"));
        // A result without routing writes no routing object.
        QVERIFY(!json.value("results").toArray().at(0).toObject().contains("routing"));
        QVERIFY(json.value("results").toArray().at(1).toObject().contains("routing"));
    }

    void newResultIdCountsUp() {
        Session s;
        QCOMPARE(s.newResultId("wemoe"), QString("wemoe"));
        SessionResult r;
        r.accuracy.id = QStringLiteral("wemoe");
        s.results << r;
        QCOMPARE(s.newResultId("wemoe"), QString("wemoe-2"));
        QCOMPARE(s.newResultId("ties"), QString("ties"));
        r.accuracy.id = QStringLiteral("wemoe-2");
        s.results << r;
        QCOMPARE(s.newResultId("wemoe"), QString("wemoe-3"));
        r.accuracy.id = QStringLiteral("wemoe-4");  // a gap is reused before going on
        s.results << r;
        QCOMPARE(s.newResultId("wemoe"), QString("wemoe-3"));
        QVERIFY(s.findResult("wemoe-4"));
        QVERIFY(!s.findResult("wemoe-3"));
    }

    void accuraciesAreBaselinesThenResultsInOrder() {
        const Session s = sampleSession();
        const auto all = s.accuracies();
        QCOMPARE(all.size(), 4);
        QCOMPARE(all[0].id, QString("pretrained"));
        QCOMPARE(all[1].id, QString("individual"));
        QCOMPARE(all[2].id, QString("task_arithmetic"));
        QCOMPARE(all[3].id, QString("wemoe"));
        QCOMPARE(all[3].accuracy[2], 0.75);
    }

    void refusesWhatIsNotAWholeSession() {
        QString error;
        QJsonObject json = sampleSession().toJson();

        QJsonObject wrongFormat = json;
        wrongFormat.insert("format", "mergescope-session-0");
        QVERIFY(!Session::fromJson(wrongFormat, &error));
        QVERIFY2(error.contains("mergescope-session-1"), qPrintable(error));

        QJsonObject noPool = json;
        noPool.remove("pool");
        error.clear();
        QVERIFY(!Session::fromJson(noPool, &error));
        QVERIFY2(error.contains("no pool"), qPrintable(error));

        // A result with three tasks but two accuracies.
        QJsonObject mismatched = json;
        QJsonArray results = mismatched.value("results").toArray();
        QJsonObject result = results.at(1).toObject();
        QJsonObject acc = result.value("accuracy").toObject();
        acc.insert("accuracy", QJsonArray{0.5, 0.25});
        result.insert("accuracy", acc);
        results.replace(1, result);
        mismatched.insert("results", results);
        error.clear();
        QVERIFY(!Session::fromJson(mismatched, &error));
        QVERIFY2(error.contains("\"wemoe\"") && error.contains("3 tasks but 2 accuracies"), qPrintable(error));

        // The same mismatch in a baseline row.
        QJsonObject badBaseline = json;
        QJsonArray baselines = badBaseline.value("baselines").toArray();
        QJsonObject b = baselines.at(0).toObject();
        b.insert("accuracy", QJsonArray{0.5});
        baselines.replace(0, b);
        badBaseline.insert("baselines", baselines);
        error.clear();
        QVERIFY(!Session::fromJson(badBaseline, &error));
        QVERIFY2(error.contains("\"pretrained\"") && error.contains("3 tasks but 1 accuracies"), qPrintable(error));

        // And the untouched JSON is accepted.
        error.clear();
        QVERIFY(Session::fromJson(json, &error));
        QCOMPARE(error, QString());
    }

    void loadNamesTheFileWhenItCannot() {
        QString error;
        const QString missing = dir_.filePath("missing.mssession");
        QVERIFY(!Session::load(missing, &error));
        QVERIFY2(error.contains(missing), qPrintable(error));

        const QString broken = dir_.filePath("broken.mssession");
        writeRaw(broken, "{\"format\": \"mergescope-session-1\", ");
        error.clear();
        QVERIFY(!Session::load(broken, &error));
        QVERIFY2(error.contains(broken) && error.contains("not valid JSON"), qPrintable(error));

        // Valid JSON that is not an object: said so, not "no error occurred".
        const QString array = dir_.filePath("array.mssession");
        writeRaw(array, "[1, 2, 3]");
        error.clear();
        QVERIFY(!Session::load(array, &error));
        QVERIFY2(error.contains(array), qPrintable(error));
        QVERIFY2(!error.contains("no error", Qt::CaseInsensitive), qPrintable(error));

        // A session that parses but is refused: the file and the reason.
        const QString wrong = dir_.filePath("wrong.mssession");
        writeRaw(wrong, "{\"format\": \"something-else\", \"pool\": \"p\"}");
        error.clear();
        QVERIFY(!Session::load(wrong, &error));
        QVERIFY2(error.startsWith(wrong + ": ") && error.contains("not a MergeScope session"), qPrintable(error));
    }

    void saveToAnUnwritablePlaceSaysWhy() {
        const QString path = dir_.filePath("no/such/folder/s.mssession");
        const QString error = sampleSession().save(path);
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY(!QFile::exists(path));
    }
};

QTEST_MAIN(TestSession)
#include "test_session.moc"
