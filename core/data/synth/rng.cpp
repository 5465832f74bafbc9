#include "core/data/synth/rng.h"

#include <cmath>

namespace ms::data {

namespace {

constexpr uint64_t kGoldenGamma = 0x9E3779B97F4A7C15ull;

uint64_t mix64(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

}  // namespace

uint64_t Rng::next() {
    state_ += kGoldenGamma;
    return mix64(state_);
}

double Rng::uniform01() {
    // The top 53 bits fill a double's mantissa exactly: no rounding, no bias.
    return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

int64_t Rng::integer(int64_t lo, int64_t hi) {
    const uint64_t span = static_cast<uint64_t>(hi - lo) + 1;  // 0 means the full 2^64 range
    if (span == 0) return static_cast<int64_t>(next());
    // Lemire's multiply-high: the bias is below span / 2^64, far under anything visible.
    const unsigned __int128 wide = static_cast<unsigned __int128>(next()) * span;
    return lo + static_cast<int64_t>(static_cast<uint64_t>(wide >> 64));
}

double Rng::normal(double mean, double sd) {
    if (hasSpare_) {
        hasSpare_ = false;
        return mean + sd * spareNormal_;
    }
    // u1 in (0, 1] so the logarithm is finite.
    const double u1 = (static_cast<double>(next() >> 11) + 1.0) * 0x1.0p-53;
    const double u2 = uniform01();
    const double radius = std::sqrt(-2.0 * std::log(u1));
    const double angle = 2.0 * M_PI * u2;
    spareNormal_ = radius * std::sin(angle);
    hasSpare_ = true;
    return mean + sd * radius * std::cos(angle);
}

uint64_t Rng::streamSeed(uint64_t seed, uint64_t index) {
    return mix64(seed ^ mix64(index * kGoldenGamma + 0x632BE59BD9B4E019ull));
}

}  // namespace ms::data
