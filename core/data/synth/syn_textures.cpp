// SynTextures (v3), the DTD analogue: eight texture families in a random two-colour palette,
// at any rotation and a range of scales, so only the pattern's structure identifies the class.
// v1 (ten classes, finer periods, illumination noise) trained to only 56%; the fixes that
// made v3 learnable are a coarser period and the minimum luminance gap between the colours.
#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "core/data/synth/drawing.h"
#include "core/data/synth/generator_factories.h"

namespace ms::data::synth {

namespace {

enum TextureClass { kStriped, kChequered, kDotted, kGrid, kWavy, kBlotchy, kCracked, kBubbly };

// Textures are drawn larger so that rotating and cropping never shows a corner.
constexpr int kCanvas = 128;

// A soft 0/1 step: about one pixel wide when `value` changes by `slope` per pixel.
float softStep(double value, double perPixelSlope) {
    return float(std::clamp(0.5 + value / std::max(perPixelSlope, 1e-6), 0.0, 1.0));
}

template <typename Function>
cv::Mat weightMap(Function&& f) {
    cv::Mat w(kCanvas, kCanvas, CV_32F);
    for (int y = 0; y < kCanvas; ++y) {
        float* row = w.ptr<float>(y);
        for (int x = 0; x < kCanvas; ++x) row[x] = f(double(x), double(y));
    }
    return w;
}

cv::Mat toWeight(const cv::Mat& mask8) {
    cv::Mat w(mask8.size(), CV_32F);
    for (int i = 0; i < int(mask8.total()); ++i) w.at<float>(i) = float(mask8.at<uint8_t>(i) / 255.0);
    return w;
}

cv::Mat crackedWeight(Rng& rng) {
    cv::Subdiv2D subdivision(cv::Rect(0, 0, kCanvas, kCanvas));
    const int points = int(rng.integer(20, 59));
    for (int i = 0; i < points; ++i) {
        const double x = rng.uniform(0.0, kCanvas - 1.0);
        const double y = rng.uniform(0.0, kCanvas - 1.0);
        subdivision.insert(cv::Point2f(float(x), float(y)));
    }
    std::vector<std::vector<cv::Point2f>> facets;
    std::vector<cv::Point2f> centres;
    subdivision.getVoronoiFacetList({}, facets, centres);
    const int width = int(rng.integer(2, 3));
    cv::Mat mask = cv::Mat::zeros(kCanvas, kCanvas, CV_8UC1);
    for (const auto& facet : facets) {
        std::vector<cv::Point> polygon;
        for (const auto& p : facet)
            polygon.emplace_back(int(std::lround(std::clamp(p.x, -1000.f, 1000.f) * 16)),
                                 int(std::lround(std::clamp(p.y, -1000.f, 1000.f) * 16)));
        cv::polylines(mask, polygon, true, cv::Scalar(255), width, cv::LINE_AA, 4);
    }
    return toWeight(mask);
}

cv::Mat patternWeight(int label, double period, Rng& rng) {
    const double P = period;
    const double phaseX = rng.uniform(0.0, P), phaseY = rng.uniform(0.0, P);
    switch (label) {
    case kStriped: {
        const double threshold = rng.uniform(-0.5, 0.5);
        return weightMap([&](double x, double) {
            return softStep(std::sin(2 * M_PI * (x + phaseX) / P) - threshold, 2 * M_PI / P);
        });
    }
    case kChequered:  // the product of two square waves; each is anti-aliased on its own
        return weightMap([&](double x, double y) {
            const double sx = 2.0 * softStep(std::sin(M_PI * (x + phaseX) / P), M_PI / P) - 1.0;
            const double sy = 2.0 * softStep(std::sin(M_PI * (y + phaseY) / P), M_PI / P) - 1.0;
            return float(0.5 + 0.5 * sx * sy);
        });
    case kDotted: {
        cv::Mat mask = cv::Mat::zeros(kCanvas, kCanvas, CV_8UC1);
        const double radius = P * rng.uniform(0.2, 0.35);
        const bool offsetRows = rng.chance(0.5);
        int rowIndex = 0;
        for (double y = phaseY - P; y < kCanvas + P; y += P, ++rowIndex) {
            const double shift = offsetRows && (rowIndex % 2) ? P / 2 : 0.0;
            for (double x = phaseX - P + shift; x < kCanvas + P; x += P)
                cv::circle(mask, cv::Point(int(std::lround(x * 16)), int(std::lround(y * 16))),
                           int(std::lround(radius * 16)), cv::Scalar(255), cv::FILLED, cv::LINE_AA, 4);
        }
        return toWeight(mask);
    }
    case kGrid: {
        const double halfWidth = P * rng.uniform(0.1, 0.25) / 2;
        return weightMap([&](double x, double y) {
            const double dx = std::abs(std::remainder(x + phaseX, P));
            const double dy = std::abs(std::remainder(y + phaseY, P));
            return softStep(halfWidth - std::min(dx, dy), 1.0);
        });
    }
    case kWavy: {
        const double amplitude = rng.uniform(2.0, 6.0);
        const double wavelength = P * rng.uniform(2.0, 4.0);
        return weightMap([&](double x, double y) {
            const double bent = x + phaseX + amplitude * std::sin(2 * M_PI * (y + phaseY) / wavelength);
            return softStep(std::sin(2 * M_PI * bent / P), 2 * M_PI / P);
        });
    }
    case kBlotchy: {
        const cv::Mat noise = valueNoise(kCanvas, kCanvas, rng.uniform(8.0, 20.0), rng);
        cv::Mat w(noise.size(), CV_32F);
        for (int i = 0; i < int(noise.total()); ++i)
            w.at<float>(i) = softStep(noise.at<float>(i) - 0.5, 0.05);
        return w;
    }
    case kCracked:
        return crackedWeight(rng);
    default: {  // kBubbly: overlapping circle outlines
        cv::Mat mask = cv::Mat::zeros(kCanvas, kCanvas, CV_8UC1);
        const int bubbles = int(rng.integer(25, 69));
        for (int i = 0; i < bubbles; ++i) {
            const cv::Point centre = randomPixel(kCanvas, rng);
            const int radius = int(rng.integer(3, 13));
            cv::circle(mask, centre, radius, cv::Scalar(255), 2, cv::LINE_AA);
        }
        return toWeight(mask);
    }
    }
}

class SynTextures final : public ImageGenerator {
public:
    std::string id() const override { return "syn_textures"; }
    std::string displayName() const override { return "SynTextures"; }
    std::vector<std::string> classNames() const override {
        return {"striped", "chequered", "dotted", "grid", "wavy", "blotchy", "cracked", "bubbly"};
    }
    int version() const override { return 3; }

    cv::Mat render(int label, Rng& rng) const override {
        Colour first = randomColour(rng);
        Colour second = randomColour(rng);
        if (std::abs(level(first) - level(second)) <= 60.0) {
            // Too little luminance gap: darken one and lighten the other.
            for (int k = 0; k < 3; ++k) {
                first[k] = uint8_t(first[k] * 0.4);
                second[k] = uint8_t(second[k] * 0.4 + 150.0);
            }
        }
        if (rng.chance(0.5)) std::swap(first, second);
        const double period = rng.uniform(12.0, 22.0);
        const cv::Mat texture = blendColours(patternWeight(label, period, rng), first, second);

        const double angle = rng.uniform(0.0, 360.0);
        const double scale = rng.uniform(0.8, 1.2);
        const double centre = (kCanvas - 1) / 2.0, cropCentre = (kRenderSize - 1) / 2.0;
        const cv::Mat image =
            warpAffineExact(texture,
                            placementTransform({centre, centre}, {cropCentre, cropCentre}, angle, scale),
                            cv::Size(kRenderSize, kRenderSize), cv::BORDER_REFLECT_101);
        return finish(image, {/*blur*/ 0.3, 2.0, 10.0}, rng);
    }
};

}  // namespace

std::unique_ptr<ImageGenerator> makeSynTextures() { return std::make_unique<SynTextures>(); }

}  // namespace ms::data::synth
