// The New pool dialog writes a manifest only when opening it would work: a message per missing
// field, the manifest loader's own message (naming the missing path) for a path that points
// nowhere, with nothing written and no staging file left; with real checkpoints, heads and test
// shards it writes a pool.json that PoolManifest::load reads back.
#include <torch/torch.h>

#include <QtTest>

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QTemporaryDir>

#include <opencv2/imgcodecs.hpp>

#include "core/model/classification_head.h"
#include "core/pool/pool_manifest.h"
#include "support/tiny_models.h"
#include "ui/new_pool_dialog.h"

using namespace ms;

namespace {

QStringList filesIn(const QString& folder) {
    return QDir(folder).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class TestNewPoolDialog : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString zoo_;  // a real tiny pool: dir_/zoo

    // A dialog filled with the tiny pool's files, writing to `manifest`.
    void fill(ui::NewPoolDialog& d, const QString& manifest) {
        d.setName("Tiny from the dialog");
        d.setPretrained(zoo_ + "/pretrained");
        d.setManifestPath(manifest);
        for (int t = 0; t < 2; ++t) {
            const QString name = QString("task%1").arg(t);
            d.addTask(name, zoo_ + "/finetuned/" + name, zoo_ + "/" + name + "_head.safetensors",
                      zoo_ + "/" + name + "_test.safetensors");
        }
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        zoo_ = dir_.filePath("zoo");
        test::TinyPool pool(2);
        test::writeTinyPool(pool, zoo_.toStdString(), 4);
    }

    void tasksWithoutAHeadGetZeroShotHeadsFromTheTextTower() {
        const QString root = dir_.filePath("clip");
        const test::TinyPool pool(1);
        test::writeTinyClipFolder((root + "/clip-vit-tiny").toStdString(), pool.config, pool.pretrained, {}, 21);
        model::saveCheckpoint((root + "/expert").toStdString(), pool.config, {}, pool.finetuned[0]);
        for (const char* cls : {"blue_square", "red_circle"}) {
            QDir().mkpath(root + "/test/" + cls);
            QVERIFY(cv::imwrite((root + "/test/" + cls + "/a.png").toStdString(), cv::Mat(8, 8, CV_8UC3, cv::Scalar(40, 90, 200))));
        }
        ui::NewPoolDialog d;
        d.setName("Zero-shot");
        d.setPretrained(root + "/clip-vit-tiny");
        d.setManifestPath(root + "/pool/pool.json");
        d.addTask("shapes", root + "/expert", "", root + "/test");
        QCOMPARE(d.writeManifest(), QString());
        const auto manifest = pool::PoolManifest::load((root + "/pool/pool.json").toStdString());
        QCOMPARE(manifest.tasks.size(), size_t(1));
        const auto head = model::loadHead(manifest.tasks[0].head);
        QCOMPARE(head.classNames, (std::vector<std::string>{"blue square", "red circle"}));
        QCOMPARE(head.embeddingDim(), int64_t(pool.config.projectionDim));
    }

    void eachMissingFieldHasItsMessage() {
        ui::NewPoolDialog d;
        const QString out = dir_.filePath("fields/pool.json");
        d.setName("  ");
        QCOMPARE(d.writeManifest(), QString("Give the pool a name."));
        d.setName("Mine");
        QCOMPARE(d.writeManifest(), QString("Choose the pretrained checkpoint."));
        d.setPretrained(zoo_ + "/pretrained");
        QCOMPARE(d.writeManifest(), QString("Add at least one task."));
        d.addTask("digits", zoo_ + "/finetuned/task0", "", "");
        QCOMPARE(d.writeManifest(), QString("Choose where to write the manifest."));
        d.setManifestPath(out);
        QCOMPARE(d.manifestPath(), out);
        // No head: it would be built from the text tower, but a task of unknown kind without a test
        // folder has no class names.
        const QString noHead = d.writeManifest();
        QVERIFY2(noHead.contains("task 'digits' needs class names for its head"), qPrintable(noHead));
        QVERIFY(!QFileInfo::exists(out));

        ui::NewPoolDialog unnamed;
        unnamed.setName("Mine");
        unnamed.setPretrained(zoo_ + "/pretrained");
        unnamed.setManifestPath(out);
        unnamed.addTask(" ", zoo_ + "/finetuned/task0", zoo_ + "/task0_head.safetensors", "");
        QCOMPARE(unnamed.writeManifest(), QString("Every task needs a name."));
        QVERIFY(!QFileInfo::exists(dir_.filePath("fields")));
    }

    void aPathThatPointsNowhereIsNamedAndNothingIsWritten() {
        const QString folder = dir_.filePath("broken");
        const QString out = folder + "/pool.json";
        const QString missing = dir_.filePath("elsewhere/task1.safetensors");
        ui::NewPoolDialog d;
        d.setName("Broken");
        d.setPretrained(zoo_ + "/pretrained");
        d.setManifestPath(out);
        d.addTask("task0", zoo_ + "/finetuned/task0", zoo_ + "/task0_head.safetensors", "");
        d.addTask("task1", missing, zoo_ + "/task1_head.safetensors", "");
        const QString error = d.writeManifest();
        // The loader's message, about the manifest the user asked for, not the staging file.
        QVERIFY2(error.startsWith(out + ": "), qPrintable(error));
        QVERIFY2(error.contains("task 'task1': checkpoint") && error.contains("points nowhere"), qPrintable(error));
        QVERIFY2(error.contains(missing), qPrintable(error));
        QVERIFY2(!error.contains(".check.json"), qPrintable(error));
        QVERIFY(filesIn(folder).isEmpty());

        // A missing pretrained checkpoint, likewise.
        ui::NewPoolDialog p;
        fill(p, out);
        p.setPretrained(dir_.filePath("no-pretrained"));
        const QString pretrainedError = p.writeManifest();
        QVERIFY2(pretrainedError.contains("pretrained checkpoint") && pretrainedError.contains(dir_.filePath("no-pretrained")),
                 qPrintable(pretrainedError));
        QVERIFY(filesIn(folder).isEmpty());
    }

    void realFilesGiveAManifestThatLoads() {
        const QString folder = dir_.filePath("mine");
        const QString out = folder + "/pool.json";
        ui::NewPoolDialog d;
        fill(d, out);
        const pool::PoolManifest shown = d.manifest();
        QCOMPARE(shown.tasks.size(), size_t(2));
        QCOMPARE(QString::fromStdString(shown.tasks[1].head), zoo_ + "/task1_head.safetensors");

        QCOMPARE(d.writeManifest(), QString());
        QCOMPARE(filesIn(folder), QStringList{"pool.json"});  // no ".check.json" left
        // Paths are relative to the manifest, so the folder can move with its files.
        const QByteArray json = readAll(out);
        QVERIFY2(json.contains("\"../zoo/finetuned/task0\""), json.constData());
        QVERIFY2(!json.contains(dir_.path().toUtf8()), json.constData());

        const auto loaded = pool::PoolManifest::load(out.toStdString());
        QCOMPARE(QString::fromStdString(loaded.name), QString("Tiny from the dialog"));
        QCOMPARE(loaded.taskNames(), (std::vector<std::string>{"task0", "task1"}));
        QCOMPARE(QString::fromStdString(loaded.pretrained), zoo_ + "/pretrained");
        QCOMPARE(QString::fromStdString(loaded.tasks[0].checkpoint), zoo_ + "/finetuned/task0");
        QCOMPARE(QString::fromStdString(loaded.tasks[1].head), zoo_ + "/task1_head.safetensors");
        QCOMPARE(QString::fromStdString(loaded.tasks[1].testData), zoo_ + "/task1_test.safetensors");
        QVERIFY(loaded.tasks[0].trainData.empty());
    }

    void aFailedRewriteKeepsTheOldManifest() {
        const QString folder = dir_.filePath("keep");
        const QString out = folder + "/pool.json";
        ui::NewPoolDialog good;
        fill(good, out);
        QCOMPARE(good.writeManifest(), QString());
        const QByteArray before = readAll(out);

        ui::NewPoolDialog bad;
        fill(bad, out);
        bad.setName("Second try");
        bad.addTask("task9", dir_.filePath("missing9"), zoo_ + "/task0_head.safetensors", "");
        QVERIFY(!bad.writeManifest().isEmpty());
        QCOMPARE(readAll(out), before);
        QCOMPARE(filesIn(folder), QStringList{"pool.json"});
    }

    void acceptShowsTheErrorAndStaysOpen() {
        ui::NewPoolDialog d;
        d.setName("");
        static_cast<QDialog&>(d).accept();
        QCOMPARE(d.result(), int(QDialog::Rejected));
        bool shown = false;
        for (auto* label : d.findChildren<QLabel*>()) shown |= label->text() == "Give the pool a name.";
        QVERIFY(shown);

        ui::NewPoolDialog ok;
        fill(ok, dir_.filePath("accepted/pool.json"));
        static_cast<QDialog&>(ok).accept();
        QCOMPARE(ok.result(), int(QDialog::Accepted));
        QVERIFY(QFileInfo::exists(dir_.filePath("accepted/pool.json")));
    }
};

QTEST_MAIN(TestNewPoolDialog)
#include "test_new_pool_dialog.moc"
