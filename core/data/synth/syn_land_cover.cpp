// SynLandCover, the EuroSAT analogue: ten land-use classes seen from above. Colour is
// informative on purpose (as in EuroSAT); the classes that share the generic ground differ by
// their structures (roads, rivers, roofs).
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "core/data/synth/drawing.h"
#include "core/data/synth/generator_factories.h"
#include "core/data/synth/terrain.h"

namespace ms::data::synth {

namespace {

enum LandClass {
    kAnnualCrop,
    kForest,
    kHerbaceous,
    kHighway,
    kIndustrial,
    kPasture,
    kPermanentCrop,
    kResidential,
    kRiver,
    kSeaLake
};

constexpr double kColourJitter = 25.0;

void fillRotatedRect(cv::Mat& image, cv::Point2d centre, cv::Size2d size, double angleDegrees,
                     Colour colour) {
    cv::Point2f corners[4];
    cv::RotatedRect(cv::Point2f(float(centre.x), float(centre.y)),
                    cv::Size2f(float(size.width), float(size.height)), float(angleDegrees))
        .points(corners);
    std::vector<cv::Point> polygon;
    for (const auto& p : corners)
        polygon.emplace_back(int(std::lround(p.x * 16)), int(std::lround(p.y * 16)));
    cv::fillConvexPoly(image, polygon, toScalar(colour), cv::LINE_AA, 4);
}

cv::Mat annualCrop(Rng& rng) {
    static const Colour crops[4] = {{90, 140, 60}, {190, 170, 90}, {140, 110, 70}, {140, 170, 90}};
    Colour palette[4];
    for (int k = 0; k < 4; ++k) palette[k] = jitterColourNormal(crops[k], kColourJitter, rng);
    // Strips across the field: boundaries along the axis u = x cos(a) + y sin(a).
    std::vector<double> bounds = {-50.0};
    std::vector<int> colours;
    int previous = -1;
    while (bounds.back() < 50.0) {
        bounds.push_back(bounds.back() + rng.uniform(6.0, 18.0));
        int colour = int(rng.integer(0, 3));
        if (colour == previous) colour = (colour + 1) % 4;  // never two equal strips in a row
        colours.push_back(colour);
        previous = colour;
    }
    const double angle = rng.uniform(0.0, M_PI);
    const double ca = std::cos(angle), sa = std::sin(angle);
    const cv::Mat grain = fbm(kRenderSize, kRenderSize, 4.0, 2, rng);
    cv::Mat image(kRenderSize, kRenderSize, CV_8UC3);
    for (int y = 0; y < kRenderSize; ++y)
        for (int x = 0; x < kRenderSize; ++x) {
            const double u = (x - 31.5) * ca + (y - 31.5) * sa;
            size_t strip = 0;
            while (strip + 1 < colours.size() && bounds[strip + 1] < u) ++strip;
            const double shade = 0.9 + 0.2 * grain.at<float>(y, x);
            const Colour c = palette[colours[strip]];
            for (int k = 0; k < 3; ++k)
                image.at<cv::Vec3b>(y, x)[k] = cv::saturate_cast<uint8_t>(c[k] * shade);
        }
    return image;
}

cv::Mat permanentCrop(Rng& rng) {
    cv::Mat image =
        mixedTexture(kRenderSize, {150, 170, 100}, {170, 180, 120}, 16.0, kColourJitter, rng);
    const Colour tree = jitterColourNormal({60, 100, 40}, kColourJitter, rng);
    const double step = rng.uniform(4.0, 7.0);
    const double angle = rng.uniform(0.0, M_PI / 2);
    const double radius = step * rng.uniform(0.25, 0.35);
    const double ca = std::cos(angle), sa = std::sin(angle);
    const int reach = int(64 / step) + 2;
    for (int i = -reach; i <= reach; ++i)
        for (int j = -reach; j <= reach; ++j) {
            const double x = 31.5 + step * (i * ca - j * sa), y = 31.5 + step * (i * sa + j * ca);
            if (x < -4 || y < -4 || x > 68 || y > 68) continue;
            cv::circle(image, cv::Point(int(std::lround(x * 16)), int(std::lround(y * 16))),
                       int(std::lround(radius * 16)), toScalar(tree), cv::FILLED, cv::LINE_AA, 4);
        }
    return image;
}

cv::Mat highway(Rng& rng) {
    cv::Mat image = randomGround(kRenderSize, rng);
    // Asphalt varies in lightness, not in hue, so that a road never looks like a river.
    const double lightness = rng.normal(0.0, kColourJitter);
    const Colour asphalt = jitterColourNormal(Colour(cv::saturate_cast<uint8_t>(130 + lightness),
                                                     cv::saturate_cast<uint8_t>(125 + lightness),
                                                     cv::saturate_cast<uint8_t>(120 + lightness)),
                                              6.0, rng);
    const cv::Point2d through = jitteredCentre(31.5, 12.0, 12.0, rng);
    const double angle = rng.uniform(0.0, M_PI);
    const cv::Point2d dir(std::cos(angle) * 60, std::sin(angle) * 60);
    const int width = int(rng.integer(4, 7));
    cv::line(image, through - dir, through + dir, toScalar(asphalt), width, cv::LINE_AA);
    return image;
}

cv::Mat river(Rng& rng) {
    cv::Mat image = randomGround(kRenderSize, rng);
    const Colour water = jitterColourNormal({40, 70, 110}, kColourJitter, rng);
    const double angle = rng.uniform(0.0, M_PI);
    const double amplitude = rng.uniform(3.0, 9.0);
    const double wavelength = rng.uniform(25.0, 50.0);
    const double phase = rng.uniform(0.0, 2 * M_PI);
    const double offset = rng.uniform(-10.0, 10.0);
    const int width = int(rng.integer(5, 11));
    const cv::Point2d along(std::cos(angle), std::sin(angle)), across(-along.y, along.x);
    std::vector<cv::Point> path;
    for (double t = -50; t <= 50; t += 2) {
        const double side = offset + amplitude * std::sin(2 * M_PI * t / wavelength + phase);
        const cv::Point2d p = cv::Point2d(31.5, 31.5) + along * t + across * side;
        path.emplace_back(int(std::lround(p.x * 16)), int(std::lround(p.y * 16)));
    }
    cv::polylines(image, path, false, toScalar(water), width, cv::LINE_AA, 4);
    return image;
}

cv::Mat buildings(Rng& rng, bool industrial) {
    cv::Mat image = randomGround(kRenderSize, rng);
    const double gridAngle = rng.uniform(0.0, 90.0);
    const int count = industrial ? int(rng.integer(3, 7)) : int(rng.integer(15, 34));
    static const Colour residentialRoofs[3] = {{170, 70, 60}, {140, 140, 140}, {120, 80, 60}};
    for (int i = 0; i < count; ++i) {
        const cv::Point2d centre = jitteredCentre(31.5, 34.0, 34.0, rng);
        const double w = industrial ? rng.uniform(12.0, 28.0) : rng.uniform(3.0, 7.0);
        const double h = industrial ? rng.uniform(12.0, 28.0) : rng.uniform(3.0, 7.0);
        Colour roof;
        if (industrial) {
            const double grey = rng.uniform(175.0, 235.0);
            roof =
                jitterColourNormal(Colour(uint8_t(grey), uint8_t(grey), uint8_t(grey)), 12.0, rng);
        } else {
            roof = jitterColourNormal(residentialRoofs[rng.integer(0, 2)], 15.0, rng);
        }
        fillRotatedRect(image, centre, {w, h}, gridAngle, roof);
    }
    return image;
}

cv::Mat seaLake(Rng& rng) {
    cv::Mat image =
        mixedTexture(kRenderSize, {20, 50, 90}, {40, 80, 120}, 24.0, kColourJitter, rng);
    if (rng.chance(0.3)) {
        // A stretch of shore: a large disc of land centred outside the frame.
        const cv::Mat ground = randomGround(kRenderSize, rng);
        cv::Mat mask = cv::Mat::zeros(image.size(), CV_8UC1);
        const double a = rng.uniform(0.0, 2 * M_PI);
        const double reach = rng.uniform(50.0, 70.0);
        const cv::Point centre(int(31.5 + reach * std::cos(a)), int(31.5 + reach * std::sin(a)));
        cv::circle(mask, centre, int(rng.integer(30, 45)), cv::Scalar(255), cv::FILLED,
                   cv::LINE_AA);
        paintLayer(image, ground, mask);
    }
    return image;
}

cv::Mat drawLandCover(int label, Rng& rng) {
    switch (label) {
    case kAnnualCrop: return annualCrop(rng);
    case kForest:
        return mixedTexture(kRenderSize, {25, 60, 30}, {40, 90, 45}, 4.0, kColourJitter, rng);
    case kHerbaceous:
        return mixedTexture(kRenderSize, {100, 120, 60}, {130, 140, 80}, 6.0, kColourJitter, rng);
    case kHighway: return highway(rng);
    case kIndustrial: return buildings(rng, true);
    case kPasture:
        return mixedTexture(kRenderSize, {110, 150, 70}, {130, 170, 90}, 24.0, kColourJitter, rng);
    case kPermanentCrop: return permanentCrop(rng);
    case kResidential: return buildings(rng, false);
    case kRiver: return river(rng);
    default: return seaLake(rng);
    }
}

class SynLandCover final : public ImageGenerator {
public:
    std::string id() const override { return "syn_land_cover"; }
    std::string displayName() const override { return "SynLandCover"; }
    std::vector<std::string> classNames() const override {
        return {"AnnualCrop", "Forest",        "HerbaceousVegetation", "Highway", "Industrial",
                "Pasture",    "PermanentCrop", "Residential",          "River",   "SeaLake"};
    }
    int version() const override { return 1; }

    cv::Mat render(int label, Rng& rng) const override {
        cv::Mat image = drawLandCover(label, rng);
        if (rng.chance(0.5)) cv::flip(image, image, 1);
        const int quarterTurns = int(rng.integer(0, 3));
        if (quarterTurns > 0)
            cv::rotate(image, image,
                       quarterTurns == 1   ? cv::ROTATE_90_CLOCKWISE
                       : quarterTurns == 2 ? cv::ROTATE_180
                                           : cv::ROTATE_90_COUNTERCLOCKWISE);
        adjustBrightness(image, rng.uniform(0.8, 1.2), 0.0);
        return finish(image, {/*blur*/ 0.3, 2.0, 8.0}, rng);
    }
};

}  // namespace

std::unique_ptr<ImageGenerator> makeSynLandCover() { return std::make_unique<SynLandCover>(); }

}  // namespace ms::data::synth
