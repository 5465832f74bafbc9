// SynScenes, the SUN397 analogue: a horizon with sky above and ground below, plus the objects
// of the scene class. Unlike the prototype (99.6% after fine-tuning, because each class had
// its own colours), sky and ground colours are drawn from pools shared by all classes, so the
// objects (sea band, dunes, trees, buildings, peaks, stars, sun, flowers, water) decide.
// The classes that are a kind of light or ground (night, sunset, snowfield) keep that
// property, but other classes show the same skies and grounds some of the time.
#include <algorithm>
#include <array>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "core/data/synth/drawing.h"
#include "core/data/synth/generator_factories.h"

namespace ms::data::synth {

namespace {

enum SceneClass {
    kBeach,
    kDesert,
    kForest,
    kCity,
    kMountain,
    kSnowfield,
    kNight,
    kSunset,
    kMeadow,
    kLake
};
enum Sky { kDay, kHaze, kOvercast, kDusk, kNightSky };

struct SkyGradient {
    Colour top, bottom;
};
const SkyGradient kSkies[] = {
    {{80, 150, 225}, {175, 215, 245}},   // day
    {{150, 175, 205}, {215, 220, 225}},  // haze
    {{115, 125, 135}, {175, 180, 185}},  // overcast
    {{70, 55, 120}, {240, 150, 80}},     // dusk
    {{5, 10, 30}, {25, 35, 75}},         // night
};
const Colour kGrounds[] = {{75, 130, 55},   {155, 150, 85}, {210, 190, 135}, {130, 100, 70},
                           {115, 115, 110}, {55, 60, 45}};  // grass, dry, sand, dirt, rock, dark
const Colour kSand(210, 190, 135), kGrass(75, 130, 55), kSnow(235, 238, 242);

constexpr int kShift = 4;
cv::Point fp(double x, double y) { return {int(std::lround(x * 16)), int(std::lround(y * 16))}; }

struct Scene {
    cv::Mat image;
    double horizon = 32;  // y of the horizon, render pixels
    Sky sky = kDay;
    bool dark() const { return sky == kNightSky || sky == kDusk; }
};

Sky pickSky(int label, Rng& rng) {
    if (label == kNight) return kNightSky;
    if (label == kSunset) return kDusk;
    const double u = rng.uniform01();
    if (u < 0.10) return kNightSky;
    if (u < 0.22) return kDusk;
    return Sky(rng.integer(0, 2));
}

Colour pickGround(int label, Rng& rng) {
    if (label == kSnowfield) return kSnow;
    if ((label == kBeach || label == kDesert) && rng.chance(0.5)) return kSand;
    if (label == kMeadow && rng.chance(0.5)) return kGrass;
    if (label != kBeach && label != kDesert && label != kMeadow && rng.chance(0.12)) return kSnow;
    return kGrounds[rng.integer(0, 5)];
}

void fillPolygon(cv::Mat& image, const std::vector<cv::Point>& points, Colour colour) {
    cv::fillPoly(image, std::vector<std::vector<cv::Point>>{points}, toScalar(colour), cv::LINE_AA,
                 kShift);
}

// Light level of the scene: objects are dimmed under a dusk or night sky.
Colour lit(const Scene& s, Colour c) {
    const double k = s.sky == kNightSky ? 0.35 : s.sky == kDusk ? 0.7 : 1.0;
    return Colour(uint8_t(c[0] * k), uint8_t(c[1] * k), uint8_t(c[2] * k));
}

void paintSkyAndGround(Scene& s, Colour groundColour, Rng& rng) {
    const SkyGradient& sky = kSkies[s.sky];
    const Colour top = jitterColourNormal(sky.top, 12.0, rng);
    const Colour bottom = jitterColourNormal(sky.bottom, 12.0, rng);
    const Colour ground = lit(s, jitterColourNormal(groundColour, 15.0, rng));
    const Colour groundShade(uint8_t(ground[0] * 0.75), uint8_t(ground[1] * 0.75),
                             uint8_t(ground[2] * 0.75));
    const cv::Mat texture = fbm(kRenderSize, kRenderSize, rng.uniform(8.0, 20.0), 3, rng);
    for (int y = 0; y < kRenderSize; ++y)
        for (int x = 0; x < kRenderSize; ++x) {
            auto& px = s.image.at<cv::Vec3b>(y, x);
            const double t = y < s.horizon ? y / s.horizon : texture.at<float>(y, x);
            const Colour a = y < s.horizon ? top : ground, b = y < s.horizon ? bottom : groundShade;
            for (int k = 0; k < 3; ++k) px[k] = uint8_t(a[k] + (b[k] - a[k]) * t);
        }
}

void drawObjects(Scene& s, int label, Rng& rng) {
    const double h = s.horizon;
    cv::Mat& img = s.image;
    switch (label) {
    case kBeach: {
        const double shore = h + rng.uniform(0.25, 0.5) * (kRenderSize - h);
        fillPolygon(img, {fp(-1, h), fp(65, h), fp(65, shore), fp(-1, shore)},
                    lit(s, jitterColourNormal({40, 100, 170}, 15.0, rng)));
        cv::line(img, fp(-1, shore), fp(65, shore), toScalar(lit(s, {230, 235, 240})), 1,
                 cv::LINE_AA, kShift);
        break;
    }
    case kDesert: {
        const int dunes = int(rng.integer(3, 5));
        for (int i = 0; i < dunes; ++i) {
            const double cx = rng.uniform(-5.0, 69.0);
            const double cy = h + rng.uniform(-2.0, 0.5 * (kRenderSize - h));
            const double ax = rng.uniform(18.0, 34.0);
            const double ay = rng.uniform(4.0, 9.0);
            const double tone = rng.uniform(0.7, 1.25);
            const Colour base = s.image.at<cv::Vec3b>(std::min(63, int(cy + ay)), 32);
            const Colour dune(cv::saturate_cast<uint8_t>(base[0] * tone),
                              cv::saturate_cast<uint8_t>(base[1] * tone),
                              cv::saturate_cast<uint8_t>(base[2] * tone));
            cv::ellipse(img, fp(cx, cy + ay), cv::Size(int(ax * 16), int(ay * 2 * 16)), 0, 180, 360,
                        toScalar(dune), cv::FILLED, cv::LINE_AA, kShift);
        }
        break;
    }
    case kForest: {
        const int trees = int(rng.integer(8, 19));
        for (int i = 0; i < trees; ++i) {
            const double x = rng.uniform(-4.0, 68.0);
            const double base = h + rng.uniform(0.0, 10.0);
            const double height = rng.uniform(10.0, 28.0);
            const double halfWidth = height * rng.uniform(0.25, 0.4);
            const Colour green = lit(s, jitterColourNormal({30, 85, 40}, 18.0, rng));
            fillPolygon(img,
                        {fp(x, base - height), fp(x + halfWidth, base), fp(x - halfWidth, base)},
                        green);
        }
        break;
    }
    case kCity: {
        double x = rng.uniform(-6.0, 0.0);
        while (x < 64) {
            const double w = rng.uniform(5.0, 12.0);
            const double height = rng.uniform(8.0, 30.0);
            const double grey = rng.uniform(70.0, 170.0);
            const Colour wall = lit(
                s,
                jitterColourNormal(Colour(uint8_t(grey), uint8_t(grey), uint8_t(grey)), 20.0, rng));
            const double top = h - height, bottom = h + 2;
            fillPolygon(img, {fp(x, top), fp(x + w, top), fp(x + w, bottom), fp(x, bottom)}, wall);
            const Colour window = s.dark() ? Colour(250, 220, 120) : Colour(200, 215, 230);
            for (double wy = top + 2; wy < h - 1; wy += 4)
                for (double wx = x + 1.5; wx < x + w - 1.5; wx += 3)
                    if (rng.chance(0.6))
                        cv::rectangle(img, cv::Rect(int(wx), int(wy), 1, 2), toScalar(window),
                                      cv::FILLED);
            x += w + rng.uniform(0.0, 3.0);
        }
        break;
    }
    case kMountain: {
        const int peaks = int(rng.integer(1, 3));
        for (int i = 0; i < peaks; ++i) {
            const double x = rng.uniform(8.0, 56.0);
            const double height = rng.uniform(15.0, std::min(32.0, h - 2));
            const double halfWidth = height * rng.uniform(1.0, 1.6);
            const Colour rock = lit(s, jitterColourNormal({105, 110, 120}, 18.0, rng));
            fillPolygon(
                img, {fp(x, h - height), fp(x + halfWidth, h + 1), fp(x - halfWidth, h + 1)}, rock);
            const double cap = rng.uniform(0.25, 0.4);
            fillPolygon(img,
                        {fp(x, h - height), fp(x + halfWidth * cap, h - height * (1 - cap)),
                         fp(x - halfWidth * cap, h - height * (1 - cap))},
                        lit(s, kSnow));
        }
        break;
    }
    case kSnowfield: {
        const int hills = int(rng.integer(1, 3));
        for (int i = 0; i < hills; ++i) {
            const double cx = rng.uniform(0.0, 64.0);
            const double ax = rng.uniform(20.0, 40.0);
            const double ay = rng.uniform(3.0, 8.0);
            cv::ellipse(img, fp(cx, h + 1), cv::Size(int(ax * 16), int(ay * 16)), 0, 180, 360,
                        toScalar(lit(s, jitterColourNormal({225, 230, 240}, 8.0, rng))), cv::FILLED,
                        cv::LINE_AA, kShift);
        }
        break;
    }
    case kNight: {
        const int stars = int(rng.integer(20, 60));
        for (int i = 0; i < stars; ++i) {
            const double x = rng.uniform(0.0, 64.0);
            const double y = rng.uniform(0.0, h - 2);
            const int brightness = int(rng.integer(150, 255));
            cv::circle(img, fp(x, y), 8, cv::Scalar(brightness, brightness, brightness), cv::FILLED,
                       cv::LINE_AA, kShift);
        }
        const double mx = rng.uniform(8.0, 56.0);
        const double my = rng.uniform(5.0, std::max(6.0, h - 10));
        cv::circle(img, fp(mx, my), int(rng.uniform(3.0, 6.0) * 16), cv::Scalar(240, 240, 225),
                   cv::FILLED, cv::LINE_AA, kShift);
        break;
    }
    case kSunset: {
        const double x = rng.uniform(10.0, 54.0);
        const double r = rng.uniform(5.0, 9.0);
        const double sink = rng.uniform(-0.6, 0.4) * r;
        cv::Mat sky = img(cv::Rect(0, 0, kRenderSize, int(h)));
        cv::circle(sky, fp(x, h + sink), int((r + 3) * 16), cv::Scalar(250, 190, 110), cv::FILLED,
                   cv::LINE_AA, kShift);
        cv::circle(sky, fp(x, h + sink), int(r * 16), cv::Scalar(255, 225, 120), cv::FILLED,
                   cv::LINE_AA, kShift);
        break;
    }
    case kMeadow: {
        static const Colour flowers[] = {
            {220, 40, 40}, {240, 220, 50}, {245, 245, 245}, {170, 80, 200}};
        const int count = int(rng.integer(40, 120));
        for (int i = 0; i < count; ++i) {
            const double x = rng.uniform(0.0, 64.0);
            const double y = rng.uniform(h + 1, 64.0);
            const double radius =
                0.6 + 1.2 * (y - h) / (kRenderSize - h);  // nearer flowers are larger
            const Colour colour = lit(s, flowers[rng.integer(0, 3)]);
            cv::circle(img, fp(x, y), int(radius * 16), toScalar(colour), cv::FILLED, cv::LINE_AA,
                       kShift);
        }
        break;
    }
    default: {  // kLake: water up to the horizon, low hills behind it
        const Colour water = lit(s, jitterColourNormal({45, 95, 150}, 15.0, rng));
        const Colour deep(uint8_t(water[0] * 0.8), uint8_t(water[1] * 0.8),
                          uint8_t(water[2] * 0.8));
        const cv::Mat ripple = fbm(kRenderSize, kRenderSize, 12.0, 2, rng);
        for (int y = int(std::ceil(h)); y < kRenderSize; ++y)
            for (int x = 0; x < kRenderSize; ++x) {
                const double t = ripple.at<float>(y, x);
                for (int k = 0; k < 3; ++k)
                    img.at<cv::Vec3b>(y, x)[k] = uint8_t(water[k] + (deep[k] - water[k]) * t);
            }
        const int hills = int(rng.integer(1, 4));
        const Colour hill = lit(s, jitterColourNormal({60, 80, 70}, 15.0, rng));
        for (int i = 0; i < hills; ++i) {
            const double x = rng.uniform(0.0, 64.0);
            const double height = rng.uniform(4.0, 10.0);
            const double halfWidth = height * rng.uniform(1.5, 3.0);
            fillPolygon(img,
                        {fp(x, h - height), fp(x + halfWidth, h + 0.5), fp(x - halfWidth, h + 0.5)},
                        hill);
        }
        break;
    }
    }
}

class SynScenes final : public ImageGenerator {
public:
    std::string id() const override { return "syn_scenes"; }
    std::string displayName() const override { return "SynScenes"; }
    std::vector<std::string> classNames() const override {
        return {"beach",     "desert", "forest", "city",   "mountain",
                "snowfield", "night",  "sunset", "meadow", "lake"};
    }
    int version() const override { return 1; }

    cv::Mat render(int label, Rng& rng) const override {
        Scene scene;
        scene.image = cv::Mat(kRenderSize, kRenderSize, CV_8UC3);
        scene.horizon = rng.uniform(0.35, 0.6) * kRenderSize;
        scene.sky = pickSky(label, rng);
        const Colour ground = pickGround(label, rng);
        paintSkyAndGround(scene, ground, rng);
        drawObjects(scene, label, rng);
        if (rng.chance(0.5)) cv::flip(scene.image, scene.image, 1);
        adjustBrightness(scene.image, rng.uniform(0.8, 1.2), 0.0);
        return finish(scene.image, {/*blur*/ 0.3, 2.0, 8.0}, rng);
    }
};

}  // namespace

std::unique_ptr<ImageGenerator> makeSynScenes() { return std::make_unique<SynScenes>(); }

}  // namespace ms::data::synth
