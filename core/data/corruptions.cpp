#include "core/data/corruptions.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <exception>
#include <mutex>
#include <thread>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/data/synth/rng.h"
#include "core/util/error.h"
#include "core/util/parallel_for.h"

namespace ms::data {

namespace {

// Severity tables, index severity - 1. ImageNet-C's values unless a comment says otherwise.
constexpr std::array<double, 5> kGaussianSigma = {0.08, 0.12, 0.18, 0.26, 0.38};  // of 255
constexpr std::array<double, 5> kImpulseAmount = {0.03, 0.06, 0.09, 0.17, 0.27};
constexpr std::array<double, 5> kContrastFactor = {0.4, 0.3, 0.2, 0.1, 0.05};
constexpr std::array<double, 5> kPixelateScale = {0.6, 0.5, 0.4, 0.3, 0.25};
// ImageNet-C uses 25..7 on 224x224; on 32x32 one 8x8 JPEG block is a sixteenth of the image
// and those qualities leave little but the block means, so the zoo needs milder settings.
// Spread wide enough that the zoo's images lose about 1 dB PSNR per step (28 -> 24 dB).
constexpr std::array<int, 5> kJpegQuality = {80, 60, 45, 30, 20};
// ImageMagick's motion_blur(radius, sigma) as ImageNet-C calls it, in pixels at 224x224.
constexpr std::array<double, 5> kMotionRadius = {10, 15, 15, 15, 20};
constexpr std::array<double, 5> kMotionSigma = {3, 5, 8, 12, 15};
// Our own spatter (ImageNet-C renders liquid with a chain of blurs and thresholds that do not
// survive 32x32): mud droplets, more, bigger and more opaque with severity. Sizes at 224x224.
constexpr std::array<int, 5> kSpatterDrops = {20, 35, 50, 70, 90};
constexpr std::array<double, 5> kSpatterMaxRadius = {6, 8, 10, 12, 14};
constexpr std::array<double, 5> kSpatterOpacity = {0.45, 0.55, 0.65, 0.75, 0.85};
constexpr double kReferenceSize = 224.0;

struct Description {
    Corruption corruption;
    const char* id;
    const char* label;
};

constexpr std::array<Description, 7> kDescriptions = {{
    {Corruption::MotionBlur, "motion_blur", "Motion blur"},
    {Corruption::ImpulseNoise, "impulse_noise", "Impulse noise"},
    {Corruption::GaussianNoise, "gaussian_noise", "Gaussian noise"},
    {Corruption::Pixelate, "pixelate", "Pixelate"},
    {Corruption::Spatter, "spatter", "Spatter"},
    {Corruption::Contrast, "contrast", "Contrast"},
    {Corruption::Jpeg, "jpeg", "JPEG compression"},
}};

const Description& describe(Corruption corruption) {
    for (const Description& d : kDescriptions)
        if (d.corruption == corruption) return d;
    throw ms::Error("corruption: invalid enum value " + std::to_string(int(corruption)));
}

size_t severityIndex(Corruption corruption, int severity) {
    if (severity < kMinSeverity || severity > kMaxSeverity)
        throw ms::Error(corruptionId(corruption), "severity " + std::to_string(severity) + " outside " +
                                                      std::to_string(kMinSeverity) + ".." +
                                                      std::to_string(kMaxSeverity));
    return size_t(severity - 1);
}

uint8_t clampToByte(double value) { return uint8_t(std::clamp(std::lround(value), 0L, 255L)); }

// One normal draw per channel value; the field is the same for every severity, only scaled.
void gaussianNoise(cv::Mat& image, double sigma, Rng& rng) {
    uint8_t* values = image.ptr<uint8_t>();
    for (size_t i = 0, n = image.total() * 3; i < n; ++i)
        values[i] = clampToByte(values[i] + rng.normal(0.0, sigma * 255.0));
}

// Salt and pepper on each channel value, like skimage's random_noise(mode='s&p') on an HWC
// array in ImageNet-C. Both draws are made for every value so the stream stays aligned across
// severities: a value hit at severity 2 is hit, with the same colour, at severity 3.
void impulseNoise(cv::Mat& image, double amount, Rng& rng) {
    uint8_t* values = image.ptr<uint8_t>();
    for (size_t i = 0, n = image.total() * 3; i < n; ++i) {
        const bool hit = rng.uniform01() < amount;
        const bool salt = (rng.next() >> 63) != 0;
        if (hit) values[i] = salt ? 255 : 0;
    }
}

// Per-channel blend towards the channel mean, so each channel's deviation shrinks by `factor`.
void contrast(cv::Mat& image, double factor) {
    const cv::Scalar mean = cv::mean(image);
    uint8_t* values = image.ptr<uint8_t>();
    for (size_t i = 0, n = image.total() * 3; i < n; ++i) {
        const double m = mean[int(i % 3)];
        values[i] = clampToByte((values[i] - m) * factor + m);
    }
}

// ImageNet-C resizes down and back up; at a non-integer ratio a resampled block also averages
// slivers of pixels it is not painted on, which blurs more than a coarser aligned grid does
// (on the zoo, severity 1 came out stronger than 2 for a third of the images). So blocks get
// integer edges, sizes differing by at most one pixel, and each is painted with its own mean.
void pixelate(cv::Mat& image, double scale) {
    auto edges = [scale](int size) {
        const int blocks = std::max(1, int(std::lround(size * scale)));
        std::vector<int> edge(size_t(blocks) + 1);
        for (int i = 0; i <= blocks; ++i) edge[size_t(i)] = int(int64_t(i) * size / blocks);
        return edge;
    };
    const std::vector<int> rows = edges(image.rows), cols = edges(image.cols);
    for (size_t by = 0; by + 1 < rows.size(); ++by)
        for (size_t bx = 0; bx + 1 < cols.size(); ++bx) {
            cv::Mat block = image(cv::Range(rows[by], rows[by + 1]), cv::Range(cols[bx], cols[bx + 1]));
            block.setTo(cv::mean(block));
        }
}

void jpeg(cv::Mat& image, int quality) {
    // libjpeg's colour transform assumes BGR; feeding RGB would weight luma on the wrong channels.
    cv::Mat bgr;
    cv::cvtColor(image, bgr, cv::COLOR_RGB2BGR);
    std::vector<uint8_t> encoded;
    if (!cv::imencode(".jpg", bgr, encoded, {cv::IMWRITE_JPEG_QUALITY, quality}))
        throw ms::Error("jpeg: OpenCV cannot encode JPEG");
    const cv::Mat decoded = cv::imdecode(encoded, cv::IMREAD_COLOR);
    if (decoded.size() != image.size() || decoded.type() != CV_8UC3)
        throw ms::Error("jpeg: OpenCV cannot decode its own JPEG");
    cv::cvtColor(decoded, image, cv::COLOR_BGR2RGB);
}

// ImageMagick's one-sided motion blur: 2*ceil(radius)+1 taps along a line from the pixel, with
// Gaussian weights exp(-t^2 / 2 sigma^2), at an angle in [-45, 45) degrees as in ImageNet-C.
void motionBlur(cv::Mat& image, double radius, double sigma, double angleDegrees) {
    const int taps = 2 * int(std::ceil(radius)) + 1;
    const int centre = taps - 1;
    cv::Mat kernel = cv::Mat::zeros(2 * taps - 1, 2 * taps - 1, CV_32F);
    const double angle = angleDegrees * M_PI / 180.0;
    for (int t = 0; t < taps; ++t) {
        const int x = centre + int(std::lround(t * std::cos(angle)));
        const int y = centre + int(std::lround(t * std::sin(angle)));
        kernel.at<float>(y, x) += float(std::exp(-double(t) * t / (2.0 * sigma * sigma)));
    }
    kernel /= cv::sum(kernel)[0];
    cv::Mat blurred;
    cv::filter2D(image, blurred, -1, kernel, cv::Point(-1, -1), 0, cv::BORDER_REPLICATE);
    blurred.copyTo(image);
}

// Mud droplets: one colour per image, antialiased discs softened a little, alpha-blended.
// Drop i has the same centre and relative size at every severity, so higher severities cover
// a superset of the area, more opaquely.
void spatter(cv::Mat& image, int drops, double maxRadius, double opacity, Rng& rng) {
    const double shade = rng.uniform(0.6, 1.2);
    const cv::Vec3d mud(96 * shade, 70 * shade, 44 * shade);
    constexpr int kShift = 4;  // sub-pixel centres and radii: drops on 32x32 are 1-2 px wide
    constexpr double kOne = 1 << kShift;
    cv::Mat mask = cv::Mat::zeros(image.size(), CV_8U);
    for (int i = 0; i < drops; ++i) {
        const double x = rng.uniform(0, image.cols), y = rng.uniform(0, image.rows);
        const double radius = maxRadius * rng.uniform(0.3, 1.0);
        cv::circle(mask, cv::Point(int(x * kOne), int(y * kOne)), std::max(1, int(radius * kOne)),
                   cv::Scalar(255), cv::FILLED, cv::LINE_AA, kShift);
    }
    cv::GaussianBlur(mask, mask, cv::Size(0, 0), std::max(0.4, maxRadius * 0.15));
    for (int r = 0; r < image.rows; ++r) {
        cv::Vec3b* row = image.ptr<cv::Vec3b>(r);
        const uint8_t* m = mask.ptr<uint8_t>(r);
        for (int c = 0; c < image.cols; ++c) {
            const double alpha = opacity * m[c] / 255.0;
            for (int k = 0; k < 3; ++k) row[c][k] = clampToByte(row[c][k] * (1 - alpha) + mud[k] * alpha);
        }
    }
}

}  // namespace

const std::vector<Corruption>& allCorruptions() {
    static const std::vector<Corruption> all = [] {
        std::vector<Corruption> list;
        for (const Description& d : kDescriptions) list.push_back(d.corruption);
        return list;
    }();
    return all;
}

std::string corruptionId(Corruption corruption) { return describe(corruption).id; }

std::string corruptionLabel(Corruption corruption) { return describe(corruption).label; }

std::string corruptionSetting(Corruption corruption, int severity) {
    const size_t s = severityIndex(corruption, severity);
    auto number = [](double value, int decimals) { return cv::format("%.*f", decimals, value); };
    switch (corruption) {
    case Corruption::MotionBlur:
        return "radius " + number(kMotionRadius[s], 0) + ", sigma " + number(kMotionSigma[s], 0) +
               " px at 224 px, random angle";
    case Corruption::ImpulseNoise: return number(kImpulseAmount[s] * 100, 0) + "% of values salt or pepper";
    case Corruption::GaussianNoise: return "sigma " + number(kGaussianSigma[s], 2) + " x 255";
    case Corruption::Pixelate: return number(kPixelateScale[s] * 100, 0) + "% as many blocks as pixels per side";
    case Corruption::Spatter:
        return std::to_string(kSpatterDrops[s]) + " drops up to " + number(kSpatterMaxRadius[s], 0) +
               " px at 224 px, opacity " + number(kSpatterOpacity[s], 2);
    case Corruption::Contrast: return "deviation from the mean x " + number(kContrastFactor[s], 2);
    case Corruption::Jpeg: return "quality " + std::to_string(kJpegQuality[s]);
    }
    return describe(corruption).id;
}

Corruption parseCorruption(const std::string& id) {
    std::string valid;
    for (const Description& d : kDescriptions) {
        if (id == d.id) return d.corruption;
        valid += (valid.empty() ? "" : ", ") + std::string(d.id);
    }
    throw ms::Error(id, "unknown corruption; valid ids are " + valid);
}

void corruptImage(uint8_t* rgb, int height, int width, Corruption corruption, int severity,
                  uint64_t seed) {
    const size_t s = severityIndex(corruption, severity);
    if (height <= 0 || width <= 0 || rgb == nullptr)
        throw ms::Error(corruptionId(corruption), "image size " + std::to_string(height) + "x" +
                                                      std::to_string(width) + " has no pixels");
    cv::Mat image(height, width, CV_8UC3, rgb);
    const double scale = std::min(height, width) / kReferenceSize;
    // Keeps the drop density of a square image on wide or tall ones.
    const double aspect = double(height) * width / (std::min(height, width) * double(std::min(height, width)));
    Rng rng(seed);
    switch (corruption) {
    case Corruption::GaussianNoise: gaussianNoise(image, kGaussianSigma[s], rng); break;
    case Corruption::ImpulseNoise: impulseNoise(image, kImpulseAmount[s], rng); break;
    case Corruption::Contrast: contrast(image, kContrastFactor[s]); break;
    case Corruption::Pixelate: pixelate(image, kPixelateScale[s]); break;
    case Corruption::Jpeg: jpeg(image, kJpegQuality[s]); break;
    case Corruption::MotionBlur:
        motionBlur(image, kMotionRadius[s] * scale, kMotionSigma[s] * scale, rng.uniform(-45, 45));
        break;
    case Corruption::Spatter:
        spatter(image, int(std::lround(kSpatterDrops[s] * aspect)), kSpatterMaxRadius[s] * scale,
                kSpatterOpacity[s], rng);
        break;
    }
    // Every branch must leave the result in the caller's buffer; cv::Mat reallocates silently
    // when an output does not fit, so guard against a branch writing into a fresh matrix.
    if (image.data != rgb) {
        cv::Mat target(height, width, CV_8UC3, rgb);
        image.copyTo(target);
    }
}

ImageBatch corruptBatch(const ImageBatch& batch, Corruption corruption, int severity, uint64_t seed,
                        int threads) {
    severityIndex(corruption, severity);
    if (batch.pixels.size() != size_t(batch.count() * batch.imageBytes()))
        throw ms::Error(corruptionId(corruption),
                        "pixel buffer holds " + std::to_string(batch.pixels.size()) + " bytes, expected " +
                            std::to_string(batch.count() * batch.imageBytes()) + " for " +
                            std::to_string(batch.count()) + " RGB images of " + std::to_string(batch.height) +
                            "x" + std::to_string(batch.width));
    ImageBatch result = batch;
    const int64_t count = result.count();
    if (count == 0) return result;
    if (threads <= 0) threads = int(std::max(1u, std::thread::hardware_concurrency()));
    threads = int(std::min<int64_t>(threads, count));

    parallelFor(count, threads, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i)
            corruptImage(result.image(i), result.height, result.width, corruption, severity,
                         Rng::streamSeed(seed, uint64_t(i)));
    });
    return result;
}

}  // namespace ms::data
