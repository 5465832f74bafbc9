// CLIP preprocessing of images whose result can be written down: channel order, centre crop,
// scaling, per-channel normalisation and per-image standardisation.
#include <torch/torch.h>

#include <QtTest>

#include <opencv2/imgcodecs.hpp>

#include "core/model/preprocess.h"

using namespace ms::model;

class TestPreprocess : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void centreCropAndNormalise() {
        // 2 rows × 4 columns, RGB; the crop keeps columns 1 and 2.
        cv::Mat rgb(2, 4, CV_8UC3);
        for (int r = 0; r < 2; ++r)
            for (int c = 0; c < 4; ++c) rgb.at<cv::Vec3b>(r, c) = cv::Vec3b(uchar(10 * c), uchar(100 + r), 255);
        PreprocessConfig config = PreprocessConfig::clipDefaults(2);
        const auto x = preprocessImage(rgb, config);
        QCOMPARE(x.sizes().vec(), (std::vector<int64_t>{3, 2, 2}));
        const double mean[3] = {0.48145466, 0.4578275, 0.40821073};
        const double stdev[3] = {0.26862954, 0.26130258, 0.27577711};
        // red channel: columns 1,2 → 10 and 20
        QVERIFY(std::abs(x[0][0][0].item<double>() - (10 / 255.0 - mean[0]) / stdev[0]) < 1e-5);
        QVERIFY(std::abs(x[0][1][1].item<double>() - (20 / 255.0 - mean[0]) / stdev[0]) < 1e-5);
        // green channel: row 1 → 101
        QVERIFY(std::abs(x[1][1][0].item<double>() - (101 / 255.0 - mean[1]) / stdev[1]) < 1e-5);
        // blue channel: 255 everywhere
        QVERIFY(std::abs(x[2][0][1].item<double>() - (1.0 - mean[2]) / stdev[2]) < 1e-5);
    }

    void shortSideResizeKeepsAUniformImageUniform() {
        cv::Mat rgb(40, 80, CV_8UC3, cv::Scalar(200, 100, 50));
        PreprocessConfig config = PreprocessConfig::clipDefaults(8);
        const auto x = preprocessImage(rgb, config);
        QCOMPARE(x.sizes().vec(), (std::vector<int64_t>{3, 8, 8}));
        QVERIFY(std::abs(x[0].mean().item<double>() - (200 / 255.0 - 0.48145466) / 0.26862954) < 1e-4);
        QVERIFY(x[2].max().item<double>() - x[2].min().item<double>() < 1e-5);
    }

    void perImageStandardisation() {
        cv::Mat rgb(2, 2, CV_8UC3, cv::Scalar(0, 0, 0));
        rgb.at<cv::Vec3b>(0, 0) = cv::Vec3b(255, 255, 255);
        rgb.at<cv::Vec3b>(1, 1) = cv::Vec3b(255, 255, 255);
        PreprocessConfig config = PreprocessConfig::clipDefaults(2);
        config.perImageStandardize = true;
        const auto x = preprocessImage(rgb, config);  // half 0, half 1: mean 0.5, std 0.5
        QVERIFY(std::abs(x[0][0][0].item<double>() - 1.0) < 1e-5);
        QVERIFY(std::abs(x[1][0][1].item<double>() + 1.0) < 1e-5);
        QVERIFY(std::abs(x.mean().item<double>()) < 1e-6);
    }

    void constantImageDoesNotDivideByZero() {
        cv::Mat rgb(2, 2, CV_8UC3, cv::Scalar(7, 7, 7));
        PreprocessConfig config = PreprocessConfig::clipDefaults(2);
        config.perImageStandardize = true;
        const auto x = preprocessImage(rgb, config);
        QVERIFY(torch::isfinite(x).all().item<bool>());
        QCOMPARE(x.abs().max().item<double>(), 0.0);
    }

    void batchPathEqualsSingleImagePath() {
        ms::data::ImageBatch batch;
        batch.height = batch.width = 4;
        batch.labels = {0, 1, 2};
        batch.pixels.resize(3 * 4 * 4 * 3);
        for (size_t i = 0; i < batch.pixels.size(); ++i) batch.pixels[i] = uint8_t((i * 37) % 251);
        const PreprocessConfig config = PreprocessConfig::clipDefaults(4);
        const auto all = preprocessBatch(batch, {2, 0}, config);
        const cv::Mat second(4, 4, CV_8UC3, batch.image(2));
        QVERIFY(torch::allclose(all[0], preprocessImage(second, config)));
        QCOMPARE(all.size(0), int64_t(2));
    }

    void imageFileGrayIsReplicatedAndBgrIsSwapped() {
        QTemporaryDir dir;
        const std::string gray = (dir.path() + "/g.png").toStdString();
        const std::string colour = (dir.path() + "/c.png").toStdString();
        cv::imwrite(gray, cv::Mat(3, 3, CV_8UC1, cv::Scalar(128)));
        cv::imwrite(colour, cv::Mat(3, 3, CV_8UC3, cv::Scalar(255, 0, 0)));  // BGR: pure blue
        PreprocessConfig config = PreprocessConfig::clipDefaults(3);
        config.mean = {0, 0, 0};
        config.std = {1, 1, 1};
        const auto g = preprocessImageFile(gray, config);
        QVERIFY(std::abs(g[0][1][1].item<double>() - 128 / 255.0) < 1e-6);
        QVERIFY(torch::equal(g[0], g[2]));
        const auto c = preprocessImageFile(colour, config);
        QCOMPARE(c[0].max().item<double>(), 0.0);   // red
        QCOMPARE(c[2].min().item<double>(), 1.0);   // blue
    }
};

QTEST_APPLESS_MAIN(TestPreprocess)
#include "test_preprocess.moc"
