// SynAerial, the RESISC45 analogue: ten man-made structures seen from above, on the same
// ground as SynLandCover, at any rotation. The structure, not the colour, decides the class.
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "core/data/synth/drawing.h"
#include "core/data/synth/generator_factories.h"
#include "core/data/synth/terrain.h"

namespace ms::data::synth {

namespace {

enum AerialClass {
    kRunway,
    kRoundabout,
    kParkingLot,
    kCircularFarmland,
    kStorageTanks,
    kGroundTrackField,
    kRailway,
    kHarbor,
    kBridge,
    kBaseballDiamond
};

// Drawn on a canvas larger than the 64-px render so that any rotation still fills the frame
// (the central 64 px are kept, at a zoom of U(0.9, 1.2)); sizes below are in render pixels.
constexpr int kCanvas = 104;
constexpr double kMid = (kCanvas - 1) / 2.0;

constexpr int kShift = 4;
cv::Point fp(cv::Point2d p) { return {int(std::lround(p.x * 16)), int(std::lround(p.y * 16))}; }
cv::Point fp(double x, double y) { return fp(cv::Point2d(x, y)); }
int fl(double v) { return int(std::lround(v * 16)); }

void band(cv::Mat& image, double y0, double y1, Colour colour) {
    std::vector<cv::Point> polygon = {fp(-10, y0), fp(kCanvas + 10, y0), fp(kCanvas + 10, y1),
                                      fp(-10, y1)};
    cv::fillConvexPoly(image, polygon, toScalar(colour), cv::LINE_AA, kShift);
}

void rect(cv::Mat& image, double x0, double y0, double x1, double y1, Colour colour) {
    std::vector<cv::Point> polygon = {fp(x0, y0), fp(x1, y0), fp(x1, y1), fp(x0, y1)};
    cv::fillConvexPoly(image, polygon, toScalar(colour), cv::LINE_AA, kShift);
}

void disc(cv::Mat& image, cv::Point2d c, double r, Colour colour, int thickness = cv::FILLED) {
    cv::circle(image, fp(c), fl(r), toScalar(colour), thickness, cv::LINE_AA, kShift);
}

Colour asphalt(Rng& rng) { return jitterColourNormal({115, 115, 120}, 12.0, rng); }
Colour water(Rng& rng) { return jitterColourNormal({35, 75, 125}, 15.0, rng); }

void drawStructure(cv::Mat& g, int label, Rng& rng) {
    const Colour white(235, 235, 235);
    switch (label) {
    case kRunway: {
        const double half = rng.uniform(7.0, 11.0);
        band(g, kMid - half, kMid + half, asphalt(rng));
        for (double x = 2; x < kCanvas; x += 12) rect(g, x, kMid - 0.8, x + 6, kMid + 0.8, white);
        break;
    }
    case kRoundabout: {
        const Colour road = asphalt(rng);
        const double ring = rng.uniform(11.0, 16.0);
        const double tilt = rng.uniform(-0.3, 0.3);
        for (int k = 0; k < 4; ++k) {
            const double a = tilt + k * M_PI / 2;
            cv::line(g, fp(kMid, kMid), fp(kMid + 70 * std::cos(a), kMid + 70 * std::sin(a)),
                     toScalar(road), 6, cv::LINE_AA, kShift);
        }
        disc(g, {kMid, kMid}, ring, road, 7);
        disc(g, {kMid, kMid}, ring - 3.5, jitterColourNormal({80, 130, 60}, 15.0, rng));
        break;
    }
    case kParkingLot: {
        const int rows = int(rng.integer(3, 4)), cols = int(rng.integer(5, 6));
        const double carW = 4.0, carH = 7.0, gapX = 2.5, gapY = 4.0;
        const double w = cols * (carW + gapX) + gapX, h = rows * (carH + gapY) + gapY;
        const double x0 = kMid - w / 2, y0 = kMid - h / 2;
        rect(g, x0, y0, x0 + w, y0 + h, jitterColourNormal({70, 70, 75}, 10.0, rng));
        for (int r = 0; r < rows; ++r)
            for (int c = 0; c < cols; ++c) {
                if (!rng.chance(0.8)) continue;
                const double x = x0 + gapX + c * (carW + gapX), y = y0 + gapY + r * (carH + gapY);
                rect(g, x, y, x + carW, y + carH, randomColour(rng));
            }
        break;
    }
    case kCircularFarmland: {
        static const Colour crops[3] = {{80, 140, 50}, {170, 150, 80}, {120, 160, 70}};
        const int fields = int(rng.integer(1, 3));
        for (int i = 0; i < fields; ++i) {
            const cv::Point2d c = jitteredCentre(kMid, 14.0, 14.0, rng);
            const double r = rng.uniform(14.0, 26.0);
            disc(g, c, r, jitterColourNormal(crops[rng.integer(0, 2)], 15.0, rng));
        }
        break;
    }
    case kStorageTanks: {
        const int tanks = int(rng.integer(3, 8));
        for (int i = 0; i < tanks; ++i) {
            const cv::Point2d c = jitteredCentre(kMid, 18.0, 18.0, rng);
            const double r = rng.uniform(4.5, 9.0);
            disc(g, c + cv::Point2d(1.5, 1.5), r, {60, 60, 60});  // shadow
            const double grey = rng.uniform(200.0, 245.0);
            disc(g, c, r, Colour(uint8_t(grey), uint8_t(grey), uint8_t(grey)));
        }
        break;
    }
    case kGroundTrackField: {
        const double a = rng.uniform(24.0, 30.0), b = rng.uniform(14.0, 18.0);
        const cv::Point2d c(kMid, kMid);
        cv::ellipse(g, fp(c), cv::Size(fl(a), fl(b)), 0, 0, 360,
                    toScalar(jitterColourNormal({170, 80, 60}, 15.0, rng)), cv::FILLED, cv::LINE_AA,
                    kShift);
        cv::ellipse(g, fp(c), cv::Size(fl(a - 5), fl(b - 5)), 0, 0, 360,
                    toScalar(jitterColourNormal({70, 150, 60}, 15.0, rng)), cv::FILLED, cv::LINE_AA,
                    kShift);
        break;
    }
    case kRailway: {
        band(g, kMid - 5, kMid + 5, jitterColourNormal({120, 110, 100}, 12.0, rng));
        const Colour sleeper = jitterColourNormal({90, 70, 50}, 10.0, rng);
        for (double x = 0; x < kCanvas; x += 4.5)
            rect(g, x, kMid - 4.5, x + 1.5, kMid + 4.5, sleeper);
        const Colour rail(50, 50, 55);
        band(g, kMid - 3.2, kMid - 2.0, rail);
        band(g, kMid + 2.0, kMid + 3.2, rail);
        break;
    }
    case kHarbor: {
        const double shore = kMid + rng.uniform(-8.0, 8.0);
        band(g, shore, kCanvas + 10, water(rng));
        const Colour pier = jitterColourNormal({150, 150, 150}, 12.0, rng);
        const int piers = int(rng.integer(3, 5));
        const double spacing = kCanvas / double(piers + 1);
        for (int i = 1; i <= piers; ++i) {
            const double x = i * spacing;
            const double length = rng.uniform(15.0, 28.0);
            rect(g, x - 1.5, shore - 2, x + 1.5, shore + length, pier);
            for (double y = shore + 4; y < shore + length; y += 6) {
                if (rng.chance(0.65)) rect(g, x + 2.5, y, x + 5.0, y + 4.5, white);
                if (rng.chance(0.65)) rect(g, x - 5.0, y, x - 2.5, y + 4.5, white);
            }
        }
        break;
    }
    case kBridge: {
        const double half = rng.uniform(9.0, 14.0);
        band(g, kMid - half, kMid + half, water(rng));
        const double tilt = rng.uniform(-0.5, 0.5);
        const cv::Point2d dir(std::sin(tilt) * 70, std::cos(tilt) * 70);
        const cv::Point2d c(kMid + rng.uniform(-8.0, 8.0), kMid);
        cv::line(g, fp(c - dir), fp(c + dir), toScalar(asphalt(rng)), 6, cv::LINE_AA, kShift);
        break;
    }
    default: {  // kBaseballDiamond: a dirt fan with a grass diamond at its point
        const double r = rng.uniform(24.0, 32.0);
        const cv::Point2d home(kMid - 0.35 * r, kMid + 0.35 * r);
        cv::ellipse(g, fp(home), cv::Size(fl(r), fl(r)), -90, 0, 90,
                    toScalar(jitterColourNormal({175, 125, 85}, 15.0, rng)), cv::FILLED,
                    cv::LINE_AA, kShift);
        const double d = 0.5 * r;
        const cv::Point2d centre = home + cv::Point2d(d / 2, -d / 2);
        std::vector<cv::Point> diamond = {fp(home), fp(home.x + d, home.y),
                                          fp(home.x + d, home.y - d), fp(home.x, home.y - d)};
        cv::fillConvexPoly(g, diamond, toScalar(jitterColourNormal({70, 150, 60}, 15.0, rng)),
                           cv::LINE_AA, kShift);
        cv::polylines(g, diamond, true, toScalar(white), 1, cv::LINE_AA, kShift);
        disc(g, centre, 1.5, {175, 125, 85});
        break;
    }
    }
}

class SynAerial final : public ImageGenerator {
public:
    std::string id() const override { return "syn_aerial"; }
    std::string displayName() const override { return "SynAerial"; }
    std::vector<std::string> classNames() const override {
        return {"runway",        "roundabout",         "parking_lot", "circular_farmland",
                "storage_tanks", "ground_track_field", "railway",     "harbor",
                "bridge",        "baseball_diamond"};
    }
    int version() const override { return 1; }

    cv::Mat render(int label, Rng& rng) const override {
        cv::Mat ground = randomGround(kCanvas, rng);
        drawStructure(ground, label, rng);
        const double angle = rng.uniform(0.0, 360.0);
        const double scale = rng.uniform(0.9, 1.2);
        const double out = (kRenderSize - 1) / 2.0;
        cv::Mat image =
            warpAffineExact(ground, placementTransform({kMid, kMid}, {out, out}, angle, scale),
                            cv::Size(kRenderSize, kRenderSize), cv::BORDER_REFLECT_101);
        adjustBrightness(image, rng.uniform(0.85, 1.15), 0.0);
        return finish(image, {/*blur*/ 0.3, 2.0, 8.0}, rng);
    }
};

}  // namespace

std::unique_ptr<ImageGenerator> makeSynAerial() { return std::make_unique<SynAerial>(); }

}  // namespace ms::data::synth
