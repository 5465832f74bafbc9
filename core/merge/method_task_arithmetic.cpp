// Task arithmetic: θ = θ0 + λ Σt τt (Ilharco et al., ICLR 2023).
#include "core/merge/builtin_methods.h"
#include "core/merge/task_vectors.h"

namespace ms::merge {

namespace {

class TaskArithmetic : public StaticMergeMethod {
public:
    const MethodInfo& info() const override {
        static const MethodInfo info{
            "task_arithmetic", "Task arithmetic", MethodKind::Static, "Ilharco et al., ICLR 2023",
            "https://arxiv.org/abs/2212.04089", "θ = θ0 + λ Σt τt,   τt = θt − θ0",
            "Adds the scaled sum of the task vectors to the pretrained weights. One λ for every task and "
            "every layer, so the task vectors interfere wherever they disagree.",
            {lambdaParam("λ scales the sum of task vectors: θ = θ0 + λ Σt τt. The paper's default is 0.3 "
                         "(Ilharco et al., ICLR 2023).")}};
        return info;
    }
    TensorMap mergeWeights(const MergeInputs& inputs, const nlohmann::json& params, const Callbacks&) const override {
        return merge::taskArithmetic(*inputs.pretrained, inputs.finetuned, realParam(params, "lambda"));
    }
};

}  // namespace

const MergeMethod& builtin::taskArithmetic() {
    static const TaskArithmetic method;
    return method;
}

}  // namespace ms::merge
