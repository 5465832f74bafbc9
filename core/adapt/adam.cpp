#include "core/adapt/adam.h"

#include <cmath>

#include <torch/torch.h>

#include "core/util/error.h"

namespace ms::adapt {

void Adam::update(const merge::NamedTensors& params, double learningRate, int64_t step) {
    torch::NoGradGuard noGrad;
    const double correction1 = 1.0 - std::pow(beta1_, double(step));
    const double correction2 = 1.0 - std::pow(beta2_, double(step));
    for (const auto& [name, p] : params) {
        const auto grad = p.grad();
        if (!grad.defined()) continue;
        auto& m = moments_[name];
        if (!m.mean.defined()) {
            m.mean = torch::zeros_like(p);
            m.square = torch::zeros_like(p);
        }
        m.mean.mul_(beta1_).add_(grad, 1.0 - beta1_);
        m.square.mul_(beta2_).addcmul_(grad, grad, 1.0 - beta2_);
        const auto denominator = (m.square / correction2).sqrt_().add_(eps_);
        p.addcdiv_(m.mean, denominator, -learningRate / correction1);
    }
}

std::map<std::string, torch::Tensor> Adam::state() const {
    std::map<std::string, torch::Tensor> out;
    for (const auto& [name, m] : moments_) {
        out["optimizer." + name + ".exp_avg"] = m.mean.cpu();
        out["optimizer." + name + ".exp_avg_sq"] = m.square.cpu();
    }
    return out;
}

void Adam::restore(const std::map<std::string, torch::Tensor>& state, const merge::NamedTensors& params) {
    moments_.clear();
    for (const auto& [name, p] : params) {
        auto mean = state.find("optimizer." + name + ".exp_avg");
        auto square = state.find("optimizer." + name + ".exp_avg_sq");
        if (mean == state.end() || square == state.end())
            throw Error("the saved optimizer state lacks the moments of '" + name + "'");
        if (mean->second.sizes() != p.sizes() || square->second.sizes() != p.sizes())
            throw Error("the saved optimizer moments of '" + name + "' do not match its shape");
        moments_[name] = {mean->second.to(p.device(), torch::kFloat32).clone(),
                          square->second.to(p.device(), torch::kFloat32).clone()};
    }
}

}  // namespace ms::adapt
