#pragma once
// A small, fully specified random generator for the synthetic data sets.
//
// Why not <random>: std::mt19937_64 itself is portable, but every std::*_distribution is
// implementation-defined, so the same seed gives different images under libstdc++ and libc++.
// And cv::theRNG() is global state shared by every thread. This class is splitmix64 (public
// domain, Steele/Lea/Vigna) plus distributions written out by hand, so a (seed, index) pair
// means the same image everywhere.
#include <cstdint>

namespace ms::data {

class Rng {
public:
    explicit Rng(uint64_t seed) : state_(seed) {}

    // The raw splitmix64 stream.
    uint64_t next();

    // Uniform double in [0, 1) with 53 random bits.
    double uniform01();
    // Uniform double in [lo, hi).
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform01(); }
    // Uniform integer in [lo, hi], both ends included. Requires lo <= hi.
    int64_t integer(int64_t lo, int64_t hi);
    // True with probability p.
    bool chance(double p) { return uniform01() < p; }
    // Normal draw (Box–Muller; the second value of each pair is kept for the next call).
    double normal(double mean, double sd);

    // Mixes (seed, index) into a well-spread seed for the index-th independent stream, so
    // neighbouring indices do not give correlated images.
    static uint64_t streamSeed(uint64_t seed, uint64_t index);

private:
    uint64_t state_;
    double spareNormal_ = 0.0;
    bool hasSpare_ = false;
};

}  // namespace ms::data
