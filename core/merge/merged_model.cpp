#include "core/merge/merged_model.h"

#include <torch/torch.h>

#include "core/util/error.h"

namespace ms::merge {

void MergedModel::loadLearnedState(const model::TensorMap& state) {
    torch::NoGradGuard noGrad;
    auto params = trainable();
    for (auto& [name, tensor] : params) {
        auto it = state.find(name);
        if (it == state.end()) throw Error("the learned state lacks tensor '" + name + "'");
        if (it->second.sizes() != tensor.sizes())
            throw Error("learned tensor '" + name + "' has shape " +
                        io::describeShape({it->second.sizes().begin(), it->second.sizes().end()}) + ", expected " +
                        io::describeShape({tensor.sizes().begin(), tensor.sizes().end()}));
        tensor.copy_(it->second.to(tensor.device(), tensor.scalar_type()));
    }
    for (const auto& [name, tensor] : state) {
        bool known = false;
        for (const auto& p : params) known = known || p.first == name;
        if (!known) throw Error("the learned state has tensor '" + name + "', which this model does not have");
    }
}

model::TensorMap MergedModel::learnedState() {
    model::TensorMap out;
    for (const auto& [name, tensor] : trainable()) out.emplace(name, tensor.detach().cpu().clone());
    return out;
}

}  // namespace ms::merge
