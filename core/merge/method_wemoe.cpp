// WEMoE (Tang et al., ICML 2024) and its efficient variant E-WEMoE (arXiv 2410.21804): one
// class, registered twice with different defaults (as MergeKit does for TIES and task arithmetic).
#include "core/merge/builtin_methods.h"
#include "core/merge/wemoe_model.h"

namespace ms::merge {

namespace {

std::vector<ParamDef> wemoeParams(double pruneDefault, bool sharedDefault) {
    std::vector<ParamDef> params{
        {"router_depth", "Router depth", ParamType::Integer, 2, 0, 2, {},
         "2: r(h) = W2·ReLU(W1 h + b1) + b2 (the paper's default); 1: r(h) = W h + b; 0: r = b, a free "
         "vector (AdaMerging restricted to the MLPs). W ~ N(0, 0.01²)."},
        {"init_lambda", "Initial λ", ParamType::Real, 0.3, -1.0, 2.0, {},
         "λ of the task arithmetic that merges everything outside the MLPs, and the routers' initial output "
         "bias: at initialisation WEMoE equals task arithmetic at λ."},
        {"routing", "Routing", ParamType::Choice, 0, 0, 0, {"per_sample", "per_batch"},
         "per_sample: W_b = W0 + Σt r_b,t τt for every image (the paper). per_batch: one r averaged over the "
         "batch (FusionBench's batch_reduce); on single-task batches it leaks the task identity."},
        {"prune_ratio", "Task-vector pruning", ParamType::Real, pruneDefault, 0.0, 0.99, {},
         "E-WEMoE: fraction of each MLP task vector dropped by magnitude (per tensor). 0 keeps all."},
        {"shared_router", "One router for all layers", ParamType::Boolean, sharedDefault ? 1.0 : 0.0, 0, 1, {},
         "E-WEMoE: a single router shared by every layer instead of one per layer."}};
    for (auto& p : adaptationParams(1e-4)) params.push_back(p);
    return params;
}

class Wemoe : public MergeMethod {
public:
    explicit Wemoe(MethodInfo info) : info_(std::move(info)) {}
    const MethodInfo& info() const override { return info_; }
    std::unique_ptr<MergedModel> build(const MergeInputs& inputs, const nlohmann::json& given,
                                       const Callbacks& callbacks) const override {
        const auto params = info_.resolve(given);
        WemoeOptions options;
        options.routerDepth = int(intParam(params, "router_depth"));
        options.initLambda = realParam(params, "init_lambda");
        options.perBatch = choiceParam(params, "routing") == "per_batch";
        options.pruneRatio = realParam(params, "prune_ratio");
        options.sharedRouter = boolParam(params, "shared_router");
        return std::make_unique<WemoeModel>(inputs, options, callbacks);
    }

private:
    MethodInfo info_;
};

}  // namespace

const MergeMethod& builtin::wemoe() {
    static const Wemoe method(MethodInfo{
        "wemoe", "WEMoE", MethodKind::Adaptive, "Tang et al., ICML 2024", "https://arxiv.org/abs/2402.00433",
        "W_b = W0 + Σt r_b,t τt  (MLPs),   r_b = mean_n router(LN2(h_bn));   other weights: θ0 + λ Σt τt",
        "Merges everything but the MLPs by task arithmetic and turns each MLP into a weight-ensembling mixture "
        "of experts: a router looks at each image's tokens and mixes the task vectors for that image. Only the "
        "routers train, by entropy minimisation on unlabeled test images.",
        wemoeParams(0.0, false)});
    return method;
}

const MergeMethod& builtin::eWemoe() {
    static const Wemoe method(MethodInfo{
        "e_wemoe", "E-WEMoE", MethodKind::Adaptive, "Shen et al., arXiv 2410.21804",
        "https://arxiv.org/abs/2410.21804",
        "W_b = W0 + Σt r_b,t prune_p(τt),   one router shared by all layers",
        "WEMoE made lean: each MLP task vector keeps only its largest (1 − p) fraction of entries and a single "
        "router serves every layer. The paper reports no loss of accuracy at p = 0.9.",
        wemoeParams(0.9, true)});
    return method;
}

}  // namespace ms::merge
