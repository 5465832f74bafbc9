#include <torch/torch.h>

#include "core/merge/builtin_methods.h"
#include "core/util/error.h"

namespace ms::merge {

std::unique_ptr<MergedModel> StaticMergeMethod::build(const MergeInputs& inputs, const nlohmann::json& params,
                                                      const Callbacks& callbacks) const {
    inputs.validate();
    torch::NoGradGuard noGrad;
    return std::make_unique<DenseModel>(inputs.config, mergeWeights(inputs, info().resolve(params), callbacks),
                                        inputs.device, inputs.taskNames);
}

ParamDef lambdaParam(const std::string& tooltip, double defaultValue) {
    ParamDef p;
    p.id = "lambda";
    p.label = "Scaling λ";
    p.type = ParamType::Real;
    p.defaultValue = defaultValue;
    p.minimum = -1.0;
    p.maximum = 2.0;
    p.tooltip = tooltip;
    return p;
}

std::vector<ParamDef> adaptationParams(double defaultLearningRate) {
    return {{"steps", "Adaptation steps", ParamType::Integer, 1000, 0, 100000, {},
             "Adam steps of test-time adaptation. Each step draws one batch of unlabeled test images per "
             "task and minimises Σt mean entropy (ALGORITHM.md §4). Default 1000."},
            {"lr", "Learning rate", ParamType::Real, defaultLearningRate, 1e-6, 1.0, {},
             "Adam learning rate (betas 0.9, 0.999, no weight decay).", true},
            {"batch_size", "Images per task per step", ParamType::Integer, 16, 1, 4096, {},
             "Unlabeled test images drawn per seen task in each step. Default 16."},
            {"schedule", "Learning-rate schedule", ParamType::Choice, 0, 0, 0, {"constant", "cosine"},
             "constant, or cosine decay to 0 over the steps."}};
}

const std::vector<const MergeMethod*>& allMethods() {
    // Explicit, not self-registering: static initialisers in a static library can be dropped.
    static const std::vector<const MergeMethod*> methods{
        &builtin::simpleAveraging(), &builtin::taskArithmetic(), &builtin::ties(), &builtin::dare(),
        &builtin::adaMerging(),      &builtin::wemoe(),          &builtin::eWemoe()};
    return methods;
}

const MergeMethod& findMethod(const std::string& id) {
    std::string known;
    for (const auto* m : allMethods()) {
        if (m->info().id == id) return *m;
        known += (known.empty() ? "" : ", ") + m->info().id;
    }
    throw Error("unknown merge method '" + id + "'; the methods are: " + known);
}

}  // namespace ms::merge
