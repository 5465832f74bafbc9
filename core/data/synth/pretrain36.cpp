// Pretrain36, the pretext task for the shared backbone: capital letters A-Z and ten generic
// shapes in random colours on the task backgrounds. It teaches strokes, shapes and colour
// contrast without the label space of any demo task (never digits, so SynDigits/MNIST stay
// downstream tasks).
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "core/data/synth/drawing.h"
#include "core/data/synth/generator_factories.h"
#include "core/data/synth/glyphs.h"

namespace ms::data::synth {

namespace {

constexpr int kLetterCount = 26;
const char* const kShapeNames[] = {"circle", "square", "triangle", "pentagon", "hexagon",
                                   "star",   "cross",  "ring",     "ellipse",  "crescent"};

// Sub-pixel drawing: OpenCV takes fixed-point coordinates with this many fractional bits.
constexpr int kShift = 4;
constexpr double kOne = 1 << kShift;

cv::Point fixedPoint(cv::Point2d p) {
    return {int(std::lround(p.x * kOne)), int(std::lround(p.y * kOne))};
}

void fillCircle(cv::Mat& mask, cv::Point2d centre, double radius, uint8_t value) {
    cv::circle(mask, fixedPoint(centre), int(std::lround(radius * kOne)), cv::Scalar(value),
               cv::FILLED, cv::LINE_AA, kShift);
}

void fillPolygon(cv::Mat& mask, const std::vector<cv::Point2d>& points) {
    std::vector<cv::Point> fixed;
    for (const auto& p : points) fixed.push_back(fixedPoint(p));
    cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{fixed}, cv::Scalar(255), cv::LINE_AA,
                 kShift);
}

// Vertices at radius radii[k % radii.size()] around `centre`, starting at `angle`.
std::vector<cv::Point2d> radialPolygon(cv::Point2d centre, int vertices,
                                       const std::vector<double>& radii, double angle) {
    std::vector<cv::Point2d> points;
    for (int k = 0; k < vertices; ++k) {
        const double a = angle + 2.0 * M_PI * k / vertices;
        const double r = radii[size_t(k) % radii.size()];
        points.emplace_back(centre.x + r * std::cos(a), centre.y + r * std::sin(a));
    }
    return points;
}

// A plus sign with arms of half-width `halfWidth`, rotated by `angle`.
std::vector<cv::Point2d> crossPolygon(cv::Point2d centre, double radius, double halfWidth,
                                      double angle) {
    const double w = halfWidth, r = radius;
    const cv::Point2d outline[] = {{w, r},   {w, w},   {r, w},   {r, -w}, {w, -w}, {w, -r},
                                   {-w, -r}, {-w, -w}, {-r, -w}, {-r, w}, {-w, w}, {-w, r}};
    const double c = std::cos(angle), s = std::sin(angle);
    std::vector<cv::Point2d> points;
    for (const auto& p : outline)
        points.emplace_back(centre.x + c * p.x - s * p.y, centre.y + s * p.x + c * p.y);
    return points;
}

cv::Mat shapeMask(int shape, Rng& rng) {
    cv::Mat mask = cv::Mat::zeros(kRenderSize, kRenderSize, CV_8UC1);
    const cv::Point2d centre = jitteredCentre(31.5, 8.0, 8.0, rng);
    const double radius = rng.uniform(10.0, 26.0);
    const double angle = rng.uniform(0.0, 2.0 * M_PI);
    switch (shape) {
    case 0: fillCircle(mask, centre, radius, 255); break;
    case 1: fillPolygon(mask, radialPolygon(centre, 4, {radius}, angle)); break;
    case 2: fillPolygon(mask, radialPolygon(centre, 3, {radius}, angle)); break;
    case 3: fillPolygon(mask, radialPolygon(centre, 5, {radius}, angle)); break;
    case 4: fillPolygon(mask, radialPolygon(centre, 6, {radius}, angle)); break;
    case 5: fillPolygon(mask, radialPolygon(centre, 10, {radius, 0.45 * radius}, angle)); break;
    case 6: fillPolygon(mask, crossPolygon(centre, radius, 0.3 * radius, angle)); break;
    case 7:  // a thick annulus, so that "ring" differs from a circle drawn as an outline
        fillCircle(mask, centre, radius, 255);
        fillCircle(mask, centre, 0.55 * radius, 0);
        break;
    case 8:
        cv::ellipse(
            mask, fixedPoint(centre),
            cv::Size(int(std::lround(radius * kOne)), int(std::lround(0.5 * radius * kOne))),
            angle * 180.0 / M_PI, 0.0, 360.0, cv::Scalar(255), cv::FILLED, cv::LINE_AA, kShift);
        break;
    default: {  // crescent: a disc with an offset disc cut out
        fillCircle(mask, centre, radius, 255);
        const cv::Point2d bite(centre.x + 0.5 * radius * std::cos(angle),
                               centre.y + 0.5 * radius * std::sin(angle));
        fillCircle(mask, bite, 0.85 * radius, 0);
        break;
    }
    }
    if (!rng.chance(0.6)) {
        // Outline of the same silhouette: the mask minus its erosion, 2-4 px wide.
        const int width = int(rng.integer(2, 4));
        cv::Mat inner;
        cv::erode(
            mask, inner,
            cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * width + 1, 2 * width + 1)));
        mask -= inner;
    }
    return mask;
}

cv::Mat letterMask(int letter, Rng& rng) {
    const GlyphStyle style = randomGlyphStyle(rng, /*italic*/ 0.3, 2, 5, 22.0, 44.0);
    const GlyphRow row = drawGlyphRow(std::string(1, char('A' + letter)), "", "", style, 0.0);
    const cv::Point2d inkCentre(row.inkBox.x + row.inkBox.width / 2.0,
                                row.inkBox.y + row.inkBox.height / 2.0);
    const cv::Point2d target = jitteredCentre(31.5, 8.0, 8.0, rng);
    const double scale = style.inkHeight / row.inkBox.height;
    const double angle = rng.uniform(-10.0, 10.0);
    return warpAffineExact(row.mask, placementTransform(inkCentre, target, angle, scale),
                           cv::Size(kRenderSize, kRenderSize), cv::BORDER_CONSTANT);
}

class Pretrain36 final : public ImageGenerator {
public:
    std::string id() const override { return "pretrain36"; }
    std::string displayName() const override { return "Pretrain36"; }
    std::vector<std::string> classNames() const override {
        std::vector<std::string> names;
        for (int k = 0; k < kLetterCount; ++k) names.emplace_back(1, char('A' + k));
        for (const char* shape : kShapeNames) names.emplace_back(shape);
        return names;
    }
    int version() const override { return 1; }

    cv::Mat render(int label, Rng& rng) const override {
        cv::Mat image = randomBackground(kRenderSize, rng);
        const Colour ink = contrastColour(cv::mean(image), rng);
        const cv::Mat mask =
            label < kLetterCount ? letterMask(label, rng) : shapeMask(label - kLetterCount, rng);
        paintMask(image, mask, ink);
        return finish(image, {/*blur*/ 0.3, 2.0, 10.0}, rng);
    }
};

}  // namespace

std::unique_ptr<ImageGenerator> makePretrain36() { return std::make_unique<Pretrain36>(); }

}  // namespace ms::data::synth
