#include "core/merge/adamerging_model.h"

#include <torch/torch.h>

#include "core/merge/task_vectors.h"

namespace ms::merge {

AdaMergingModel::AdaMergingModel(const MergeInputs& inputs, AdaMergingGranularity granularity, double initLambda)
    : MergedModel(inputs.config, inputs.device, inputs.taskNames), granularity_(granularity) {
    inputs.validate();
    torch::NoGradGuard noGrad;
    const auto vectors = taskVectors(inputs);
    for (const auto& [name, base] : *inputs.pretrained) {
        names_.push_back(name);
        base_.push_back(base.to(inputs.device, torch::kFloat32));
        std::vector<torch::Tensor> rows;
        for (const auto& tv : vectors) rows.push_back(tv.at(name).flatten());
        stacks_.push_back(torch::stack(rows).to(inputs.device));
    }
    const auto tasks = int64_t(inputs.taskCount());
    const auto options = torch::TensorOptions().dtype(torch::kFloat32).device(inputs.device);
    lambdas_ = granularity == AdaMergingGranularity::TaskWise
                   ? torch::full({tasks}, initLambda, options)
                   : torch::full({tasks, int64_t(names_.size())}, initLambda, options);
    lambdas_.requires_grad_(true);
}

model::TensorMap AdaMergingModel::mergedTensors() const {
    model::TensorMap out;
    for (size_t k = 0; k < names_.size(); ++k) {
        const auto coefficients = granularity_ == AdaMergingGranularity::TaskWise ? lambdas_ : lambdas_.select(1, int64_t(k));
        out.emplace(names_[k], base_[k] + torch::mv(stacks_[k].t(), coefficients).view(base_[k].sizes()));
    }
    return out;
}

torch::Tensor AdaMergingModel::encode(const torch::Tensor& pixels, std::vector<torch::Tensor>* routing) {
    if (routing) routing->clear();
    const auto params = model::VisionParams::fromTensors(config(), mergedTensors(), device(), false);
    return model::encodeImages(config(), params, pixels);
}

std::optional<model::TensorMap> AdaMergingModel::denseWeights() const {
    torch::NoGradGuard noGrad;
    auto merged = mergedTensors();
    for (auto& [name, t] : merged) t = t.detach().cpu();
    return merged;
}

double AdaMergingModel::lambdaOf(size_t task, size_t tensor) const {
    return granularity_ == AdaMergingGranularity::TaskWise ? lambdas_[int64_t(task)].item<double>()
                                                            : lambdas_[int64_t(task)][int64_t(tensor)].item<double>();
}

}  // namespace ms::merge
