// DARE: drop and rescale task vectors, then task arithmetic (Yu et al., ICML 2024).
#include <torch/torch.h>

#include "core/merge/builtin_methods.h"
#include "core/merge/task_vectors.h"

namespace ms::merge {

namespace {

class Dare : public StaticMergeMethod {
public:
    const MethodInfo& info() const override {
        static const MethodInfo info{
            "dare", "DARE + task arithmetic", MethodKind::Static, "Yu et al., ICML 2024",
            "https://arxiv.org/abs/2311.03099", "τ̃t = mt ⊙ τt / (1 − p),  mt ~ Bernoulli(1 − p);  θ = θ0 + λ Σt τ̃t",
            "Drops each entry of each task vector at random with probability p and rescales the survivors "
            "by 1/(1 − p), which keeps the expected update; then merges by task arithmetic. The masks come "
            "from the recipe's seed.",
            {{"drop_rate", "Drop rate p", ParamType::Real, 0.5, 0.0, 0.99, {},
              "Probability of dropping each task-vector entry. Yu et al. drop up to 90 % of delta "
              "parameters in language models."},
             {"rescale", "Rescale by 1/(1−p)", ParamType::Boolean, 1.0, 0, 1, {},
              "Divide the surviving entries by 1 − p so each task vector keeps its expected value."},
             lambdaParam("λ scales the sum of the sparsified task vectors, as in task arithmetic.")}};
        return info;
    }
    TensorMap mergeWeights(const MergeInputs& inputs, const nlohmann::json& params,
                           const Callbacks& callbacks) const override {
        const double p = realParam(params, "drop_rate");
        const double scale = boolParam(params, "rescale") ? 1.0 / (1.0 - p) : 1.0;
        auto generator = at::make_generator<at::CPUGeneratorImpl>(inputs.seed);
        auto vectors = taskVectors(inputs);
        // Masks are drawn on the CPU in a fixed order (task, then tensor name), so a seed means the
        // same merge on every device.
        for (auto& tv : vectors)
            for (auto& [name, t] : tv) {
                const auto keep = torch::bernoulli(torch::full(t.sizes(), 1.0 - p, t.options().device(torch::kCPU)),
                                                   generator);
                t = t * keep.to(t.device()) * scale;
            }
        return addScaled(*inputs.pretrained, vectors,
                         std::vector<double>(vectors.size(), realParam(params, "lambda")));
    }
};

}  // namespace

const MergeMethod& builtin::dare() {
    static const Dare method;
    return method;
}

}  // namespace ms::merge
