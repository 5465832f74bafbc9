#include "core/analysis/entropy_signal.h"

#include <torch/torch.h>

#include "core/adapt/entropy_adaptation.h"
#include "core/merge/wemoe_model.h"
#include "core/model/preprocess.h"
#include "core/util/error.h"

namespace ms::analysis {

torch::Tensor EntropySignal::total() const { return perLayer.sum(0); }

torch::Tensor EntropySignal::ownVectorFirst() const {
    const auto tasks = perLayer.size(1);
    const auto own = perLayer.argmin(2);  // [layers, T]: the vector that lowers each task's entropy most
    return own.eq(torch::arange(tasks, own.options()).unsqueeze(0)).to(torch::kFloat64).mean(1);
}

EntropySignal entropySignal(eval::PoolEvaluator& evaluator, const merge::MergeInputs& inputs,
                            const model::PreprocessConfig& preprocess, double lambda, int64_t batchSize,
                            const Callbacks& callbacks) {
    if (batchSize < 1) throw Error("the entropy signal needs a batch size of at least 1");
    merge::WemoeOptions options;
    options.routerDepth = 0;  // one free coefficient per layer and task vector: the gradient is the signal
    options.initLambda = lambda;
    merge::WemoeModel model(inputs, options, callbacks);
    const auto coefficients = model.trainable();  // one [T] vector per layer, in layer order
    const auto tasks = int64_t(inputs.taskCount());
    const auto layers = int64_t(coefficients.size());

    EntropySignal signal;
    signal.tasks = inputs.taskNames;
    signal.perLayer = torch::zeros({layers, tasks, tasks}, torch::kFloat64);
    auto adaptTasks = evaluator.adaptationTasks();  // pixels and heads only: no label is read
    for (int64_t s = 0; s < tasks; ++s) {
        const auto& task = adaptTasks[size_t(s)];
        const auto head = task.head.to(model.device());
        for (const auto& [name, c] : coefficients)
            if (c.grad().defined()) c.mutable_grad().zero_();
        const int64_t n = task.images->count();
        for (int64_t begin = 0; begin < n; begin += batchSize) {
            if (callbacks.shouldStop()) throw Cancelled{};
            const int64_t end = std::min(n, begin + batchSize);
            const auto pixels = model::preprocessRange(*task.images, begin, end - begin, preprocess).to(model.device());
            // The batch's share of the mean over all n images, so the gradients add up to it.
            const auto loss = adapt::meanEntropy(head.logits(model.encode(pixels))) * (double(end - begin) / double(n));
            loss.backward();
        }
        for (int64_t l = 0; l < layers; ++l)
            signal.perLayer[l][s].copy_(coefficients[size_t(l)].second.grad().to(torch::kCPU, torch::kFloat64));
        callbacks.report(s + 1, tasks, "entropy signal");
    }
    return signal;
}

}  // namespace ms::analysis
