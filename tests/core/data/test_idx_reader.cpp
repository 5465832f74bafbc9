// The IDX reader on tiny files written by the test (plain and gzipped), its error messages,
// and the two reshaping helpers.
#include <QTemporaryDir>
#include <QtTest>

#include <zlib.h>

#include "core/data/idx_reader.h"
#include "core/util/error.h"
#include "support/test_support.h"

using namespace ms::data;

namespace {

void putBigEndian32(std::vector<uint8_t>& out, uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(uint8_t(v >> shift));
}

// Two 2x3 images: pixel values 1..6 and 11..16.
std::vector<uint8_t> twoImages() {
    std::vector<uint8_t> bytes;
    putBigEndian32(bytes, 0x00000803);
    putBigEndian32(bytes, 2);
    putBigEndian32(bytes, 2);
    putBigEndian32(bytes, 3);
    for (uint8_t v : {1, 2, 3, 4, 5, 6, 11, 12, 13, 14, 15, 16}) bytes.push_back(v);
    return bytes;
}

std::vector<uint8_t> labels(std::initializer_list<uint8_t> values) {
    std::vector<uint8_t> bytes;
    putBigEndian32(bytes, 0x00000801);
    putBigEndian32(bytes, uint32_t(values.size()));
    bytes.insert(bytes.end(), values.begin(), values.end());
    return bytes;
}

void writeGzip(const std::string& path, const std::vector<uint8_t>& bytes) {
    gzFile file = gzopen(path.c_str(), "wb");
    QVERIFY(file);
    QCOMPARE(gzwrite(file, bytes.data(), unsigned(bytes.size())), int(bytes.size()));
    QCOMPARE(gzclose(file), Z_OK);
}

// Runs `f`, expects ms::Error, and checks that its message names `path` and contains `text`.
template <typename F>
void expectError(F&& f, const std::string& path, const QString& text) {
    try {
        f();
        QFAIL("expected ms::Error");
    } catch (const ms::Error& e) {
        const QString message = e.what();
        QVERIFY2(message.startsWith(QString::fromStdString(path) + ": "), qPrintable(message));
        QVERIFY2(message.contains(text), qPrintable(message));
    }
}

ImageBatch labelledBatch(const std::vector<int64_t>& labels) {
    ImageBatch batch;
    batch.height = batch.width = 1;
    batch.labels = labels;
    for (size_t i = 0; i < labels.size(); ++i)
        for (int k = 0; k < 3; ++k) batch.pixels.push_back(uint8_t(i));
    return batch;
}

}  // namespace

class TestIdxReader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() { QVERIFY(dir_.isValid()); }

    void readsPlainFiles() {
        ms::test::writeBytes(path("images"), twoImages());
        ms::test::writeBytes(path("labels"), labels({7, 3}));
        checkTwoImages(readIdxPair(path("images"), path("labels")));
    }

    void readsGzippedFiles() {
        writeGzip(path("images.gz"), twoImages());
        writeGzip(path("labels.gz"), labels({7, 3}));
        checkTwoImages(readIdxPair(path("images.gz"), path("labels.gz")));
    }

    void missingFileIsNamed() {
        ms::test::writeBytes(path("labels"), labels({7, 3}));
        expectError([&] { readIdxPair(path("nope"), path("labels")); }, path("nope"),
                    "file not found");
    }

    void badMagicIsNamed() {
        ms::test::writeBytes(path("images"), twoImages());
        ms::test::writeBytes(path("labels"), labels({7, 3}));
        // Labels passed as images and the other way round.
        expectError([&] { readIdxPair(path("labels"), path("images")); }, path("labels"),
                    "magic 0x00000801, expected 0x00000803 (this is an IDX label file)");
        std::vector<uint8_t> garbage = twoImages();
        garbage[2] = 0x42;
        ms::test::writeBytes(path("garbage"), garbage);
        expectError([&] { readIdxPair(path("garbage"), path("labels")); }, path("garbage"),
                    "not an IDX image file");
    }

    void truncatedDataIsNamed() {
        std::vector<uint8_t> images = twoImages();
        images.resize(images.size() - 1);
        ms::test::writeBytes(path("images"), images);
        ms::test::writeBytes(path("labels"), labels({7, 3}));
        expectError([&] { readIdxPair(path("images"), path("labels")); }, path("images"),
                    "truncated pixel data: expected 12 bytes, found 11");
        writeGzip(path("images.gz"), images);
        expectError([&] { readIdxPair(path("images.gz"), path("labels")); }, path("images.gz"),
                    "truncated pixel data");
        ms::test::writeBytes(path("short"), {0, 0, 8});
        expectError([&] { readIdxPair(path("short"), path("labels")); }, path("short"),
                    "truncated header");
    }

    void truncatedGzipStreamIsAnError() {
        writeGzip(path("images.gz"), twoImages());
        std::vector<uint8_t> bytes = ms::test::readBytes(path("images.gz"));
        bytes.resize(bytes.size() - 12);  // cut into the deflate stream and its trailer
        ms::test::writeBytes(path("cut.gz"), bytes);
        ms::test::writeBytes(path("labels"), labels({7, 3}));
        try {
            readIdxPair(path("cut.gz"), path("labels"));
            QFAIL("expected ms::Error");
        } catch (const ms::Error& e) {
            QVERIFY2(QString(e.what()).startsWith(QString::fromStdString(path("cut.gz"))),
                     e.what());
        }
    }

    void countMismatchNamesBothFiles() {
        ms::test::writeBytes(path("images"), twoImages());
        ms::test::writeBytes(path("labels"), labels({7, 3, 1}));
        expectError([&] { readIdxPair(path("images"), path("labels")); }, path("labels"),
                    "has 3 labels but " + QString::fromStdString(path("images")) + " has 2 images");
    }

    void zeroDimensionsAreRejected() {
        std::vector<uint8_t> bytes;
        putBigEndian32(bytes, 0x00000803);
        putBigEndian32(bytes, 1);
        putBigEndian32(bytes, 0);
        putBigEndian32(bytes, 5);
        ms::test::writeBytes(path("flat"), bytes);
        ms::test::writeBytes(path("labels"), labels({1}));
        expectError([&] { readIdxPair(path("flat"), path("labels")); }, path("flat"),
                    "bad image size 0x5");
    }

    void padToSizeCentresExactly() {
        ms::test::writeBytes(path("images"), twoImages());
        ms::test::writeBytes(path("labels"), labels({7, 3}));
        const ImageBatch padded = padToSize(readIdxPair(path("images"), path("labels")), 6);
        QCOMPARE(padded.height, 6);
        QCOMPARE(padded.width, 6);
        QCOMPARE(padded.labels, (std::vector<int64_t>{7, 3}));
        // 2x3 in 6x6: 2 rows above, 1 column left (odd extra goes right).
        auto at = [&](int64_t i, int y, int x, int c) {
            return int(padded.image(i)[(y * 6 + x) * 3 + c]);
        };
        QCOMPARE(at(0, 2, 1, 0), 1);
        QCOMPARE(at(0, 2, 3, 2), 3);
        QCOMPARE(at(0, 3, 1, 1), 4);
        QCOMPARE(at(1, 3, 3, 0), 16);
        QCOMPARE(at(0, 1, 1, 0), 0);
        QCOMPARE(at(0, 2, 0, 0), 0);
        QCOMPARE(at(0, 2, 4, 0), 0);
        QCOMPARE(at(1, 5, 5, 2), 0);
        int sum = 0;
        for (uint8_t v : padded.pixels) sum += v;
        QCOMPARE(sum, 3 * (21 + 81));
        QVERIFY_THROWS_EXCEPTION(ms::Error, padToSize(padded, 5));
    }

    void stratifiedSubsetKeepsClassShares() {
        // 60 of class 0, 30 of class 1, 10 of class 2.
        std::vector<int64_t> all;
        for (int i = 0; i < 100; ++i) all.push_back(i % 10 < 6 ? 0 : i % 10 < 9 ? 1 : 2);
        const ImageBatch batch = labelledBatch(all);
        const ImageBatch subset = stratifiedSubset(batch, 20, 5);
        QCOMPARE(subset.count(), int64_t(20));
        int counts[3] = {0, 0, 0};
        for (int64_t label : subset.labels) ++counts[label];
        QCOMPARE(counts[0], 12);
        QCOMPARE(counts[1], 6);
        QCOMPARE(counts[2], 2);
        // Pixels travel with their labels, no image twice, batch order kept.
        int previous = -1;
        for (int64_t i = 0; i < subset.count(); ++i) {
            const int original = subset.image(i)[0];
            QCOMPARE(subset.labels[size_t(i)], all[size_t(original)]);
            QVERIFY(original > previous);
            previous = original;
        }
    }

    void stratifiedSubsetRoundsByLargestRemainder() {
        const ImageBatch batch = labelledBatch({0, 0, 1, 1, 2, 2});
        // 4 of 6: each class's exact share is 4/3; the extra image goes to the lowest label.
        const ImageBatch subset = stratifiedSubset(batch, 4, 1);
        int counts[3] = {0, 0, 0};
        for (int64_t label : subset.labels) ++counts[label];
        QCOMPARE(counts[0], 2);
        QCOMPARE(counts[1], 1);
        QCOMPARE(counts[2], 1);
    }

    void stratifiedSubsetIsDeterministic() {
        std::vector<int64_t> all;
        for (int i = 0; i < 200; ++i) all.push_back(i % 4);
        const ImageBatch batch = labelledBatch(all);
        QCOMPARE(stratifiedSubset(batch, 40, 9).pixels, stratifiedSubset(batch, 40, 9).pixels);
        QVERIFY(stratifiedSubset(batch, 40, 9).pixels != stratifiedSubset(batch, 40, 10).pixels);
        QCOMPARE(stratifiedSubset(batch, 500, 9).count(), int64_t(200));
        QCOMPARE(stratifiedSubset(batch, 0, 9).count(), int64_t(0));
        QVERIFY_THROWS_EXCEPTION(ms::Error, stratifiedSubset(batch, -1, 9));
    }

private:
    std::string path(const char* name) const { return dir_.filePath(name).toStdString(); }

    static void checkTwoImages(const ImageBatch& batch) {
        QCOMPARE(batch.count(), int64_t(2));
        QCOMPARE(batch.height, 2);
        QCOMPARE(batch.width, 3);
        QCOMPARE(batch.labels, (std::vector<int64_t>{7, 3}));
        QCOMPARE(int(batch.pixels.size()), 2 * 2 * 3 * 3);
        // Gray replicated to RGB, row-major.
        QCOMPARE(int(batch.image(0)[0]), 1);
        QCOMPARE(int(batch.image(0)[1]), 1);
        QCOMPARE(int(batch.image(0)[2]), 1);
        QCOMPARE(int(batch.image(0)[3 * 3 + 2]), 4);
        QCOMPARE(int(batch.image(1)[5 * 3]), 16);
    }

    QTemporaryDir dir_;
};

QTEST_APPLESS_MAIN(TestIdxReader)
#include "test_idx_reader.moc"
