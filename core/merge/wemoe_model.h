#pragma once
// The WEMoE-upscaled encoder (ALGORITHM.md §3): every tensor outside the MLPs merged by task
// arithmetic at init_lambda, every MLP a weight-ensembling mixture of its pretrained weights and
// the task vectors, mixed per sample by a router trained at test time.
#include <vector>

#include "core/merge/merge_inputs.h"
#include "core/merge/router.h"
#include "core/merge/wemoe_mlp.h"
#include "core/model/vision_transformer.h"
#include "core/run/progress.h"

namespace ms::merge {

struct WemoeOptions {
    int routerDepth = 2;
    double initLambda = 0.3;
    bool perBatch = false;      // FusionBench's batch_reduce: one set of coefficients per batch
    double pruneRatio = 0.0;    // E-WEMoE: drop this fraction of each MLP task vector by magnitude
    bool sharedRouter = false;  // E-WEMoE: one router for every layer
};

class WemoeModel : public MergedModel {
public:
    WemoeModel(const MergeInputs& inputs, const WemoeOptions& options, const Callbacks& callbacks = {});

    torch::Tensor encode(const torch::Tensor& pixels, std::vector<torch::Tensor>* routing = nullptr) override;
    // "routers.<layer>.fc1.weight" … (or "routers.shared.…"); see Router::appendTrainable.
    NamedTensors trainable() override;
    bool routes() const override { return true; }

    const WemoeOptions& options() const { return options_; }
    int64_t routerParameterCount() const;
    int64_t expertParameterCount() const;  // task vectors held by the MoE modules (τ only, not W0)

private:
    const Router& routerFor(int layer) const { return routers_[options_.sharedRouter ? 0 : size_t(layer)]; }

    WemoeOptions options_;
    model::VisionParams body_;  // task arithmetic at init_lambda; its MLP tensors are unused
    std::vector<MlpExperts> experts_;
    std::vector<Router> routers_;
};

}  // namespace ms::merge
