// TIES-merging: trim, elect sign, disjoint merge (Yadav et al., NeurIPS 2023).
#include "core/merge/builtin_methods.h"
#include "core/merge/ties.h"

namespace ms::merge {

namespace {

class Ties : public StaticMergeMethod {
public:
    const MethodInfo& info() const override {
        static const MethodInfo info{
            "ties", "TIES-merging", MethodKind::Static, "Yadav et al., NeurIPS 2023",
            "https://arxiv.org/abs/2306.01708",
            "τ̂t = trim_k(τt);  γ = sign(Σt τ̂t);  τm = mean{τ̂t : sign(τ̂t) = γ};  θ = θ0 + λ τm",
            "Resolves interference in three steps: keep only the largest k % of each task vector, elect a "
            "sign per entry by total mass, and average only the entries that agree with it.",
            {{"k", "Keep top k %", ParamType::Real, 20.0, 0.0, 100.0, {},
              "Percentage of entries of each task vector kept by magnitude (trim step). Default 20 "
              "(Yadav et al., NeurIPS 2023)."},
             lambdaParam("λ scales the merged task vector: θ = θ0 + λ τm. Default 0.3, as FusionBench uses for "
                         "CLIP ViT-B/32."),
             {"trim_scope", "Trim scope", ParamType::Choice, 0, 0, 0, {"whole_model", "per_tensor"},
              "whole_model: one magnitude threshold per task over all its entries (FusionBench). "
              "per_tensor: one threshold per tensor (MergeKit)."},
             {"disjoint", "Disjoint merge", ParamType::Choice, 0, 0, 0, {"mean", "sum", "max"},
              "How the entries that agree with the elected sign are combined: their mean (the paper), "
              "sum, or the one of largest magnitude."}}};
        return info;
    }
    TensorMap mergeWeights(const MergeInputs& inputs, const nlohmann::json& params,
                           const Callbacks& callbacks) const override {
        callbacks.report(0, 3, "trim");
        const auto trimmed = trimTaskVectors(taskVectors(inputs), realParam(params, "k"),
                                             parseTrimScope(choiceParam(params, "trim_scope")));
        callbacks.report(1, 3, "elect sign");
        const auto signs = electSigns(trimmed);
        callbacks.report(2, 3, "disjoint merge");
        const auto merged = disjointMerge(trimmed, signs, parseDisjointMerge(choiceParam(params, "disjoint")));
        callbacks.report(3, 3, "done");
        return addScaled(*inputs.pretrained, {merged}, {realParam(params, "lambda")});
    }
};

}  // namespace

const MergeMethod& builtin::ties() {
    static const Ties method;
    return method;
}

}  // namespace ms::merge
