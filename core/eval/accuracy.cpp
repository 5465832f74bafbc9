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

TaskAccuracy scoreFeatures(const std::string& task, const model::ClassificationHead& head,
                           const torch::Tensor& features, const std::vector<int64_t>& labels) {
    torch::NoGradGuard noGrad;
    const auto logits = head.logits(features.to(head.classEmbeddings.device())).to(torch::kFloat64).cpu();
    const auto predictions = logits.argmax(1);
    const auto logProbabilities = torch::log_softmax(logits, 1);
    const auto entropy = -(logProbabilities.exp() * logProbabilities).sum(1);
    const int64_t n = features.size(0);
    const auto truth = torch::tensor(std::vector<int64_t>(labels.begin(), labels.begin() + n), torch::kInt64);
    const auto right = predictions.eq(truth);
    TaskAccuracy result;
    result.task = task;
    result.total = n;
    result.correct = right.sum().item<int64_t>();
    result.entropySum = entropy.sum().item<double>();
    result.entropySumCorrect = entropy.masked_select(right).sum().item<double>();
    const int64_t classes = head.numClasses();
    result.confusion = torch::bincount(truth * classes + predictions, {}, classes * classes).view({classes, classes});
    return result;
}

TaskAccuracy evaluateTask(const std::string& task, const model::VisionConfig& config, const model::VisionParams& params,
                          const model::ClassificationHead& head, const data::ImageBatch& images,
                          const model::PreprocessConfig& preprocess, const EvalSettings& settings,
                          const Callbacks& callbacks) {
    return scoreFeatures(task, head, imageFeatures(config, params, images, preprocess, settings, callbacks), images.labels);
}

}  // namespace ms::eval
