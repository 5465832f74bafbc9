// The ImageNet-C style corruptions: ids, errors, determinism across seeds and thread counts,
// strength growing with severity, and each corruption's own signature measured in numbers
// (contrast shrinks the deviation by its factor, impulse noise hits its fraction of values, ...).
#include <QtTest>

#include <cmath>
#include <set>

#include <opencv2/core.hpp>

#include "core/data/corruptions.h"
#include "core/data/synth/rng.h"
#include "support/error_assertions.h"

using namespace ms::data;

namespace {

// Broad and fine waves, hard-edged rectangles and a little pixel noise, all inside 20..235 so
// that salt, pepper and clipping show as changes: every corruption has something to act on.
ImageBatch texturedBatch(int size, int64_t count = 1) {
    ImageBatch batch;
    batch.height = batch.width = size;
    batch.pixels.resize(size_t(count * 3 * size * size));
    Rng rng(7);
    for (int64_t i = 0; i < count; ++i) {
        batch.labels.push_back(3 * i + 1);
        uint8_t* p = batch.image(i);
        for (int y = 0; y < size; ++y)
            for (int x = 0; x < size; ++x)
                for (int c = 0; c < 3; ++c) {
                    const double u = double(x) / size, v = double(y) / size;
                    double value = 128 + 40 * std::sin(9 * u + 2 * c + i) * std::cos(7 * v) +
                                   20 * std::sin(40 * u + 31 * v + c);
                    if ((u > 0.2 && u < 0.5 && v > 0.3 && v < 0.8) || (u > 0.6 && v < 0.4)) value += 40 - 25 * c;
                    value += rng.uniform(-6, 6);
                    *p++ = uint8_t(std::clamp(std::lround(value), 20L, 235L));
                }
    }
    return batch;
}

cv::Mat view(const ImageBatch& batch, int64_t i = 0) {
    return cv::Mat(batch.height, batch.width, CV_8UC3, const_cast<uint8_t*>(batch.image(i)));
}

double meanAbsDiff(const ImageBatch& a, const ImageBatch& b) {
    return cv::norm(view(a), view(b), cv::NORM_L1) / double(a.imageBytes());
}

void addCorruptionRows() {
    QTest::addColumn<QString>("id");
    for (Corruption c : allCorruptions())
        QTest::newRow(corruptionId(c).c_str()) << QString::fromStdString(corruptionId(c));
}

Corruption fetchCorruption() {
    QFETCH(QString, id);
    return parseCorruption(id.toStdString());
}

bool isRandom(Corruption c) {
    return c != Corruption::Pixelate && c != Corruption::Contrast && c != Corruption::Jpeg;
}

}  // namespace

class TestCorruptions : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void idsRoundTripAndAreUnique() {
        QCOMPARE(int(allCorruptions().size()), 7);
        std::set<std::string> ids, labels;
        for (Corruption c : allCorruptions()) {
            QCOMPARE(int(parseCorruption(corruptionId(c))), int(c));
            ids.insert(corruptionId(c));
            labels.insert(corruptionLabel(c));
            for (int s = kMinSeverity; s <= kMaxSeverity; ++s) QVERIFY(!corruptionSetting(c, s).empty());
        }
        QCOMPARE(int(ids.size()), 7);
        QCOMPARE(int(labels.size()), 7);
        QCOMPARE(corruptionId(Corruption::GaussianNoise), std::string("gaussian_noise"));
        QCOMPARE(corruptionSetting(Corruption::Jpeg, 3), std::string("quality 45"));
    }

    void unknownIdIsAnErrorListingTheValidOnes() {
        VERIFY_ERROR(parseCorruption("fog"), "fog", "unknown corruption");
        VERIFY_ERROR(parseCorruption("Motion blur"), "Motion blur", "motion_blur, impulse_noise");
        VERIFY_ERROR(parseCorruption(""), "", "jpeg");
    }

    void severityOutsideOneToFiveIsAnError() {
        ImageBatch batch = texturedBatch(8);
        for (int bad : {0, 6, -1}) {
            const std::string phrase = "severity " + std::to_string(bad) + " outside 1..5";
            VERIFY_ERROR(corruptImage(batch.image(0), 8, 8, Corruption::Contrast, bad, 1), "contrast", phrase);
            VERIFY_ERROR(corruptBatch(batch, Corruption::Jpeg, bad, 1), "jpeg", phrase);
            VERIFY_ERROR(corruptionSetting(Corruption::Pixelate, bad), "pixelate", phrase);
        }
        VERIFY_ERROR(corruptImage(batch.image(0), 0, 8, Corruption::Spatter, 1, 1), "spatter", "has no pixels");
        batch.pixels.pop_back();
        VERIFY_ERROR(corruptBatch(batch, Corruption::GaussianNoise, 1, 1), "gaussian_noise",
                     "191 bytes, expected 192");
    }

    void shapesAndLabelsPreserved_data() { addCorruptionRows(); }
    void shapesAndLabelsPreserved() {
        const Corruption c = fetchCorruption();
        for (int size : {1, 5, 32, 224}) {
            const ImageBatch clean = texturedBatch(size, 3);
            const ImageBatch out = corruptBatch(clean, c, 5, 11);
            QVERIFY(out.height == size && out.width == size);
            QCOMPARE(out.labels, clean.labels);
            QCOMPARE(out.pixels.size(), clean.pixels.size());
        }
        // Not square either: rows and columns must not be swapped anywhere.
        std::vector<uint8_t> wide(3 * 20 * 48, 90);
        for (size_t k = 0; k < wide.size(); k += 7) wide[k] = 200;
        const std::vector<uint8_t> before = wide;
        corruptImage(wide.data(), 20, 48, c, 4, 3);
        QVERIFY(wide != before);
    }

    void deterministicForASeed_data() { addCorruptionRows(); }
    void deterministicForASeed() {
        const Corruption c = fetchCorruption();
        const ImageBatch clean = texturedBatch(32, 4);
        const ImageBatch a = corruptBatch(clean, c, 3, 42);
        QCOMPARE(corruptBatch(clean, c, 3, 42).pixels, a.pixels);
        QVERIFY(a.pixels != clean.pixels);
        // Random corruptions draw anew for another seed and for each image of a batch; the
        // others are plain functions of the image.
        const ImageBatch b = corruptBatch(clean, c, 3, 43);
        QCOMPARE(a.pixels != b.pixels, isRandom(c));
        ImageBatch twins = clean;
        std::copy(clean.image(0), clean.image(1), twins.image(1));
        const ImageBatch t = corruptBatch(twins, c, 3, 42);
        QCOMPARE(!std::equal(t.image(0), t.image(1), t.image(1)), isRandom(c));
    }

    void independentOfThreadCount_data() { addCorruptionRows(); }
    void independentOfThreadCount() {
        const Corruption c = fetchCorruption();
        const ImageBatch clean = texturedBatch(32, 7);
        const ImageBatch serial = corruptBatch(clean, c, 4, 5, 1);
        QCOMPARE(corruptBatch(clean, c, 4, 5, 3).pixels, serial.pixels);
        QCOMPARE(corruptBatch(clean, c, 4, 5, 0).pixels, serial.pixels);
        // Image i uses streamSeed(seed, i), as documented.
        std::vector<uint8_t> single(clean.image(5), clean.image(6));
        corruptImage(single.data(), 32, 32, c, 4, Rng::streamSeed(5, 5));
        QVERIFY(std::equal(single.begin(), single.end(), serial.image(5)));
    }

    void strengthGrowsWithSeverity_data() {
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("size");
        for (Corruption c : allCorruptions())
            for (int size : {32, 224})
                QTest::addRow("%s@%d", corruptionId(c).c_str(), size)
                    << QString::fromStdString(corruptionId(c)) << size;
    }
    void strengthGrowsWithSeverity() {
        const Corruption c = fetchCorruption();
        QFETCH(int, size);
        const ImageBatch clean = texturedBatch(size);
        double previous = 0;
        QString trace;
        for (int s = kMinSeverity; s <= kMaxSeverity; ++s) {
            const double mad = meanAbsDiff(clean, corruptBatch(clean, c, s, 9));
            trace += QString(" %1").arg(mad, 0, 'f', 2);
            QVERIFY2(mad > previous, qPrintable("mean |corrupted - clean| per severity:" + trace));
            previous = mad;
        }
        qInfo("%s at %d px, mean |corrupted - clean| per severity:%s", corruptionId(c).c_str(), size,
              qPrintable(trace));
    }

    void contrastShrinksDeviationByItsFactor() {
        const double factors[] = {0.4, 0.3, 0.2, 0.1, 0.05};
        const ImageBatch clean = texturedBatch(224);
        cv::Scalar cleanMean, cleanSd;
        cv::meanStdDev(view(clean), cleanMean, cleanSd);
        for (int s = 1; s <= 5; ++s) {
            const ImageBatch out = corruptBatch(clean, Corruption::Contrast, s, 0);
            cv::Scalar mean, sd;
            cv::meanStdDev(view(out), mean, sd);
            for (int ch = 0; ch < 3; ++ch) {
                // Rounding to bytes adds a uniform error of sd 0.29, visible only at factor 0.05.
                QVERIFY2(std::abs(sd[ch] / cleanSd[ch] - factors[s - 1]) < 0.005 + 0.3 / cleanSd[ch],
                         qPrintable(QString("severity %1 channel %2: sd %3 -> %4").arg(s).arg(ch)
                                        .arg(cleanSd[ch]).arg(sd[ch])));
                QVERIFY(std::abs(mean[ch] - cleanMean[ch]) < 0.5);
            }
        }
    }

    void impulseNoiseHitsItsFractionOfValues() {
        const double amounts[] = {0.03, 0.06, 0.09, 0.17, 0.27};
        const ImageBatch clean = texturedBatch(224);  // no value is 0 or 255 already
        for (int s = 1; s <= 5; ++s) {
            const ImageBatch out = corruptBatch(clean, Corruption::ImpulseNoise, s, 3);
            size_t salt = 0, pepper = 0, other = 0;
            for (size_t k = 0; k < out.pixels.size(); ++k) {
                if (out.pixels[k] == clean.pixels[k]) continue;
                (out.pixels[k] == 255 ? salt : out.pixels[k] == 0 ? pepper : other)++;
            }
            const double n = double(out.pixels.size()), p = amounts[s - 1];
            const double fraction = (salt + pepper) / n, binomialSd = std::sqrt(p * (1 - p) / n);
            QCOMPARE(other, size_t(0));
            QVERIFY2(std::abs(fraction - p) < 5 * binomialSd,
                     qPrintable(QString("severity %1: %2").arg(s).arg(fraction)));
            QVERIFY(std::abs(double(salt) / (salt + pepper) - 0.5) < 0.03);
        }
    }

    void gaussianNoiseHasItsStandardDeviation() {
        const double sigmas[] = {0.08, 0.12, 0.18};  // 128 +- 2.8 sigma at most: clipping negligible
        ImageBatch gray;
        gray.height = gray.width = 224;
        gray.labels = {0};
        gray.pixels.assign(size_t(gray.imageBytes()), 128);
        for (int s = 1; s <= 3; ++s) {
            cv::Mat noise;
            view(corruptBatch(gray, Corruption::GaussianNoise, s, 8)).convertTo(noise, CV_64FC3, 1, -128);
            cv::Scalar mean, sd;
            cv::meanStdDev(noise.reshape(1), mean, sd);
            QVERIFY2(std::abs(sd[0] / (sigmas[s - 1] * 255) - 1) < 0.02, qPrintable(QString::number(sd[0])));
            QVERIFY(std::abs(mean[0]) < 0.5);
        }
    }

    void jpegChangesTheImageButStaysClose() {
        const ImageBatch clean = texturedBatch(224);
        const ImageBatch mild = corruptBatch(clean, Corruption::Jpeg, 1, 0);
        const ImageBatch strong = corruptBatch(clean, Corruption::Jpeg, 5, 0);
        const cv::Mat moved = view(clean) != view(mild);
        QVERIFY(cv::countNonZero(moved.reshape(1)) > 0.5 * double(clean.imageBytes()));  // most values
        const double psnrMild = cv::PSNR(view(clean), view(mild));
        const double psnrStrong = cv::PSNR(view(clean), view(strong));
        qInfo("JPEG PSNR: severity 1 %.1f dB, severity 5 %.1f dB", psnrMild, psnrStrong);
        QVERIFY(psnrMild > 28);
        QVERIFY(psnrStrong > 22 && psnrStrong < psnrMild);
        const cv::Scalar before = cv::mean(view(clean)), after = cv::mean(view(strong));
        for (int ch = 0; ch < 3; ++ch) QVERIFY(std::abs(before[ch] - after[ch]) < 1.5);  // colours not swapped
    }

    void pixelateMakesBlocksOfEqualPixels() {
        // Severity 5 keeps 25%: 32 -> 8 -> 32 and 224 -> 56 -> 224, blocks of 4x4.
        for (int size : {32, 224}) {
            const ImageBatch out = corruptBatch(texturedBatch(size), Corruption::Pixelate, 5, 0);
            const cv::Mat image = view(out);
            int distinctNeighbours = 0;
            for (int y = 0; y < size; ++y)
                for (int x = 0; x < size; ++x) {
                    const cv::Vec3b corner = image.at<cv::Vec3b>(y / 4 * 4, x / 4 * 4);
                    QVERIFY2(image.at<cv::Vec3b>(y, x) == corner, qPrintable(QString("%1,%2").arg(y).arg(x)));
                    if (x % 4 == 0 && x > 0) distinctNeighbours += image.at<cv::Vec3b>(y, x - 1) != corner;
                }
            QVERIFY(distinctNeighbours > size * (size / 4 - 1) * 9 / 10);  // blocks differ from each other
        }
        // Severity 1 keeps 60%: 19 columns of uneven width on 32 px, so 18 changes along a row.
        const cv::Mat image = view(corruptBatch(texturedBatch(32), Corruption::Pixelate, 1, 0));
        int changes = 0;
        for (int x = 1; x < 32; ++x) changes += image.at<cv::Vec3b>(10, x) != image.at<cv::Vec3b>(10, x - 1);
        QCOMPARE(changes, 18);
    }

    void motionBlurSmoothsAndKeepsTheMean() {
        const ImageBatch clean = texturedBatch(224);
        const ImageBatch out = corruptBatch(clean, Corruption::MotionBlur, 3, 4);
        auto roughness = [](const cv::Mat& image) {
            return cv::norm(image.colRange(1, image.cols), image.colRange(0, image.cols - 1), cv::NORM_L1) +
                   cv::norm(image.rowRange(1, image.rows), image.rowRange(0, image.rows - 1), cv::NORM_L1);
        };
        QVERIFY(roughness(view(out)) < 0.5 * roughness(view(clean)));
        const cv::Scalar before = cv::mean(view(clean)), after = cv::mean(view(out));
        for (int ch = 0; ch < 3; ++ch) QVERIFY(std::abs(before[ch] - after[ch]) < 1.5);
    }

    void spatterCoversPartOfTheImageWithDarkDrops() {
        const ImageBatch clean = texturedBatch(224);
        const double cleanMean = cv::mean(view(clean))[0];
        double previous = 0;
        for (int s = 1; s <= 5; ++s) {
            const ImageBatch out = corruptBatch(clean, Corruption::Spatter, s, 12);
            int covered = 0;
            for (size_t k = 0; k < out.pixels.size(); k += 3)
                covered += std::abs(out.pixels[k] - clean.pixels[k]) > 4;
            const double fraction = covered / (clean.pixels.size() / 3.0);
            qInfo("spatter severity %d covers %.1f%% of the pixels", s, 100 * fraction);
            QVERIFY(fraction > previous && fraction > 0.01 && fraction < 0.7);  // drops, not a veil
            QVERIFY(cv::mean(view(out))[0] < cleanMean);  // mud: darker than this 128-centred image
            previous = fraction;
        }
    }
};

QTEST_APPLESS_MAIN(TestCorruptions)
#include "test_corruptions.moc"
