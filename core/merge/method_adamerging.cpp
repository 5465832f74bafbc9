// AdaMerging: task-wise or layer-wise merging coefficients learned by entropy minimisation
// (Yang et al., ICLR 2024).
#include "core/merge/adamerging_model.h"
#include "core/merge/builtin_methods.h"

namespace ms::merge {

namespace {

class AdaMerging : public MergeMethod {
public:
    const MethodInfo& info() const override {
        static const MethodInfo info = [] {
            MethodInfo m{"adamerging", "AdaMerging", MethodKind::Adaptive, "Yang et al., ICLR 2024",
                         "https://arxiv.org/abs/2310.02575",
                         "θ = θ0 + Σt λt τt (task-wise)   or   θ^k = θ0^k + Σt λt,k τt^k (layer-wise)",
                         "Task arithmetic whose coefficients are learned at test time by minimising the entropy of "
                         "the predictions on unlabeled test images. Layer-wise AdaMerging gives every parameter "
                         "tensor its own λ per task.",
                         {{"granularity", "Coefficients", ParamType::Choice, 0, 0, 0, {"layer", "task"},
                           "layer: one λ per task and parameter tensor (layer-wise AdaMerging, the stronger one); "
                           "task: one λ per task."},
                          {"init_lambda", "Initial λ", ParamType::Real, 0.3, -1.0, 2.0, {},
                           "Every coefficient starts here; 0.3 is task arithmetic's default."}}};
            for (auto& p : adaptationParams(1e-3)) m.parameters.push_back(p);
            return m;
        }();
        return info;
    }
    std::unique_ptr<MergedModel> build(const MergeInputs& inputs, const nlohmann::json& given,
                                       const Callbacks&) const override {
        const auto params = info().resolve(given);
        const auto granularity = choiceParam(params, "granularity") == "task" ? AdaMergingGranularity::TaskWise
                                                                               : AdaMergingGranularity::LayerWise;
        return std::make_unique<AdaMergingModel>(inputs, granularity, realParam(params, "init_lambda"));
    }
};

}  // namespace

const MergeMethod& builtin::adaMerging() {
    static const AdaMerging method;
    return method;
}

}  // namespace ms::merge
