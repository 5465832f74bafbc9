#pragma once
// Turns a generator into a data set: class-balanced labels in a seeded shuffled order, one
// independent random stream per image, rendered on several threads with a result that does
// not depend on the thread count.
#include <cstdint>

#include "core/data/image_batch.h"
#include "core/data/synth/image_generator.h"

namespace ms::data {

// `count` images of `generator`. Label of slot i before shuffling is i % K (so the classes
// differ by at most one image), then the order is shuffled with Fisher–Yates driven by
// Rng(seed). Image i is rendered from Rng(Rng::streamSeed(seed, i)).
// threads <= 0 means std::thread::hardware_concurrency(). Throws ms::Error when count < 0 or
// a rendered image is not 32x32 CV_8UC3.
ImageBatch generate(const ImageGenerator& generator, int64_t count, uint64_t seed, int threads = 0);

// The label order generate() uses, exposed for tests and for callers that only need labels.
std::vector<int64_t> balancedShuffledLabels(int classCount, int64_t count, uint64_t seed);

}  // namespace ms::data
