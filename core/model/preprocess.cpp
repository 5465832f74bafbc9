#include "core/model/preprocess.h"

#include <numeric>

#include <torch/torch.h>

#include "core/data/image_file.h"
#include "core/util/error.h"

namespace ms::model {

torch::Tensor normaliseUint8(const torch::Tensor& nhwc, const PreprocessConfig& config) {
    auto x = nhwc.permute({0, 3, 1, 2}).to(torch::kFloat32).div_(255.0f).contiguous();
    if (config.perImageStandardize) {
        const auto flat = x.view({x.size(0), -1});
        const auto mean = flat.mean(1, /*keepdim=*/true);
        const auto stdev = flat.std(1, /*unbiased=*/false, /*keepdim=*/true).clamp_min(1e-3);
        return ((flat - mean) / stdev).view_as(x);
    }
    const auto mean = torch::tensor(std::vector<float>(config.mean.begin(), config.mean.end())).view({1, 3, 1, 1});
    const auto stdev = torch::tensor(std::vector<float>(config.std.begin(), config.std.end())).view({1, 3, 1, 1});
    return (x - mean) / stdev;
}

torch::Tensor preprocessImage(const cv::Mat& rgb, const PreprocessConfig& config) {
    if (rgb.empty() || rgb.type() != CV_8UC3) throw Error("preprocessing expects an 8-bit RGB image");
    const cv::Mat cropped = data::resizeAndCrop(rgb, config.shortestEdge, config.cropSize);
    const auto nhwc = torch::from_blob(const_cast<uint8_t*>(cropped.ptr<uint8_t>()),
                                       {1, config.cropSize, config.cropSize, 3}, torch::kUInt8);
    return normaliseUint8(nhwc, config).squeeze(0);
}

torch::Tensor preprocessImageFile(const std::string& path, const PreprocessConfig& config) {
    return preprocessImage(data::readImageRgb(path), config);
}

torch::Tensor preprocessBatch(const data::ImageBatch& batch, const std::vector<int64_t>& indices,
                              const PreprocessConfig& config) {
    for (int64_t i : indices)
        if (i < 0 || i >= batch.count()) throw Error("image index " + std::to_string(i) + " is out of range");
    if (batch.height == config.cropSize && batch.width == config.cropSize) {
        const auto all = torch::from_blob(const_cast<uint8_t*>(batch.pixels.data()),
                                          {batch.count(), batch.height, batch.width, 3}, torch::kUInt8);
        return normaliseUint8(all.index_select(0, torch::tensor(indices, torch::kInt64)), config);
    }
    std::vector<torch::Tensor> images;
    images.reserve(indices.size());
    for (int64_t i : indices) {
        const cv::Mat view(batch.height, batch.width, CV_8UC3, const_cast<uint8_t*>(batch.image(i)));
        images.push_back(preprocessImage(view, config));
    }
    return torch::stack(images);
}

torch::Tensor preprocessRange(const data::ImageBatch& batch, int64_t begin, int64_t count,
                              const PreprocessConfig& config) {
    std::vector<int64_t> indices(size_t(std::max<int64_t>(count, 0)));
    std::iota(indices.begin(), indices.end(), begin);
    return preprocessBatch(batch, indices, config);
}

}  // namespace ms::model
