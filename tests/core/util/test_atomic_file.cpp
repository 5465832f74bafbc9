// AtomicFile: the target holds either its old content or the complete new content, never a
// mix, and no temporary file outlives the writer.
#include <QtTest>

#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "support/test_support.h"

#include <filesystem>
#include <string>
#include <vector>

namespace {

std::vector<uint8_t> bytesOf(const std::string& text) { return {text.begin(), text.end()}; }

QStringList filesIn(const QString& folder) {
    return QDir(folder).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

}  // namespace

class AtomicFileTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void commitReplacesAnExistingFile() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath("result.json").toStdString();
        ms::test::writeBytes(path, bytesOf("old content that is longer than the new one"));

        ms::AtomicFile file(path);
        file.write("new", 3);
        file.commit();

        QCOMPARE(ms::test::readBytes(path), bytesOf("new"));
        QCOMPARE(filesIn(dir.path()), QStringList{"result.json"});
    }

    void uncommittedWriterKeepsOldContentAndLeavesNoTemporaryFile() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("result.json").toStdString();
        ms::test::writeBytes(path, bytesOf("old"));
        {
            ms::AtomicFile file(path);
            file.write("half of the new", 15);
            // The bytes go beside the target, never into it.
            QVERIFY(QFileInfo::exists(QString::fromStdString(file.temporaryPath())));
            QCOMPARE(QFileInfo(QString::fromStdString(file.temporaryPath())).dir().absolutePath(),
                     QDir(dir.path()).absolutePath());
            QCOMPARE(ms::test::readBytes(path), bytesOf("old"));
        }
        QCOMPARE(ms::test::readBytes(path), bytesOf("old"));
        QCOMPARE(filesIn(dir.path()), QStringList{"result.json"});
    }

    void uncommittedNewFileLeavesNothing() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("never.bin").toStdString();
        {
            ms::AtomicFile file(path);
            file.write("x", 1);
        }
        QVERIFY(filesIn(dir.path()).isEmpty());
    }

    void temporaryNameFollowsTheDocumentedPattern() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("out.bin").toStdString();
        ms::AtomicFile first(path);
        ms::AtomicFile second(path);
        const std::string prefix = path + ".tmp-" + std::to_string(QCoreApplication::applicationPid()) + "-";
        QVERIFY2(first.temporaryPath().rfind(prefix, 0) == 0, first.temporaryPath().c_str());
        QVERIFY(first.temporaryPath() != second.temporaryPath());
    }

    void twoWritersOfOnePathDoNotCollide() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("out.bin").toStdString();
        ms::AtomicFile first(path);
        ms::AtomicFile second(path);
        first.write("first", 5);
        second.write("second", 6);
        first.commit();
        second.commit();
        QCOMPARE(ms::test::readBytes(path), bytesOf("second"));
        QCOMPARE(filesIn(dir.path()), QStringList{"out.bin"});
    }

    void createsMissingParentFolders() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("runs/2024/ties/recipe.json").toStdString();
        ms::writeFileAtomically(path, "{}");
        QCOMPARE(ms::test::readBytes(path), bytesOf("{}"));
    }

    void writesLargeContentCompletely() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("big.bin").toStdString();
        std::string bytes(5 * 1024 * 1024 + 3, '\0');
        for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = char(i * 31 + 7);
        ms::writeFileAtomically(path, bytes);
        QCOMPARE(ms::test::readBytes(path), std::vector<uint8_t>(bytes.begin(), bytes.end()));
    }

    void reportsAFolderThatCannotBeCreated() {
        QTemporaryDir dir;
        const std::string blocker = dir.filePath("plain_file").toStdString();
        ms::test::writeBytes(blocker, bytesOf("x"));
        const std::string path = blocker + "/sub/out.json";
        try {
            ms::writeFileAtomically(path, "{}");
            QFAIL("no error when a parent is a regular file");
        } catch (const ms::Error& e) {
            QCOMPARE(e.path(), path);
            QVERIFY2(std::string(e.what()).find("cannot create folder") != std::string::npos, e.what());
        }
    }

    void reportsATargetThatIsAFolder() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("taken").toStdString();
        std::filesystem::create_directory(path);
        try {
            ms::writeFileAtomically(path, "{}");
            QFAIL("no error when the target is a folder");
        } catch (const ms::Error& e) {
            QCOMPARE(e.path(), path);
            QVERIFY2(std::string(e.what()).find("cannot replace file") != std::string::npos, e.what());
        }
        QCOMPARE(filesIn(dir.path()), QStringList{});
    }

    void writingAfterCommitIsAnError() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("out.bin").toStdString();
        ms::AtomicFile file(path);
        file.commit();
        QVERIFY_THROWS_EXCEPTION(ms::Error, file.write("x", 1));
        QVERIFY_THROWS_EXCEPTION(ms::Error, file.commit());
        QCOMPARE(ms::test::readBytes(path), std::vector<uint8_t>{});
    }
};

QTEST_APPLESS_MAIN(AtomicFileTest)
#include "test_atomic_file.moc"
