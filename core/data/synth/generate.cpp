#include "core/data/synth/generate.h"

#include <algorithm>
#include <cstring>
#include <exception>
#include <mutex>
#include <thread>

#include "core/util/error.h"
#include "core/util/parallel_for.h"

namespace ms::data {

std::vector<int64_t> balancedShuffledLabels(int classCount, int64_t count, uint64_t seed) {
    std::vector<int64_t> labels(static_cast<size_t>(count));
    for (int64_t i = 0; i < count; ++i) labels[size_t(i)] = i % classCount;
    Rng rng(seed);
    for (int64_t i = count - 1; i > 0; --i) {
        const int64_t j = rng.integer(0, i);
        std::swap(labels[size_t(i)], labels[size_t(j)]);
    }
    return labels;
}

ImageBatch generate(const ImageGenerator& generator, int64_t count, uint64_t seed, int threads) {
    if (count < 0) throw ms::Error(generator.id() + ": negative image count");
    const int classCount = generator.classCount();
    if (classCount <= 0) throw ms::Error(generator.id() + ": generator has no classes");

    ImageBatch batch;
    batch.height = ImageGenerator::kImageSize;
    batch.width = ImageGenerator::kImageSize;
    batch.labels = balancedShuffledLabels(classCount, count, seed);
    batch.pixels.resize(size_t(count * batch.imageBytes()));
    if (count == 0) return batch;

    if (threads <= 0) threads = int(std::max(1u, std::thread::hardware_concurrency()));
    threads = int(std::min<int64_t>(threads, count));

    // OpenCV's own parallel_for_ stays serial for images this small (its stripe count is
    // pixels / 65536), so the workers neither oversubscribe nor need cv::setNumThreads, which
    // would change a process-wide setting under the caller's feet.
    parallelFor(count, threads, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i) {
            Rng rng(Rng::streamSeed(seed, uint64_t(i)));
            const cv::Mat image = generator.render(int(batch.labels[size_t(i)]), rng);
            if (image.rows != batch.height || image.cols != batch.width ||
                image.type() != CV_8UC3 || !image.isContinuous())
                throw ms::Error(generator.id() + ": render() must return a continuous " +
                                "32x32 CV_8UC3 image");
            std::memcpy(batch.image(i), image.data, size_t(batch.imageBytes()));
        }
    });
    return batch;
}

}  // namespace ms::data
