// SHA-256 against published vectors (FIPS 180-2 examples) and against coreutils' sha256sum for
// lengths around the 64-byte block and its 56-byte length-field boundary.
#include <QtTest>

#include "core/util/error.h"
#include "core/util/sha256.h"
#include "support/test_support.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <cstdio>
#include <string>
#include <vector>

namespace {

std::string sha256Of(const std::string& text) { return ms::sha256Hex(text.data(), text.size()); }

// Deterministic bytes that are not a repeating pattern, so chunking bugs cannot cancel out.
std::vector<uint8_t> pseudoRandomBytes(size_t n) {
    std::vector<uint8_t> bytes(n);
    uint32_t state = 12345;
    for (auto& byte : bytes) {
        state = state * 1664525u + 1013904223u;
        byte = uint8_t(state >> 24);
    }
    return bytes;
}

}  // namespace

class Sha256Test : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void hashesEmptyInput() {
        QCOMPARE(sha256Of(""), std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(ms::sha256Hex(nullptr, 0), sha256Of(""));
    }

    void hashesAbc() {
        QCOMPARE(sha256Of("abc"), std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    void hashesTwoBlockNistVector() {
        QCOMPARE(sha256Of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                 std::string("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
    }

    void hashesOneMillionAs() {
        QCOMPARE(sha256Of(std::string(1000000, 'a')),
                 std::string("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
    }

    void hashesLengthsAroundBlockBoundaries_data() {
        QTest::addColumn<int>("length");
        QTest::addColumn<QString>("expected");
        // References from `head -c N /dev/zero | tr '\0' a | sha256sum`.
        QTest::newRow("55: padding fits in one block") << 55 << "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318";
        QTest::newRow("56: length spills to a new block") << 56 << "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a";
        QTest::newRow("63") << 63 << "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34";
        QTest::newRow("64: exactly one block") << 64 << "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb";
        QTest::newRow("65") << 65 << "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0";
        QTest::newRow("119") << 119 << "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb";
        QTest::newRow("120") << 120 << "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c";
        QTest::newRow("128") << 128 << "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e";
    }

    void hashesLengthsAroundBlockBoundaries() {
        QFETCH(int, length);
        QFETCH(QString, expected);
        const std::string input(size_t(length), 'a');
        QCOMPARE(QString::fromStdString(sha256Of(input)), expected);

        // Every split point must give the same hash as one update.
        for (size_t split = 0; split <= input.size(); ++split) {
            ms::Sha256 hash;
            hash.update(input.data(), split);
            hash.update(input.data() + split, input.size() - split);
            QCOMPARE(QString::fromStdString(hash.hexDigest()), expected);
        }
    }

    void byteAtATimeMatchesOneUpdate() {
        const std::vector<uint8_t> bytes = pseudoRandomBytes(1000);
        ms::Sha256 hash;
        for (uint8_t byte : bytes) hash.update(&byte, 1);
        QCOMPARE(hash.hexDigest(), ms::sha256Hex(bytes.data(), bytes.size()));
    }

    void readingTheDigestDoesNotDisturbTheState() {
        ms::Sha256 hash;
        hash.update("ab", 2);
        QCOMPARE(hash.hexDigest(), sha256Of("ab"));
        QCOMPARE(hash.hexDigest(), sha256Of("ab"));
        hash.update("c", 1);
        QCOMPARE(hash.hexDigest(), sha256Of("abc"));
    }

    void fileHashEqualsBufferHash() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // Larger than the reader's 1 MiB chunk and not a multiple of it.
        const std::vector<uint8_t> bytes = pseudoRandomBytes(3 * 1024 * 1024 + 17);
        const std::string path = dir.filePath("blob.bin").toStdString();
        ms::test::writeBytes(path, bytes);
        QCOMPARE(ms::sha256File(path), ms::sha256Hex(bytes.data(), bytes.size()));

        const std::string emptyPath = dir.filePath("empty.bin").toStdString();
        ms::test::writeBytes(emptyPath, {});
        QCOMPARE(ms::sha256File(emptyPath), sha256Of(""));
    }

    void cachedFileHashFollowsTheFile() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("ckpt.bin").toStdString();
        auto bytes = pseudoRandomBytes(4096);
        ms::test::writeBytes(path, bytes);
        const uint64_t hitsBefore = ms::sha256CacheHitCount;
        const std::string first = ms::sha256FileCached(path);
        QCOMPARE(first, ms::sha256Hex(bytes.data(), bytes.size()));
        QCOMPARE(ms::sha256CacheHitCount.load(), hitsBefore);  // read the file
        QCOMPARE(ms::sha256FileCached(path), first);
        QCOMPARE(ms::sha256CacheHitCount.load(), hitsBefore + 1);  // answered from the cache

        // Same size, new content, a later modification time: hashed again.
        bytes[100] ^= 0xff;
        ms::test::writeBytes(path, bytes);
        struct timespec later[2] = {{0, UTIME_OMIT}, {4102444800, 0}};  // 2100-01-01
        QCOMPARE(::utimensat(AT_FDCWD, path.c_str(), later, 0), 0);
        const std::string second = ms::sha256FileCached(path);
        QCOMPARE(second, ms::sha256Hex(bytes.data(), bytes.size()));
        QVERIFY(second != first);
        QCOMPARE(ms::sha256CacheHitCount.load(), hitsBefore + 1);

        // Rewritten in place with the old modification time restored (as cp -p does): the
        // status-change time still moves, so it is hashed again.
        struct stat info {};
        QCOMPARE(::stat(path.c_str(), &info), 0);
        QTest::qSleep(30);  // file times tick coarsely (a few ms): let the change time move
        bytes[300] ^= 0xff;
        ms::test::writeBytes(path, bytes);
        struct timespec restored[2] = {{0, UTIME_OMIT}, info.st_mtim};
        QCOMPARE(::utimensat(AT_FDCWD, path.c_str(), restored, 0), 0);
        QCOMPARE(ms::sha256FileCached(path), ms::sha256Hex(bytes.data(), bytes.size()));

        // Replaced by another file (a new inode) with the same size and time: hashed again.
        bytes[200] ^= 0xff;
        const std::string replacement = dir.filePath("new.bin").toStdString();
        ms::test::writeBytes(replacement, bytes);
        QCOMPARE(::utimensat(AT_FDCWD, replacement.c_str(), later, 0), 0);
        QCOMPARE(::rename(replacement.c_str(), path.c_str()), 0);
        QCOMPARE(ms::sha256FileCached(path), ms::sha256Hex(bytes.data(), bytes.size()));

        QVERIFY_THROWS_EXCEPTION(ms::Error, ms::sha256FileCached(dir.filePath("absent").toStdString()));
    }

    void fileHashNamesAMissingFile() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("absent.safetensors").toStdString();
        try {
            ms::sha256File(path);
            QFAIL("no error for a missing file");
        } catch (const ms::Error& e) {
            QCOMPARE(e.path(), path);
            QVERIFY2(std::string(e.what()).find("not found") != std::string::npos, e.what());
        }
    }

    void fileHashRefusesAFolder() {
        QTemporaryDir dir;
        const std::string path = dir.path().toStdString();
        try {
            ms::sha256File(path);
            QFAIL("no error for a folder");
        } catch (const ms::Error& e) {
            QCOMPARE(e.path(), path);
            QVERIFY2(std::string(e.what()).find("is a folder") != std::string::npos, e.what());
        }
    }
};

QTEST_APPLESS_MAIN(Sha256Test)
#include "test_sha256.moc"
