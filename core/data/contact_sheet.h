#pragma once
// Grids of small images for the docs and the GUI gallery, and a PNG writer for RGB images.
#include <string>

#include <opencv2/core.hpp>

#include "core/data/image_batch.h"

namespace ms::data {

// Gap between cells, in output pixels; gaps are white.
constexpr int kContactSheetGap = 2;

// The first min(count, maxImages) images (all when maxImages <= 0) in a grid of `columns`,
// each scaled by `scale` with nearest-neighbour so pixels stay sharp. Cell (r, c) starts at
// x = c * (width * scale + gap), y = r * (height * scale + gap). Returns CV_8UC3 RGB, or an
// empty Mat when there is nothing to show. Throws ms::Error when columns or scale < 1.
cv::Mat contactSheet(const ImageBatch& batch, int columns, int scale, int maxImages);

// One row per class (label order), the first `perClass` images of that class in batch order,
// left-aligned; rows of classes with fewer images are padded with white.
cv::Mat contactSheetByClass(const ImageBatch& batch, int classCount, int perClass, int scale);

// Writes an RGB (or gray) 8-bit image as PNG. Throws ms::Error(path, ...) on failure.
void writePng(const cv::Mat& rgb, const std::string& path);

}  // namespace ms::data
