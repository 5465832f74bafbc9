// Image folders, shards and task data: small PNGs written with OpenCV into class folders, exact
// labels and pixel values, and one test per kind of bad input, each expecting an ms::Error whose
// message names the offending file or folder and says what is wrong.
#include <QtTest>

#include "support/error_assertions.h"

#include "core/data/image_folder.h"
#include "core/data/shard.h"
#include "core/data/task_data.h"
#include "core/io/safetensors.h"
#include "core/util/error.h"
#include "support/test_support.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

namespace fs = std::filesystem;
using ms::data::ImageBatch;

using ms::test::contains;
using ms::test::errorOf;

namespace {



// Raw bytes, creating the folder first.
void writeFile(const std::string& path, const std::vector<uint8_t>& bytes) {
    fs::create_directories(fs::path(path).parent_path());
    ms::test::writeBytes(path, bytes);
}

void writePng(const std::string& path, const cv::Mat& image) {
    fs::create_directories(fs::path(path).parent_path());
    if (!cv::imwrite(path, image)) throw std::runtime_error("cannot write " + path);
}

// A uniform 8-bit BGR image, as cv::imwrite expects.
cv::Mat uniformBgr(int rows, int cols, uint8_t b, uint8_t g, uint8_t r) {
    return cv::Mat(rows, cols, CV_8UC3, cv::Scalar(b, g, r));
}

// Distinct pixel values: B = 3·row, G = 5·col, R = row + col.
cv::Mat gradientBgr(int rows, int cols) {
    cv::Mat image(rows, cols, CV_8UC3);
    for (int y = 0; y < rows; ++y)
        for (int x = 0; x < cols; ++x) image.at<cv::Vec3b>(y, x) = cv::Vec3b(uint8_t(3 * y), uint8_t(5 * x), uint8_t(y + x));
    return image;
}

// Pixel (row, col) of image i of a batch, as {R, G, B}.
std::vector<int> rgbAt(const ImageBatch& batch, int64_t i, int row, int col) {
    const uint8_t* p = batch.image(i) + (int64_t(row) * batch.width + col) * 3;
    return {p[0], p[1], p[2]};
}

}  // namespace


class ImageFolderTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;

    std::string at(const std::string& relative) const {
        return (fs::path(dir_.path().toStdString()) / relative).lexically_normal().string();
    }

    // <name>/{ant,cat,dog}: ant holds two images, cat and dog one each, plus hidden entries.
    std::string makeGoodFolder(const std::string& name) const {
        const std::string root = at(name);
        writePng(root + "/cat/x.png", uniformBgr(12, 16, 10, 20, 200));
        writePng(root + "/ant/b.png", gradientBgr(8, 8));
        writePng(root + "/ant/a.png", gradientBgr(8, 12));
        writePng(root + "/dog/only.png", uniformBgr(8, 8, 0, 0, 0));
        writeFile(root + "/dog/.DS_Store", {1, 2, 3});          // hidden file: skipped
        writeFile(root + "/.cache/notes.txt", {'h', 'i'});      // hidden folder: skipped
        return root;
    }

    std::string writeTinyShard(const std::string& name, int size, const std::vector<int64_t>& labels,
                               const std::vector<std::string>& classNames) const {
        ImageBatch batch;
        batch.height = size;
        batch.width = size;
        batch.labels = labels;
        batch.pixels.resize(size_t(batch.count() * batch.imageBytes()));
        for (size_t i = 0; i < batch.pixels.size(); ++i) batch.pixels[i] = uint8_t(i * 7 % 251);
        const std::string path = at(name);
        ms::data::writeShard(path, batch, classNames);
        return path;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void scansClassesSortedWithLabels() {
        const std::string root = makeGoodFolder("good");
        const auto folder = ms::data::scanImageFolder(root);
        QCOMPARE(folder.root, root);
        QCOMPARE(folder.classNames, (std::vector<std::string>{"ant", "cat", "dog"}));
        QCOMPARE(folder.files, (std::vector<std::string>{root + "/ant/a.png", root + "/ant/b.png", root + "/cat/x.png",
                                                         root + "/dog/only.png"}));
        QCOMPARE(folder.labels, (std::vector<int64_t>{0, 0, 1, 2}));
        // The expected classes, when given, must match exactly.
        QCOMPARE(ms::data::scanImageFolder(root, {"ant", "cat", "dog"}).files.size(), size_t(4));
    }

    void loadsResizedAndCroppedRgbPixels() {
        const std::string root = makeGoodFolder("pixels");
        std::vector<std::pair<int64_t, int64_t>> calls;
        const ImageBatch batch = ms::data::loadImageFolder(
            ms::data::scanImageFolder(root), 8, [&](int64_t done, int64_t total) { calls.emplace_back(done, total); });
        QCOMPARE(batch.height, 8);
        QCOMPARE(batch.width, 8);
        QCOMPARE(batch.count(), int64_t(4));
        QCOMPARE(batch.pixels.size(), size_t(4 * 8 * 8 * 3));
        QCOMPARE(batch.labels, (std::vector<int64_t>{0, 0, 1, 2}));
        QCOMPARE(calls.back(), (std::pair<int64_t, int64_t>(4, 4)));

        // ant/a.png is 8×12: the short side is already 8, so only the centre crop (columns 2..9) applies.
        for (int y : {0, 3, 7})
            for (int x : {0, 5, 7}) QCOMPARE(rgbAt(batch, 0, y, x), (std::vector<int>{y + x + 2, 5 * (x + 2), 3 * y}));
        // ant/b.png is 8×8: untouched, in RGB order.
        QCOMPARE(rgbAt(batch, 1, 6, 4), (std::vector<int>{10, 20, 18}));
        // cat/x.png is a uniform 12×16 BGR (10, 20, 200): resized, cropped, still uniform, now RGB.
        for (int y = 0; y < 8; ++y)
            for (int x = 0; x < 8; ++x) QCOMPARE(rgbAt(batch, 2, y, x), (std::vector<int>{200, 20, 10}));
        QCOMPARE(rgbAt(batch, 3, 7, 7), (std::vector<int>{0, 0, 0}));
    }

    void loadsGrayscaleRgbaAndSixteenBitPngsAsRgb() {
        const std::string root = at("channels");
        writePng(root + "/gray/g.png", cv::Mat(5, 5, CV_8UC1, cv::Scalar(77)));
        writePng(root + "/rgba/a.png", cv::Mat(5, 5, CV_8UC4, cv::Scalar(1, 2, 3, 128)));  // BGRA
        writePng(root + "/wide/w.png", cv::Mat(5, 5, CV_16UC3, cv::Scalar(257 * 9, 257 * 99, 257 * 199)));
        const ImageBatch batch = ms::data::loadImageFolder(ms::data::scanImageFolder(root), 5);
        QCOMPARE(batch.labels, (std::vector<int64_t>{0, 1, 2}));
        QCOMPARE(rgbAt(batch, 0, 2, 2), (std::vector<int>{77, 77, 77}));
        QCOMPARE(rgbAt(batch, 1, 4, 0), (std::vector<int>{3, 2, 1}));  // alpha dropped, not blended
        QCOMPARE(rgbAt(batch, 2, 0, 4), (std::vector<int>{199, 99, 9}));
    }

    void rejectsANonImageFileInAClassFolder() {
        const std::string root = makeGoodFolder("with_notes");
        writeFile(root + "/cat/notes.txt", {'h', 'i'});
        VERIFY_ERROR(ms::data::scanImageFolder(root), root + "/cat/notes.txt",
                     "is not an image file (class folders may hold only images)");
    }

    void rejectsAnEmptyClassFolder() {
        const std::string root = makeGoodFolder("with_empty");
        fs::create_directories(root + "/eel");
        VERIFY_ERROR(ms::data::scanImageFolder(root), root + "/eel", "class folder holds no images");
    }

    void rejectsAClassFolderHoldingOnlyHiddenFiles() {
        const std::string root = makeGoodFolder("only_hidden");
        writeFile((fs::path(root) / "eel" / ".keep").string(), {});
        VERIFY_ERROR(ms::data::scanImageFolder(root), root + "/eel", "class folder holds no images");
    }

    void rejectsAMissingRoot() {
        const std::string root = at("no/such/place");
        VERIFY_ERROR(ms::data::scanImageFolder(root), root, "no such folder");
    }

    void rejectsARootThatIsAFile() {
        const std::string file = at("plain_file.png");
        writePng(file, uniformBgr(4, 4, 1, 2, 3));
        VERIFY_ERROR(ms::data::scanImageFolder(file), file, "is not a folder (expected one sub-folder per class)");
    }

    void rejectsARootWithoutClassFolders() {
        const std::string root = at("flat");
        writePng(root + "/loose.png", uniformBgr(4, 4, 1, 2, 3));
        VERIFY_ERROR(ms::data::scanImageFolder(root), root, "holds no class sub-folders");
    }

    void rejectsACorruptPngWhenLoading() {
        const std::string root = makeGoodFolder("corrupt");
        std::vector<uint8_t> noise(300);
        for (size_t i = 0; i < noise.size(); ++i) noise[i] = uint8_t((i * 97 + 13) % 256);
        writeFile(root + "/cat/broken.png", noise);
        const auto folder = ms::data::scanImageFolder(root);  // scanning decodes nothing
        QCOMPARE(folder.files.size(), size_t(5));
        VERIFY_ERROR(ms::data::loadImageFolder(folder, 8), root + "/cat/broken.png", "not a readable image");
    }

    void findsEveryUnreadableImageByPath() {
        const std::string root = makeGoodFolder("check");
        QCOMPARE(ms::data::findUnreadableImages(ms::data::scanImageFolder(root)), std::vector<std::string>{});
        std::vector<uint8_t> noise(300);
        for (size_t i = 0; i < noise.size(); ++i) noise[i] = uint8_t((i * 97 + 13) % 256);
        writeFile(root + "/cat/broken.png", noise);
        auto truncated = ms::test::readBytes(root + "/ant/b.png");
        truncated.resize(truncated.size() / 2);
        writeFile(root + "/ant/c.png", truncated);
        int64_t calls = 0, lastDone = 0;
        const auto problems = ms::data::findUnreadableImages(ms::data::scanImageFolder(root), [&](int64_t done, int64_t total) {
            ++calls;
            lastDone = done;
            QCOMPARE(total, int64_t(6));
        });
        QCOMPARE(problems.size(), size_t(2));
        QVERIFY2(problems[0].rfind(root + "/ant/c.png: not a readable image", 0) == 0, problems[0].c_str());
        QVERIFY2(problems[1].rfind(root + "/cat/broken.png: not a readable image", 0) == 0, problems[1].c_str());
        QCOMPARE(calls, int64_t(1));
        QCOMPARE(lastDone, int64_t(6));
    }

    void rejectsClassNamesThatDifferFromTheTask() {
        const std::string root = makeGoodFolder("mismatch");
        VERIFY_ERROR(ms::data::scanImageFolder(root, {"ant", "cat", "eel"}), root,
                     "class folders [ant, cat, dog] do not match the task's classes [ant, cat, eel]");
    }

    // ---- shards ------------------------------------------------------------------------------

    void shardRoundTrips() {
        const std::string path = writeTinyShard("round.safetensors", 4, {2, 0, 1}, {"a", "b", "c"});
        std::vector<std::string> names;
        const ImageBatch batch = ms::data::readShard(path, &names);
        QCOMPARE(names, (std::vector<std::string>{"a", "b", "c"}));
        QCOMPARE(batch.height, 4);
        QCOMPARE(batch.width, 4);
        QCOMPARE(batch.labels, (std::vector<int64_t>{2, 0, 1}));
        QCOMPARE(batch.pixels.size(), size_t(3 * 4 * 4 * 3));
        for (size_t i = 0; i < batch.pixels.size(); ++i) QCOMPARE(int(batch.pixels[i]), int(i * 7 % 251));
        const auto file = ms::io::SafetensorsFile::open(path);
        QCOMPARE(file->metadata().at("format"), std::string("mergescope-shard-1"));
    }

    void readShardRejectsEmptyOrAbsurdImageSizes() {
        // With no images the data range is empty whatever the height claims.
        const std::string empty = at("empty.safetensors");
        ms::io::writeSafetensors(empty, {{"images", ms::io::DType::U8, {0, int64_t(1) << 40, 1, 3}, nullptr, 0},
                                         {"labels", ms::io::DType::I64, {0}, nullptr, 0}});
        VERIFY_ERROR(ms::data::readShard(empty), empty,
                     "'images' [0, 1099511627776, 1, 3] must hold at least one image of 1 to 65536 pixels a side");
    }

    void readShardRejectsImagesOfTheWrongDType() {
        const std::vector<float> images(2 * 2 * 2 * 3, 0.5f);
        const std::vector<int64_t> labels{0, 1};
        const std::string path = at("f32_images.safetensors");
        ms::io::writeSafetensors(path, {{"images", ms::io::DType::F32, {2, 2, 2, 3}, images.data(), 96},
                                        {"labels", ms::io::DType::I64, {2}, labels.data(), 16}});
        VERIFY_ERROR(ms::data::readShard(path), path, "'images' must be U8 [N, H, W, 3], found F32 [2, 2, 2, 3]");
    }

    void readShardRejectsLabelsOfTheWrongDTypeOrCount() {
        const std::vector<uint8_t> images(2 * 2 * 2 * 3, 9);
        const std::vector<int32_t> labels{0, 1};
        const std::string path = at("i32_labels.safetensors");
        ms::io::writeSafetensors(path, {{"images", ms::io::DType::U8, {2, 2, 2, 3}, images.data(), 24},
                                        {"labels", ms::io::DType::I32, {2}, labels.data(), 8}});
        VERIFY_ERROR(ms::data::readShard(path), path, "'labels' must be I64 [N] with N = 2, found I32 [2]");
    }

    void readShardRejectsAMissingTensor() {
        const std::vector<int64_t> labels{0, 1};
        const std::string path = at("no_images.safetensors");
        ms::io::writeSafetensors(path, {{"labels", ms::io::DType::I64, {2}, labels.data(), 16}});
        VERIFY_ERROR(ms::data::readShard(path), path, "missing tensor 'images'");
    }

    void readShardRejectsLabelsOutOfRange_data() {
        QTest::addColumn<qlonglong>("label");
        QTest::newRow("too large") << qlonglong(3);
        QTest::newRow("negative") << qlonglong(-1);
    }

    void readShardRejectsLabelsOutOfRange() {
        QFETCH(qlonglong, label);
        const std::string path = writeTinyShard("label_" + std::to_string(label) + ".safetensors", 2,
                                                {0, int64_t(label), 1}, {"a", "b", "c"});
        VERIFY_ERROR(ms::data::readShard(path), path,
                     "label " + std::to_string(label) + " is not a valid class index (3 classes)");
    }

    // ---- task data ---------------------------------------------------------------------------

    void loadTaskImagesReadsShardsAndFolders() {
        std::vector<std::string> names;
        const ImageBatch shard = ms::data::loadTaskImages(writeTinyShard("task.safetensors", 6, {1, 0}, {"x", "y"}), 6,
                                                          {"x", "y"}, &names);
        QCOMPARE(shard.count(), int64_t(2));
        QCOMPARE(names, (std::vector<std::string>{"x", "y"}));
        const ImageBatch folder = ms::data::loadTaskImages(makeGoodFolder("task_folder"), 6, {}, &names);
        QCOMPARE(names, (std::vector<std::string>{"ant", "cat", "dog"}));
        QCOMPARE(folder.height, 6);
        QCOMPARE(folder.labels, (std::vector<int64_t>{0, 0, 1, 2}));
        QCOMPARE(rgbAt(folder, 2, 5, 5), (std::vector<int>{200, 20, 10}));
    }

    void loadTaskImagesRejectsAShardOfTheWrongSize() {
        const std::string path = writeTinyShard("small.safetensors", 4, {0, 1}, {"a", "b"});
        VERIFY_ERROR(ms::data::loadTaskImages(path, 8), path, "shard images are 4x4 but the model takes 8x8");
    }

    void loadTaskImagesRejectsOtherClassNames() {
        const std::string path = writeTinyShard("names.safetensors", 4, {0, 1}, {"a", "b"});
        VERIFY_ERROR(ms::data::loadTaskImages(path, 4, {"a", "b", "c"}), path,
                     "the shard's class names differ from the task's (2 vs 3 classes)");
    }

    void loadTaskImagesRejectsLabelsBeyondTheTaskClasses() {
        const std::string path = writeTinyShard("unnamed.safetensors", 4, {0, 2}, {});
        VERIFY_ERROR(ms::data::loadTaskImages(path, 4, {"a", "b"}), path, "label 2 is out of range for 2 classes");
    }
};

QTEST_APPLESS_MAIN(ImageFolderTest)
#include "test_image_folder.moc"
