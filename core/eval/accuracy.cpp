#include "core/eval/accuracy.h"

#include <torch/torch.h>

#include "core/model/preprocess.h"

namespace ms::eval {

torch::Tensor imageFeatures(const model::VisionConfig& config, const model::VisionParams& params,
                            const data::ImageBatch& images, const model::PreprocessConfig& preprocess,
                            const EvalSettings& settings, const Callbacks& callbacks) {
    torch::NoGradGuard noGrad;
    const int64_t total = settings.maxImages > 0 ? std::min(settings.maxImages, images.count()) : images.count();
    std::vector<torch::Tensor> chunks;
    for (int64_t begin = 0; begin < total; begin += settings.batchSize) {
        if (callbacks.shouldStop()) throw Cancelled{};
        const int64_t count = std::min(settings.batchSize, total - begin);
        const auto pixels = model::preprocessRange(images, begin, count, preprocess).to(settings.device);
        chunks.push_back(model::encodeImages(config, params, pixels).cpu());
        callbacks.report(begin + count, total, "features");
    }
    if (chunks.empty()) return torch::zeros({0, config.projectionDim});
    return torch::cat(chunks);
}

TaskAccuracy evaluateTask(const std::string& task, const model::VisionConfig& config, const model::VisionParams& params,
                          const model::ClassificationHead& head, const data::ImageBatch& images,
                          const model::PreprocessConfig& preprocess, const EvalSettings& settings,
                          const Callbacks& callbacks) {
    const auto features = imageFeatures(config, params, images, preprocess, settings, callbacks);
    const auto predictions = head.logits(features).argmax(1);
    const int64_t n = features.size(0);
    const auto labels = torch::tensor(std::vector<int64_t>(images.labels.begin(), images.labels.begin() + n), torch::kInt64);
    TaskAccuracy result;
    result.task = task;
    result.total = n;
    result.correct = predictions.eq(labels).sum().item<int64_t>();
    const int64_t classes = head.numClasses();
    result.confusion = torch::bincount(labels * classes + predictions, {}, classes * classes).view({classes, classes});
    return result;
}

}  // namespace ms::eval
