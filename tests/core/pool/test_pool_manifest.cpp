// Pool manifests: a save/load round trip (relative paths on disk, absolute after loading, palette
// colours by default) and one test per kind of broken manifest, each expecting an ms::Error whose
// message names the manifest and says what is wrong.
#include <QtTest>

#include "support/error_assertions.h"

#include "core/pool/pool_manifest.h"
#include "core/util/error.h"
#include "support/test_support.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using ms::pool::PoolManifest;
using ms::pool::TaskEntry;

using ms::test::contains;
using ms::test::errorOf;

namespace {


void writeText(const std::string& path, const std::string& text) {
    fs::create_directories(fs::path(path).parent_path());
    ms::test::writeBytes(path, std::vector<uint8_t>(text.begin(), text.end()));
}

std::string readText(const std::string& path) {
    const auto bytes = ms::test::readBytes(path);
    return std::string(bytes.begin(), bytes.end());
}

// What load() says about a manifest it must reject, or a marker when it accepts it.
std::string rejectionMessage(const std::string& location) {
    try {
        PoolManifest::load(location);
        return "<accepted the manifest>";
    } catch (const ms::Error& e) {
        return e.what();
    } catch (const std::exception& e) {
        return std::string("<not an ms::Error> ") + e.what();
    }
}

}  // namespace

#define VERIFY_MESSAGE(message, prefix, phrase)                                                     \
    do {                                                                                            \
        const std::string m_ = (message);                                                           \
        QVERIFY2(m_.rfind(std::string(prefix) + ": ", 0) == 0,                                      \
                 (m_ + "\n   expected to start with: " + std::string(prefix)).c_str());             \
        QVERIFY2(contains(m_, phrase), (m_ + "\n   expected: " + std::string(phrase)).c_str());    \
    } while (false)

class PoolManifestTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    std::string root_;  // a pool folder with every referenced file present

    std::string at(const std::string& relative) const { return (fs::path(root_) / relative).string(); }

    // Writes `json` as <root>/<name> and returns the path.
    std::string writeManifest(const std::string& name, const nlohmann::json& json) const {
        const std::string path = at(name);
        writeText(path, json.dump(2));
        return path;
    }

    // A valid manifest, as JSON, with two tasks.
    static nlohmann::json validJson() {
        return nlohmann::json{
            {"format", "mergescope-pool-1"},
            {"name", "tiny"},
            {"pretrained", "pretrained"},
            {"tasks",
             {{{"name", "digits"}, {"checkpoint", "finetuned/digits"}, {"head", "heads/digits.safetensors"},
               {"test", "data/digits_test.safetensors"}},
              {{"name", "signs"}, {"checkpoint", "finetuned/signs"}, {"head", "heads/signs.safetensors"}}}}};
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        root_ = fs::path(dir_.path().toStdString()).lexically_normal().string();
        fs::create_directories(at("pretrained"));
        writeText(at("pretrained/model.safetensors"), "x");
        for (const char* task : {"digits", "signs"}) {
            fs::create_directories(at(std::string("finetuned/") + task));
            writeText(at(std::string("heads/") + task + ".safetensors"), "x");
            writeText(at(std::string("data/") + task + "_test.safetensors"), "x");
            writeText(at(std::string("data/") + task + "_train.safetensors"), "x");
        }
    }

    void roundTripsWithRelativePathsOnDisk() {
        PoolManifest pool;
        pool.name = "round trip";
        pool.description = "two tasks";
        pool.pretrained = at("pretrained");
        pool.provenance = {{"seed", 42}};
        TaskEntry digits;
        digits.name = "digits";
        digits.displayName = "SynDigits";
        digits.analog = "SVHN";
        digits.checkpoint = at("finetuned/digits");
        digits.head = at("heads/digits.safetensors");
        digits.classNames = {"zero", "one", "two"};
        digits.testData = at("data/digits_test.safetensors");
        digits.trainData = at("data/digits_train.safetensors");
        TaskEntry signs;
        signs.name = "signs";
        signs.displayName = "SynSigns";
        signs.checkpoint = at("finetuned/signs");
        signs.head = at("heads/signs.safetensors");
        signs.color = "#123456";
        pool.tasks = {digits, signs};
        const std::string path = at("pool.json");
        pool.save(path);

        const auto onDisk = nlohmann::json::parse(readText(path));
        QCOMPARE(onDisk.at("format").get<std::string>(), std::string("mergescope-pool-1"));
        QCOMPARE(onDisk.at("pretrained").get<std::string>(), std::string("pretrained"));
        QCOMPARE(onDisk.at("tasks")[0].at("checkpoint").get<std::string>(), std::string("finetuned/digits"));
        QCOMPARE(onDisk.at("tasks")[0].at("head").get<std::string>(), std::string("heads/digits.safetensors"));
        QCOMPARE(onDisk.at("tasks")[0].at("test").get<std::string>(), std::string("data/digits_test.safetensors"));
        QCOMPARE(onDisk.at("tasks")[0].at("train").get<std::string>(), std::string("data/digits_train.safetensors"));
        QVERIFY(!onDisk.at("tasks")[0].contains("color"));  // no colour given: none written
        QVERIFY(!onDisk.at("tasks")[1].contains("test"));

        const PoolManifest loaded = PoolManifest::load(path);
        QCOMPARE(loaded.path, path);
        QCOMPARE(loaded.folder(), root_);
        QCOMPARE(loaded.name, std::string("round trip"));
        QCOMPARE(loaded.description, std::string("two tasks"));
        QCOMPARE(loaded.pretrained, at("pretrained"));
        QCOMPARE(loaded.provenance.at("seed").get<int>(), 42);
        QCOMPARE(loaded.taskNames(), (std::vector<std::string>{"digits", "signs"}));
        const TaskEntry& d = loaded.tasks[0];
        QCOMPARE(d.displayName, std::string("SynDigits"));
        QCOMPARE(d.analog, std::string("SVHN"));
        QCOMPARE(d.checkpoint, digits.checkpoint);
        QCOMPARE(d.head, digits.head);
        QCOMPARE(d.testData, digits.testData);
        QCOMPARE(d.trainData, digits.trainData);
        QCOMPARE(d.classNames, digits.classNames);
        QCOMPARE(d.color, ms::pool::taskPalette()[0]);  // palette by position
        const TaskEntry& s = loaded.tasks[1];
        QVERIFY(s.classNames.empty());
        QVERIFY(s.testData.empty());
        QCOMPARE(s.color, std::string("#123456"));
        QVERIFY(fs::path(s.checkpoint).is_absolute());
    }

    void defaultsDisplayNameAndColoursFromThePalette() {
        const PoolManifest loaded = PoolManifest::load(writeManifest("defaults.json", validJson()));
        QCOMPARE(loaded.tasks.size(), size_t(2));
        QCOMPARE(loaded.tasks[0].displayName, std::string("digits"));
        QCOMPARE(loaded.tasks[0].color, std::string("#E69F00"));
        QCOMPARE(loaded.tasks[1].color, std::string("#56B4E9"));
        QCOMPARE(loaded.tasks[0].testData, at("data/digits_test.safetensors"));
        QCOMPARE(loaded.findTask("signs"), &loaded.tasks[1]);
        QVERIFY(loaded.findTask("nope") == nullptr);
    }

    void loadsFromTheFolder() {
        writeManifest("pool.json", validJson());
        const PoolManifest loaded = PoolManifest::load(root_);
        QCOMPARE(loaded.path, at("pool.json"));
        QCOMPARE(loaded.name, std::string("tiny"));
    }

    void rejectsAFolderWithoutPoolJson() {
        const std::string empty = at("empty_folder");
        fs::create_directories(empty);
        VERIFY_MESSAGE(rejectionMessage(empty), empty + "/pool.json", "no such pool manifest");
    }

    void rejectsEntriesThatPointNowhere_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("what");
        QTest::newRow("checkpoint") << "checkpoint" << "task 'digits': checkpoint";
        QTest::newRow("head") << "head" << "task 'digits': head";
        QTest::newRow("test") << "test" << "task 'digits': test data";
        QTest::newRow("train") << "train" << "task 'digits': train data";
    }

    void rejectsEntriesThatPointNowhere() {
        QFETCH(QString, key);
        QFETCH(QString, what);
        auto json = validJson();
        json["tasks"][0][key.toStdString()] = "gone/missing.safetensors";
        const std::string path = writeManifest("nowhere_" + key.toStdString() + ".json", json);
        VERIFY_MESSAGE(rejectionMessage(path), path,
                       what.toStdString() + " 'gone/missing.safetensors' points nowhere (" +
                           at("gone/missing.safetensors") + " does not exist)");
    }

    void rejectsAPretrainedThatPointsNowhere() {
        auto json = validJson();
        json["pretrained"] = "no_such_model";
        const std::string path = writeManifest("nowhere_pretrained.json", json);
        VERIFY_MESSAGE(rejectionMessage(path), path, "the pretrained checkpoint 'no_such_model' points nowhere");
    }

    void rejectsAManifestThatIsNotJson() {
        const std::string path = at("not_json.json");
        writeText(path, "{\"name\": \"tiny\",");
        VERIFY_MESSAGE(rejectionMessage(path), path, "the pool manifest is not valid JSON");
    }

    void rejectsAManifestThatIsNotAnObject() {
        const std::string path = writeManifest("array.json", nlohmann::json::array({1, 2}));
        VERIFY_MESSAGE(rejectionMessage(path), path, "the pool manifest must be a JSON object");
    }

    void rejectsAManifestWithoutTasks_data() {
        QTest::addColumn<QString>("tasks");
        QTest::newRow("missing") << "";
        QTest::newRow("empty list") << "[]";
        QTest::newRow("not a list") << "{}";
    }

    void rejectsAManifestWithoutTasks() {
        QFETCH(QString, tasks);
        auto json = validJson();
        if (tasks.isEmpty()) json.erase("tasks");
        else json["tasks"] = nlohmann::json::parse(tasks.toStdString());
        const std::string path =
            writeManifest("no_tasks_" + QString(QTest::currentDataTag()).replace(' ', '_').toStdString() + ".json", json);
        VERIFY_MESSAGE(rejectionMessage(path), path, "the manifest needs a non-empty list 'tasks'");
    }

    void rejectsDuplicateTaskNames() {
        auto json = validJson();
        json["tasks"][1]["name"] = "digits";
        const std::string path = writeManifest("duplicate.json", json);
        VERIFY_MESSAGE(rejectionMessage(path), path, "two tasks are named 'digits'");
    }

    void rejectsAWrongFormat() {
        auto json = validJson();
        json["format"] = "mergescope-pool-9";
        const std::string path = writeManifest("format.json", json);
        VERIFY_MESSAGE(rejectionMessage(path), path,
                       "unknown manifest format \"mergescope-pool-9\" (expected \"mergescope-pool-1\")");
    }

    // A task's name becomes file names (finetuned/NAME/, heads/NAME.safetensors): none may leave the pool.
    void rejectsTaskNamesThatAreNotSafeFileNames_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("parent folders") << "../../x";
        QTest::newRow("a slash") << "a/b";
        QTest::newRow("hidden") << ".config";
        QTest::newRow("a space") << "my task";
        QTest::newRow("too long") << QString(65, 'a');
    }

    void rejectsTaskNamesThatAreNotSafeFileNames() {
        QFETCH(QString, name);
        auto json = validJson();
        json["tasks"][1]["name"] = name.toStdString();
        const std::string path = writeManifest("unsafe_name.json", json);
        VERIFY_MESSAGE(rejectionMessage(path), path,
                       "task name '" + name.toStdString() + "' is not a safe file name: use letters, digits, '_', "
                                                            "'-' and '.', not first, at most 64 characters");
    }

    void acceptsDotsAndDashesInTaskNames() {
        auto json = validJson();
        json["tasks"][1]["name"] = "gtsrb-v2.1_test";
        QCOMPARE(PoolManifest::load(writeManifest("dotted_name.json", json)).tasks[1].name, std::string("gtsrb-v2.1_test"));
    }

    void rejectsATaskWithoutAName() {
        auto json = validJson();
        json["tasks"][1].erase("name");
        const std::string path = writeManifest("nameless.json", json);
        VERIFY_MESSAGE(rejectionMessage(path), path, "a task needs a non-empty string 'name'");
    }

    void rejectsClassesThatAreNotStrings() {
        auto json = validJson();
        json["tasks"][0]["classes"] = {1, 2};
        const std::string path = writeManifest("classes.json", json);
        VERIFY_MESSAGE(rejectionMessage(path), path, "task 'digits': 'classes' must be a list of strings");
    }

    void selectsTasksInPoolOrder() {
        const PoolManifest loaded = PoolManifest::load(writeManifest("select.json", validJson()));
        const auto both = loaded.selectTasks("signs,digits");
        QCOMPARE(both.size(), size_t(2));
        QCOMPARE(both[0]->name, std::string("digits"));  // pool order, not the order asked
        QCOMPARE(both[1]->name, std::string("signs"));
        QCOMPARE(loaded.selectTasks("").size(), size_t(2));
        const auto one = loaded.selectTasks(",signs,");
        QCOMPARE(one.size(), size_t(1));
        QCOMPARE(one[0], &loaded.tasks[1]);
    }

    void selectTasksListsTheKnownOnesForAnUnknownName() {
        const std::string path = writeManifest("unknown.json", validJson());
        const PoolManifest loaded = PoolManifest::load(path);
        std::string message = "<accepted>";
        try {
            loaded.selectTasks("digits,cars");
        } catch (const ms::Error& e) {
            message = e.what();
        }
        VERIFY_MESSAGE(message, path, "no task named 'cars' in this pool; known tasks: digits, signs");
    }
};

QTEST_APPLESS_MAIN(PoolManifestTest)
#include "test_pool_manifest.moc"
