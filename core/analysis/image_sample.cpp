#include "core/analysis/image_sample.h"

#include <vector>

#include <torch/torch.h>

#include "core/model/preprocess.h"
#include "core/util/error.h"

namespace ms::analysis {

ImageSample sampleImages(const data::ImageBatch& images, int64_t n, const model::PreprocessConfig& preprocess,
                         const torch::Device& device) {
    const int64_t total = images.count();
    if (total == 0) throw Error("a task has no test images to measure on");
    const int64_t count = (n <= 0 || n >= total) ? total : n;
    std::vector<int64_t> indices, labels;
    for (int64_t i = 0; i < count; ++i) {
        indices.push_back(i * total / count);
        labels.push_back(images.labels[size_t(indices.back())]);
    }
    return {model::preprocessBatch(images, indices, preprocess).to(device), torch::tensor(labels, torch::kInt64).to(device)};
}

}  // namespace ms::analysis
