#pragma once
// A fixed, evenly spread subset of a task's test images, preprocessed once: what the diagnostics
// measure on, so that each runs in minutes whatever the size of the test set.
#include <cstdint>

#include <torch/types.h>

#include "core/data/image_batch.h"
#include "core/model/preprocess_config.h"

namespace ms::analysis {

struct ImageSample {
    torch::Tensor pixels;  // [n, 3, S, S], preprocessed, on the requested device
    torch::Tensor labels;  // [n] int64, on the same device (only the label-reading diagnostics use them)
    int64_t count() const { return labels.size(0); }
};

// `n` images at even spacing over the batch (all of them when n ≤ 0 or n ≥ its size).
ImageSample sampleImages(const data::ImageBatch& images, int64_t n, const model::PreprocessConfig& preprocess,
                         const torch::Device& device);

}  // namespace ms::analysis
