#pragma once
// CLIP preprocessing into model inputs: 8-bit RGB → float [3, S, S], scaled by 1/255 and
// normalised per channel (or standardised per image, when the preprocessor config says so).
#include <cstdint>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <torch/types.h>

#include "core/data/image_batch.h"
#include "core/model/preprocess_config.h"

namespace ms::model {

// Any-size 8-bit RGB image → [3, crop, crop].
torch::Tensor preprocessImage(const cv::Mat& rgb, const PreprocessConfig& config);

// Reads, converts and preprocesses an image file; errors name the file.
torch::Tensor preprocessImageFile(const std::string& path, const PreprocessConfig& config);

// Images `indices` of a batch → [n, 3, crop, crop]. Batches already at the crop size skip OpenCV.
torch::Tensor preprocessBatch(const data::ImageBatch& batch, const std::vector<int64_t>& indices,
                              const PreprocessConfig& config);
torch::Tensor preprocessRange(const data::ImageBatch& batch, int64_t begin, int64_t count,
                              const PreprocessConfig& config);

// [n, H, W, 3] uint8 → normalised [n, 3, H, W] float (no resizing).
torch::Tensor normaliseUint8(const torch::Tensor& nhwc, const PreprocessConfig& config);

}  // namespace ms::model
