#pragma once
// A batch of small RGB images in host memory, the currency of the data layer. Torch-free so
// generators, readers and the GUI can share it.
#include <cstdint>
#include <string>
#include <vector>

namespace ms::data {

struct ImageBatch {
    int height = 0;
    int width = 0;
    std::vector<uint8_t> pixels;  // count() * height * width * 3, RGB, row-major (HWC per image)
    std::vector<int64_t> labels;  // count() entries

    int64_t count() const { return static_cast<int64_t>(labels.size()); }
    int64_t imageBytes() const { return int64_t(height) * width * 3; }
    const uint8_t* image(int64_t i) const { return pixels.data() + i * imageBytes(); }
    uint8_t* image(int64_t i) { return pixels.data() + i * imageBytes(); }
};

}  // namespace ms::data
