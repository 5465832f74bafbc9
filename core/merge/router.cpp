#include "core/merge/router.h"

#include <torch/torch.h>

#include "core/util/error.h"

namespace ms::merge {

namespace {

constexpr double kInitStd = 0.01;

torch::Tensor normalInit(std::vector<int64_t> shape, torch::Generator& generator, const torch::Device& device) {
    // Drawn on the CPU so a seed gives the same router on every device.
    return torch::normal(0.0, kInitStd, shape, generator).to(device).requires_grad_(true);
}

}  // namespace

Router::Router(int depth, int64_t width, int64_t tasks, double initLambda, torch::Generator& generator,
               const torch::Device& device)
    : depth_(depth) {
    if (depth < 0 || depth > 2) throw Error("router depth must be 0, 1 or 2, not " + std::to_string(depth));
    const auto options = torch::TensorOptions().dtype(torch::kFloat32).device(device);
    if (depth == 2) {
        w1_ = normalInit({width, width}, generator, device);
        b1_ = torch::zeros({width}, options).requires_grad_(true);
    }
    if (depth >= 1) w2_ = normalInit({tasks, width}, generator, device);
    b2_ = torch::full({tasks}, initLambda, options).requires_grad_(true);
}

torch::Tensor Router::route(const torch::Tensor& tokens) const {
    namespace F = torch::nn::functional;
    if (depth_ == 0) return b2_.unsqueeze(0).expand({tokens.size(0), b2_.size(0)});
    auto h = tokens;
    if (depth_ == 2) h = torch::relu(F::linear(h, w1_, b1_));
    // mean_n (W h_n + b) = W mean_n(h_n) + b: exact for the last linear map, and N× cheaper.
    return F::linear(h.mean(1), w2_, b2_);
}

void Router::appendTrainable(const std::string& prefix, NamedTensors& out) const {
    if (depth_ == 2) {
        out.emplace_back(prefix + "fc1.weight", w1_);
        out.emplace_back(prefix + "fc1.bias", b1_);
        out.emplace_back(prefix + "fc2.weight", w2_);
        out.emplace_back(prefix + "fc2.bias", b2_);
    } else if (depth_ == 1) {
        out.emplace_back(prefix + "weight", w2_);
        out.emplace_back(prefix + "bias", b2_);
    } else {
        out.emplace_back(prefix + "bias", b2_);
    }
}

int64_t Router::parameterCount() const {
    int64_t n = 0;
    for (const auto& t : {w1_, b1_, w2_, b2_})
        if (t.defined()) n += t.numel();
    return n;
}

}  // namespace ms::merge
