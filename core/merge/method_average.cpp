// Simple weight averaging: θ = mean_t θt (Wortsman et al., model soups, ICML 2022).
#include "core/merge/builtin_methods.h"
#include "core/merge/task_vectors.h"

namespace ms::merge {

namespace {

class SimpleAveraging : public StaticMergeMethod {
public:
    const MethodInfo& info() const override {
        static const MethodInfo info{
            "average", "Simple averaging", MethodKind::Static, "Wortsman et al., ICML 2022 (model soups)",
            "https://arxiv.org/abs/2203.05482", "θ = (1/T) Σt θt",
            "Averages the fine-tuned weights entry by entry. Equal to task arithmetic with λ = 1/T. "
            "Cheap and often decent, but every task's update is diluted by the others.",
            {}};
        return info;
    }
    TensorMap mergeWeights(const MergeInputs& inputs, const nlohmann::json&, const Callbacks&) const override {
        return simpleAverage(inputs.finetuned);
    }
};

}  // namespace

const MergeMethod& builtin::simpleAveraging() {
    static const SimpleAveraging method;
    return method;
}

}  // namespace ms::merge
