// SynSigns, the GTSRB analogue: 16 road-sign classes drawn from circles, triangles, octagons,
// diamonds and squares with a symbol, then seen at a slant (perspective), under strong light
// changes, on clutter. The three speed limits differ only by their number, which gives the
// fine-grained pairs GTSRB is known for.
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "core/data/synth/drawing.h"
#include "core/data/synth/generator_factories.h"
#include "core/data/synth/glyphs.h"

namespace ms::data::synth {

namespace {

enum SignClass {
    kStop,
    kYield,
    kLimit30,
    kLimit50,
    kLimit80,
    kNoEntry,
    kAhead,
    kLeft,
    kRight,
    kWarning,
    kPriority,
    kParking,
    kRoundabout,
    kEndOfLimits,
    kNoVehicles,
    kRailCrossing
};

constexpr int kShift = 4;  // fixed-point fraction bits for sub-pixel drawing
constexpr double kOne = 1 << kShift;

cv::Point fixedPoint(cv::Point2d p) {
    return {int(std::lround(p.x * kOne)), int(std::lround(p.y * kOne))};
}
int fixedLength(double v) { return int(std::lround(v * kOne)); }

// A sign is drawn twice: in colour on `layer`, and as coverage on `mask` (its outer
// silhouette) so it can be warped and laid over the background as one piece.
struct SignCanvas {
    cv::Mat layer = cv::Mat::zeros(kRenderSize, kRenderSize, CV_8UC3);
    cv::Mat mask = cv::Mat::zeros(kRenderSize, kRenderSize, CV_8UC1);

    void disc(cv::Point2d centre, double radius, Colour colour, bool silhouette = false) {
        cv::circle(layer, fixedPoint(centre), fixedLength(radius), toScalar(colour), cv::FILLED,
                   cv::LINE_AA, kShift);
        if (silhouette)
            cv::circle(mask, fixedPoint(centre), fixedLength(radius), cv::Scalar(255), cv::FILLED,
                       cv::LINE_AA, kShift);
    }
    void polygon(const std::vector<cv::Point2d>& points, Colour colour, bool silhouette = false) {
        std::vector<cv::Point> fixed;
        for (const auto& p : points) fixed.push_back(fixedPoint(p));
        const std::vector<std::vector<cv::Point>> polys{fixed};
        cv::fillPoly(layer, polys, toScalar(colour), cv::LINE_AA, kShift);
        if (silhouette) cv::fillPoly(mask, polys, cv::Scalar(255), cv::LINE_AA, kShift);
    }
    void line(cv::Point2d a, cv::Point2d b, double width, Colour colour) {
        cv::line(layer, fixedPoint(a), fixedPoint(b), toScalar(colour),
                 std::max(1, int(std::lround(width))), cv::LINE_AA, kShift);
    }
};

// Regular polygon with circumradius r; angleDegrees = direction of the first vertex.
std::vector<cv::Point2d> regularPolygon(cv::Point2d c, int n, double r, double angleDegrees) {
    std::vector<cv::Point2d> points;
    for (int k = 0; k < n; ++k) {
        const double a = (angleDegrees + 360.0 * k / n) * M_PI / 180.0;
        points.emplace_back(c.x + r * std::cos(a), c.y + r * std::sin(a));
    }
    return points;
}

struct Palette {
    Colour red, white, blue, black, yellow;
};

// Up-pointing red warning triangle with a white inset; returns the inset's centroid.
cv::Point2d warningTriangle(SignCanvas& s, cv::Point2d c, double r, double t, const Palette& p) {
    const cv::Point2d centroid(c.x, c.y + 0.12 * r);
    s.polygon(regularPolygon(centroid, 3, r, -90.0), p.red, true);
    s.polygon(regularPolygon(centroid, 3, r - 2.2 * t, -90.0), p.white);
    return centroid;
}

void drawSign(SignCanvas& s, int label, cv::Point2d c, double r, const Palette& p) {
    const double t = std::max(2.0, 0.18 * r);  // border width
    switch (label) {
    case kStop:
        s.polygon(regularPolygon(c, 8, r, 22.5), p.white, true);
        s.polygon(regularPolygon(c, 8, r - 2.0, 22.5), p.red);
        drawTextCentred(s.layer, "STOP", c, 0.38 * r, cv::FONT_HERSHEY_SIMPLEX,
                        std::max(1, int(0.09 * r)), toScalar(p.white));
        break;
    case kYield: {
        const cv::Point2d centroid(c.x, c.y - 0.12 * r);
        s.polygon(regularPolygon(centroid, 3, r, 90.0), p.red, true);
        s.polygon(regularPolygon(centroid, 3, r - 2.2 * t, 90.0), p.white);
        break;
    }
    case kLimit30:
    case kLimit50:
    case kLimit80: {
        static const char* const numbers[] = {"30", "50", "80"};
        s.disc(c, r, p.red, true);
        s.disc(c, r - t, p.white);
        drawTextCentred(s.layer, numbers[label - kLimit30], c, 0.62 * r, cv::FONT_HERSHEY_SIMPLEX,
                        std::max(1, int(std::lround(0.1 * r))), toScalar(p.black));
        break;
    }
    case kNoEntry:
        s.disc(c, r, p.red, true);
        s.polygon({{c.x - 0.65 * r, c.y - 0.18 * r},
                   {c.x + 0.65 * r, c.y - 0.18 * r},
                   {c.x + 0.65 * r, c.y + 0.18 * r},
                   {c.x - 0.65 * r, c.y + 0.18 * r}},
                  p.white);
        break;
    case kAhead:
    case kLeft:
    case kRight: {
        const double angle = label == kAhead ? -90.0 : label == kLeft ? 180.0 : 0.0;
        const cv::Point2d dir(std::cos(angle * M_PI / 180.0), std::sin(angle * M_PI / 180.0));
        s.disc(c, r, p.blue, true);
        cv::arrowedLine(s.layer, fixedPoint(c - dir * (0.6 * r)), fixedPoint(c + dir * (0.6 * r)),
                        toScalar(p.white), std::max(2, int(std::lround(0.2 * r))), cv::LINE_AA,
                        kShift, 0.45);
        break;
    }
    case kWarning: {
        const cv::Point2d m = warningTriangle(s, c, r, t, p);
        s.line({m.x, m.y - 0.3 * r}, {m.x, m.y + 0.05 * r}, 0.13 * r, p.black);
        s.disc({m.x, m.y + 0.25 * r}, 0.08 * r, p.black);
        break;
    }
    case kRailCrossing: {
        const cv::Point2d m = warningTriangle(s, c, r, t, p);
        const double k = 0.22 * r;
        s.line({m.x - k, m.y - k}, {m.x + k, m.y + k}, 0.12 * r, p.black);
        s.line({m.x - k, m.y + k}, {m.x + k, m.y - k}, 0.12 * r, p.black);
        break;
    }
    case kPriority:
        s.polygon(regularPolygon(c, 4, r, 0.0), p.white, true);
        s.polygon(regularPolygon(c, 4, 0.7 * r, 0.0), p.yellow);
        break;
    case kParking: {
        const double h = 0.8 * r;
        s.polygon({{c.x - h, c.y - h}, {c.x + h, c.y - h}, {c.x + h, c.y + h}, {c.x - h, c.y + h}},
                  p.blue, true);
        drawTextCentred(s.layer, "P", c, 1.0 * r, cv::FONT_HERSHEY_DUPLEX,
                        std::max(2, int(std::lround(0.16 * r))), toScalar(p.white));
        break;
    }
    case kRoundabout: {
        s.disc(c, r, p.blue, true);
        const double ring = 0.5 * r;
        cv::ellipse(s.layer, fixedPoint(c), cv::Size(fixedLength(ring), fixedLength(ring)), 0.0,
                    20.0, 300.0, toScalar(p.white), std::max(2, int(std::lround(0.16 * r))),
                    cv::LINE_AA, kShift);
        // Arrowhead at the open end of the arc, pointing along the direction of travel.
        const double a = 300.0 * M_PI / 180.0;
        const cv::Point2d tip(c.x + ring * std::cos(a), c.y + ring * std::sin(a));
        const cv::Point2d along(-std::sin(a), std::cos(a)), out(std::cos(a), std::sin(a));
        const double k = 0.28 * r;
        s.polygon({tip + along * k, tip + out * k, tip - out * k}, p.white);
        break;
    }
    case kEndOfLimits: {
        s.disc(c, r, p.black, true);
        s.disc(c, r - 0.6 * t, p.white);
        const double k = 0.6 * r;
        s.line({c.x + k, c.y - k}, {c.x - k, c.y + k}, 0.16 * r, p.black);
        break;
    }
    default:  // kNoVehicles: a plain white disc with a red ring
        s.disc(c, r, p.red, true);
        s.disc(c, r - t, p.white);
        break;
    }
}

class SynSigns final : public ImageGenerator {
public:
    std::string id() const override { return "syn_signs"; }
    std::string displayName() const override { return "SynSigns"; }
    std::vector<std::string> classNames() const override {
        return {"stop",       "yield",         "limit_30",    "limit_50",
                "limit_80",   "no_entry",      "ahead",       "left",
                "right",      "warning",       "priority",    "parking",
                "roundabout", "end_of_limits", "no_vehicles", "rail_crossing"};
    }
    int version() const override { return 1; }

    cv::Mat render(int label, Rng& rng) const override {
        cv::Mat image = randomBackground(kRenderSize, rng);
        const double radius = rng.uniform(16.0, 28.0);
        const cv::Point2d centre = jitteredCentre(31.5, 5.0, 5.0, rng);
        Palette palette;
        palette.red = jitterColour({210, 40, 40}, 0.7, 1.15, rng);
        palette.white = jitterColour({245, 245, 245}, 0.7, 1.15, rng);
        palette.blue = jitterColour({20, 90, 190}, 0.7, 1.15, rng);
        palette.black = jitterColour({20, 20, 20}, 0.7, 1.15, rng);
        palette.yellow = jitterColour({240, 200, 30}, 0.7, 1.15, rng);

        SignCanvas sign;
        drawSign(sign, label, centre, radius, palette);

        // Seen at a slant: every corner of the frame moves by up to 5 px.
        const std::vector<cv::Point2f> from = {{0, 0}, {63, 0}, {63, 63}, {0, 63}};
        std::vector<cv::Point2f> to;
        for (const auto& corner : from) {
            const double dx = rng.uniform(-5.0, 5.0);
            const double dy = rng.uniform(-5.0, 5.0);
            to.emplace_back(float(corner.x + dx), float(corner.y + dy));
        }
        const cv::Matx33d homography = cv::getPerspectiveTransform(from, to);
        const cv::Mat layer =
            warpPerspectiveExact(sign.layer, homography, image.size(), cv::BORDER_CONSTANT);
        const cv::Mat mask =
            warpPerspectiveExact(sign.mask, homography, image.size(), cv::BORDER_CONSTANT);
        paintLayer(image, layer, mask);

        const double gain = rng.uniform(0.35, 1.3);
        const double offset = rng.uniform(-30.0, 30.0);
        adjustBrightness(image, gain, offset);
        return finish(image, {/*blur*/ 0.6, 2.0, 12.0}, rng);
    }
};

}  // namespace

std::unique_ptr<ImageGenerator> makeSynSigns() { return std::make_unique<SynSigns>(); }

}  // namespace ms::data::synth
