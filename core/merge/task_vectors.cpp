#include "core/merge/task_vectors.h"

#include <torch/torch.h>

#include "core/merge/merge_inputs.h"
#include "core/util/error.h"

namespace ms::merge {

namespace {

const torch::Tensor& require(const TensorMap& map, const std::string& name) {
    auto it = map.find(name);
    if (it == map.end()) throw Error("cannot merge: a checkpoint lacks tensor '" + name + "'");
    return it->second;
}

}  // namespace

TensorMap taskVector(const TensorMap& finetuned, const TensorMap& pretrained) {
    TensorMap out;
    for (const auto& [name, base] : pretrained)
        out.emplace(name, require(finetuned, name).to(torch::kFloat32) - base.to(torch::kFloat32));
    return out;
}

std::vector<TensorMap> taskVectors(const MergeInputs& inputs) {
    std::vector<TensorMap> out;
    for (const auto* ft : inputs.finetuned) out.push_back(taskVector(*ft, *inputs.pretrained));
    return out;
}

TensorMap simpleAverage(const std::vector<const TensorMap*>& finetuned) {
    if (finetuned.empty()) throw Error("cannot average zero checkpoints");
    TensorMap out;
    for (const auto& [name, first] : *finetuned.front()) {
        auto sum = first.to(torch::kFloat32, false, /*copy=*/true);
        for (size_t t = 1; t < finetuned.size(); ++t) sum.add_(require(*finetuned[t], name).to(torch::kFloat32));
        out.emplace(name, sum.div_(double(finetuned.size())));
    }
    return out;
}

TensorMap taskArithmetic(const TensorMap& pretrained, const std::vector<const TensorMap*>& finetuned, double lambda) {
    TensorMap out;
    for (const auto& [name, base] : pretrained) {
        const auto base32 = base.to(torch::kFloat32);
        auto merged = base32.clone();
        for (const auto* ft : finetuned) merged.add_(require(*ft, name).to(torch::kFloat32) - base32, lambda);
        out.emplace(name, merged);
    }
    return out;
}

TensorMap addScaled(const TensorMap& pretrained, const std::vector<TensorMap>& vectors,
                    const std::vector<double>& coefficients) {
    TensorMap out;
    for (const auto& [name, base] : pretrained) {
        auto merged = base.to(torch::kFloat32, false, /*copy=*/true);
        for (size_t t = 0; t < vectors.size(); ++t) merged.add_(require(vectors[t], name), coefficients[t]);
        out.emplace(name, merged);
    }
    return out;
}

int encoderLayerOf(const std::string& name) {
    static const std::string prefix = "encoder.layers.";
    if (name.compare(0, prefix.size(), prefix) != 0) return -1;
    return std::atoi(name.c_str() + prefix.size());
}

bool isMlpTensor(const std::string& name) { return name.find(".mlp.fc") != std::string::npos; }
bool isAttentionTensor(const std::string& name) { return name.find(".self_attn.") != std::string::npos; }

}  // namespace ms::merge
