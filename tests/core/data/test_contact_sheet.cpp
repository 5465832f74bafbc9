// Contact sheets: layout arithmetic, pixel placement, and the PNG writer's colour order.
#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/imgcodecs.hpp>

#include "core/data/contact_sheet.h"
#include "core/util/error.h"

using namespace ms::data;

namespace {

// `count` 2x2 images; image i is filled with RGB (i, 10 + i, 20 + i); labels i % 3.
ImageBatch smallBatch(int count) {
    ImageBatch batch;
    batch.height = batch.width = 2;
    for (int i = 0; i < count; ++i) {
        batch.labels.push_back(i % 3);
        for (int p = 0; p < 4; ++p)
            for (int c = 0; c < 3; ++c) batch.pixels.push_back(uint8_t(i + 10 * c));
    }
    return batch;
}

cv::Vec3b rgbAt(const cv::Mat& sheet, int x, int y) { return sheet.at<cv::Vec3b>(y, x); }

}  // namespace

class TestContactSheet : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void gridDimensions() {
        // 5 images in 3 columns at scale 4: 2 rows of 8-px cells with 2-px gaps.
        const cv::Mat sheet = contactSheet(smallBatch(5), 3, 4, 0);
        QCOMPARE(sheet.type(), CV_8UC3);
        QCOMPARE(sheet.cols, 3 * 8 + 2 * kContactSheetGap);
        QCOMPARE(sheet.rows, 2 * 8 + 1 * kContactSheetGap);
        QCOMPARE(contactSheet(smallBatch(5), 3, 4, 2).rows, 8);  // maxImages = 2: one row
        QVERIFY(contactSheet(smallBatch(0), 3, 4, 0).empty());
    }

    void pixelsLandInTheirCells() {
        const cv::Mat sheet = contactSheet(smallBatch(5), 3, 4, 0);
        const int pitch = 8 + kContactSheetGap;
        QCOMPARE(rgbAt(sheet, 0, 0), cv::Vec3b(0, 10, 20));
        QCOMPARE(rgbAt(sheet, 7, 7), cv::Vec3b(0, 10, 20));
        QCOMPARE(rgbAt(sheet, 2 * pitch + 3, 5), cv::Vec3b(2, 12, 22));
        QCOMPARE(rgbAt(sheet, 1 * pitch, pitch + 7), cv::Vec3b(4, 14, 24));
        QCOMPARE(rgbAt(sheet, 8, 0), cv::Vec3b(255, 255, 255));              // gap
        QCOMPARE(rgbAt(sheet, 2 * pitch, pitch), cv::Vec3b(255, 255, 255));  // unused cell
    }

    void byClassPutsOneClassPerRow() {
        const cv::Mat sheet = contactSheetByClass(smallBatch(7), 3, 2, 1);
        const int pitch = 2 + kContactSheetGap;
        QCOMPARE(sheet.cols, 2 * 2 + kContactSheetGap);
        QCOMPARE(sheet.rows, 3 * 2 + 2 * kContactSheetGap);
        QCOMPARE(rgbAt(sheet, 0, 0), cv::Vec3b(0, 10, 20));  // class 0: images 0, 3
        QCOMPARE(rgbAt(sheet, pitch, 0), cv::Vec3b(3, 13, 23));
        QCOMPARE(rgbAt(sheet, pitch, 2 * pitch), cv::Vec3b(5, 15, 25));  // class 2: images 2, 5
    }

    void rejectsBadLayout() {
        QVERIFY_THROWS_EXCEPTION(ms::Error, contactSheet(smallBatch(3), 0, 1, 0));
        QVERIFY_THROWS_EXCEPTION(ms::Error, contactSheet(smallBatch(3), 2, 0, 0));
    }

    void writePngKeepsRgbOrder() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath("sheet.png").toStdString();
        const cv::Mat sheet = contactSheet(smallBatch(2), 2, 1, 0);
        writePng(sheet, path);
        const cv::Mat bgr = cv::imread(path, cv::IMREAD_COLOR);
        QCOMPARE(bgr.size(), sheet.size());
        QCOMPARE(bgr.at<cv::Vec3b>(0, 0), cv::Vec3b(20, 10, 0));  // stored as BGR on disk
    }

    void writePngNamesThePathOnFailure() {
        const std::string path = "/nonexistent-dir/sheet.png";
        try {
            writePng(contactSheet(smallBatch(1), 1, 1, 0), path);
            QFAIL("expected ms::Error");
        } catch (const ms::Error& e) {
            QVERIFY2(QString(e.what()).startsWith(QString::fromStdString(path) + ": "), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(ms::Error, writePng(cv::Mat(), "/tmp/x.png"));
    }
};

QTEST_APPLESS_MAIN(TestContactSheet)
#include "test_contact_sheet.moc"
