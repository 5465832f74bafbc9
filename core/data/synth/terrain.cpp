#include "core/data/synth/terrain.h"

#include <array>

namespace ms::data::synth {

cv::Mat mixedTexture(int size, Colour first, Colour second, double baseCell, double jitterSd,
                     Rng& rng) {
    const Colour a = jitterColourNormal(first, jitterSd, rng);
    const Colour b = jitterColourNormal(second, jitterSd, rng);
    return blendColours(fbm(size, size, baseCell, 4, rng), a, b);
}

cv::Mat randomGround(int size, Rng& rng) {
    static constexpr std::array<std::array<uint8_t, 3>, 6> kEarth = {{
        {110, 130, 70},   // grass
        {150, 145, 95},   // dry grass
        {140, 115, 85},   // soil
        {95, 110, 70},    // scrub
        {160, 150, 125},  // bare ground
        {125, 105, 95},   // reddish soil
    }};
    const auto pick = [&rng]() {
        const auto& c = kEarth[size_t(rng.integer(0, int64_t(kEarth.size()) - 1))];
        return Colour(c[0], c[1], c[2]);
    };
    const Colour first = pick();
    const Colour second = pick();
    const double cell = rng.uniform(8.0, 24.0) * size / 64.0;
    return mixedTexture(size, first, second, cell, 20.0, rng);
}

}  // namespace ms::data::synth
