#pragma once
// Internals of idx_reader shared with real_sources.cpp: reading gray images without the
// RGB copy, so that 60,000 MNIST images are expanded and padded in one pass.
#include <cstdint>
#include <string>
#include <vector>

#include "core/data/image_batch.h"

namespace ms::data::detail {

struct IdxGray {
    int64_t count = 0;
    int rows = 0, cols = 0;
    std::vector<uint8_t> pixels;  // count * rows * cols
};

IdxGray readIdxImagesGray(const std::string& path);
std::vector<int64_t> readIdxLabels(const std::string& path);
// Gray -> RGB, zero-padded (centred) to at least size x size; size 0 keeps the size.
ImageBatch grayToRgb(const IdxGray& gray, std::vector<int64_t> labels, int size);
ImageBatch readIdxPairPadded(const std::string& imagesPath, const std::string& labelsPath,
                             int size);

}  // namespace ms::data::detail
