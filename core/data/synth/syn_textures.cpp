// SynTextures (v3), the DTD analogue: eight texture families in a random two-colour palette,
// at any rotation and a range of scales, so only the pattern's structure identifies the class.
// v1 (ten classes, finer periods, illumination noise) trained to only 56%; the fixes that
// made v3 learnable are a coarser period and the minimum luminance gap between the colours.
//
// Parameters are given on a 128-px canvas whose centre 64 px (after rotation and scaling)
// become the render. Patterns with a formula (stripes, chequers, grid, waves) are evaluated
// directly at the render's pixels through the inverse transform; patterns made of drawn
// primitives are drawn on the canvas as an 8-bit mask and warped.
#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "core/data/synth/drawing.h"
#include "core/data/synth/generator_factories.h"

namespace ms::data::synth {

namespace {

enum TextureClass { kStriped, kChequered, kDotted, kGrid, kWavy, kBlotchy, kCracked, kBubbly };

constexpr int kCanvas = 128;
constexpr int kFixedBits = 4;  // sub-pixel precision of OpenCV drawing calls
constexpr double kFixedOne = 1 << kFixedBits;

// A soft 0/1 step about one render pixel wide: `slope` is how fast `value` changes per
// render pixel at its steepest.
float softStep(double value, double slope) {
    return float(std::clamp(0.5 + value / std::max(slope, 1e-6), 0.0, 1.0));
}

cv::Point fixedPoint(double x, double y) {
    return {int(std::lround(x * kFixedOne)), int(std::lround(y * kFixedOne))};
}

// Where the render's pixels come from on the canvas, and how long one render pixel is there.
struct View {
    cv::Matx23d forward;  // canvas -> render
    cv::Matx23d inverse;  // render -> canvas
    double canvasPerPixel = 1.0;
};

View randomView(Rng& rng) {
    const double angle = rng.uniform(0.0, 360.0);
    const double scale = rng.uniform(0.8, 1.2);
    const double canvasCentre = (kCanvas - 1) / 2.0, renderCentre = (kRenderSize - 1) / 2.0;
    View view;
    view.forward = placementTransform({canvasCentre, canvasCentre}, {renderCentre, renderCentre},
                                      angle, scale);
    cv::invertAffineTransform(view.forward, view.inverse);
    view.canvasPerPixel = 1.0 / scale;
    return view;
}

// Evaluates f(canvas x, canvas y) at every render pixel.
template <typename Function>
cv::Mat evaluateAtRender(const View& view, Function&& f) {
    cv::Mat w(kRenderSize, kRenderSize, CV_32F);
    const cv::Matx23d& m = view.inverse;
    for (int y = 0; y < kRenderSize; ++y) {
        float* row = w.ptr<float>(y);
        for (int x = 0; x < kRenderSize; ++x)
            row[x] = f(m(0, 0) * x + m(0, 1) * y + m(0, 2), m(1, 0) * x + m(1, 1) * y + m(1, 2));
    }
    return w;
}

// Warps a canvas mask to the render (fixed-point bilinear) and turns it into weights.
cv::Mat warpMaskToRender(const cv::Mat& mask, const View& view) {
    const cv::Mat warped = warpAffineExact(mask, view.forward, cv::Size(kRenderSize, kRenderSize),
                                           cv::BORDER_REFLECT_101);
    cv::Mat w(warped.size(), CV_32F);
    for (int i = 0; i < int(warped.total()); ++i)
        w.at<float>(i) = float(warped.at<uint8_t>(i) / 255.0);
    return w;
}

cv::Mat crackedMask(Rng& rng) {
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
        // Facets on the hull reach far outside; clamping keeps the fixed-point maths in range.
        for (const auto& p : facet)
            polygon.push_back(
                fixedPoint(std::clamp(p.x, -1000.f, 1000.f), std::clamp(p.y, -1000.f, 1000.f)));
        cv::polylines(mask, polygon, true, cv::Scalar(255), width, cv::LINE_AA, kFixedBits);
    }
    return mask;
}

cv::Mat dottedMask(double period, double phaseX, double phaseY, Rng& rng) {
    cv::Mat mask = cv::Mat::zeros(kCanvas, kCanvas, CV_8UC1);
    const double radius = period * rng.uniform(0.2, 0.35);
    const bool offsetRows = rng.chance(0.5);
    int rowIndex = 0;
    for (double y = phaseY - period; y < kCanvas + period; y += period, ++rowIndex) {
        const double shift = offsetRows && (rowIndex % 2) ? period / 2 : 0.0;
        for (double x = phaseX - period + shift; x < kCanvas + period; x += period)
            cv::circle(mask, fixedPoint(x, y), int(std::lround(radius * kFixedOne)),
                       cv::Scalar(255), cv::FILLED, cv::LINE_AA, kFixedBits);
    }
    return mask;
}

cv::Mat bubblyMask(Rng& rng) {
    cv::Mat mask = cv::Mat::zeros(kCanvas, kCanvas, CV_8UC1);
    const int bubbles = int(rng.integer(25, 69));
    for (int i = 0; i < bubbles; ++i) {
        const cv::Point centre = randomPixel(kCanvas, rng);
        const int radius = int(rng.integer(3, 13));
        cv::circle(mask, centre, radius, cv::Scalar(255), 2, cv::LINE_AA);
    }
    return mask;
}

cv::Mat blotchyMask(Rng& rng) {
    const cv::Mat noise = valueNoise(kCanvas, kCanvas, rng.uniform(8.0, 20.0), rng);
    cv::Mat mask(noise.size(), CV_8UC1);
    for (int i = 0; i < int(noise.total()); ++i)
        mask.at<uint8_t>(i) =
            uint8_t(std::lround(255.0 * softStep(noise.at<float>(i) - 0.5, 0.05)));
    return mask;
}

// Weight in [0, 1] of the second palette colour at every render pixel.
cv::Mat patternWeight(int label, Rng& rng) {
    const View view = randomView(rng);
    const double P = rng.uniform(12.0, 22.0);  // period on the canvas
    const double phaseX = rng.uniform(0.0, P);
    const double phaseY = rng.uniform(0.0, P);
    const double px = view.canvasPerPixel;
    switch (label) {
    case kStriped: {
        const double threshold = rng.uniform(-0.5, 0.5);
        return evaluateAtRender(view, [&](double x, double) {
            return softStep(std::sin(2 * M_PI * (x + phaseX) / P) - threshold, 2 * M_PI / P * px);
        });
    }
    case kChequered:  // the product of two square waves, each anti-aliased on its own
        return evaluateAtRender(view, [&](double x, double y) {
            const double sx =
                2.0 * softStep(std::sin(M_PI * (x + phaseX) / P), M_PI / P * px) - 1.0;
            const double sy =
                2.0 * softStep(std::sin(M_PI * (y + phaseY) / P), M_PI / P * px) - 1.0;
            return float(0.5 + 0.5 * sx * sy);
        });
    case kGrid: {
        const double halfWidth = P * rng.uniform(0.1, 0.25) / 2;
        return evaluateAtRender(view, [&](double x, double y) {
            const double dx = std::abs(std::remainder(x + phaseX, P));
            const double dy = std::abs(std::remainder(y + phaseY, P));
            return softStep(halfWidth - std::min(dx, dy), px);
        });
    }
    case kWavy: {
        const double amplitude = rng.uniform(2.0, 6.0);
        const double wavelength = P * rng.uniform(2.0, 4.0);
        return evaluateAtRender(view, [&](double x, double y) {
            const double bent =
                x + phaseX + amplitude * std::sin(2 * M_PI * (y + phaseY) / wavelength);
            return softStep(std::sin(2 * M_PI * bent / P), 2 * M_PI / P * px);
        });
    }
    case kDotted: return warpMaskToRender(dottedMask(P, phaseX, phaseY, rng), view);
    case kBlotchy: return warpMaskToRender(blotchyMask(rng), view);
    case kCracked: return warpMaskToRender(crackedMask(rng), view);
    default: return warpMaskToRender(bubblyMask(rng), view);
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
        const cv::Mat image = blendColours(patternWeight(label, rng), first, second);
        return finish(image, {/*blur*/ 0.3, 2.0, 10.0}, rng);
    }
};

}  // namespace

std::unique_ptr<ImageGenerator> makeSynTextures() { return std::make_unique<SynTextures>(); }

}  // namespace ms::data::synth
