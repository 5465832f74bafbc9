// WEMoE is exact: the lean weight-ensembling MLP equals the definition W_b = W0 + Σt r_b,t τt
// (checked against a naive per-sample implementation that lives here), its router gradient
// matches finite differences, and a router with zero weights and output bias λ is task arithmetic.
#include <torch/torch.h>

#include <QtTest>

#include "support/error_assertions.h"
#include "support/tiny_models.h"

#include "core/merge/merge_method.h"
#include "core/merge/task_vectors.h"
#include "core/merge/wemoe_mlp.h"
#include "core/merge/wemoe_model.h"
#include "core/model/vision_transformer.h"

using ms::merge::MlpExperts;

namespace {

constexpr int64_t kBatch = 3, kTokens = 4, kWidth = 5, kHidden = 7, kTasks = 3;

MlpExperts randomExperts(torch::ScalarType type, uint64_t seed) {
    auto g = at::make_generator<at::CPUGeneratorImpl>(seed);
    auto r = [&](std::vector<int64_t> shape) { return torch::normal(0.0, 0.5, shape, g).to(type); };
    return {r({kTasks + 1, kHidden, kWidth}), r({kTasks + 1, kHidden}), r({kTasks + 1, kWidth, kHidden}),
            r({kTasks + 1, kWidth})};
}

// The definition, one sample at a time, with W_b materialised and autograd keeping it.
torch::Tensor naiveMlp(const torch::Tensor& x, const torch::Tensor& routing, const MlpExperts& e) {
    std::vector<torch::Tensor> outputs;
    for (int64_t b = 0; b < x.size(0); ++b) {
        const auto rb = routing.size(0) == 1 ? routing[0] : routing[b];
        auto merge = [&](const torch::Tensor& stacked) {
            auto w = stacked[0];
            for (int64_t t = 0; t < rb.size(0); ++t) w = w + rb[t] * stacked[t + 1];
            return w;
        };
        outputs.push_back(ms::model::denseMlp(x[b], merge(e.fc1Weight), merge(e.fc1Bias), merge(e.fc2Weight),
                                              merge(e.fc2Bias)));
    }
    return torch::stack(outputs);
}

struct Gradients {
    torch::Tensor output, dx, dr;
};

Gradients gradientsOf(bool lean, const torch::Tensor& x0, const torch::Tensor& r0, const MlpExperts& e,
                      const torch::Tensor& upstream) {
    auto x = x0.clone().requires_grad_(true);
    auto r = r0.clone().requires_grad_(true);
    const auto y = lean ? ms::merge::weightEnsembledMlp(x, r, e) : naiveMlp(x, r, e);
    (y * upstream).sum().backward();
    return {y.detach(), x.grad(), r.grad()};
}

}  // namespace

class WemoeTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void leanMlpEqualsTheDefinition() {
        const auto e = randomExperts(torch::kFloat64, 1);
        const auto x = torch::randn({kBatch, kTokens, kWidth}, torch::kFloat64);
        const auto r = torch::randn({kBatch, kTasks}, torch::kFloat64);
        const auto upstream = torch::randn({kBatch, kTokens, kWidth}, torch::kFloat64);
        const auto lean = gradientsOf(true, x, r, e, upstream);
        const auto naive = gradientsOf(false, x, r, e, upstream);
        QVERIFY(torch::allclose(lean.output, naive.output, 1e-12, 1e-12));
        QVERIFY(torch::allclose(lean.dr, naive.dr, 1e-10, 1e-10));
        QVERIFY(torch::allclose(lean.dx, naive.dx, 1e-10, 1e-10));
        // Routing weights differ per sample, so the samples' outputs differ from a shared mix.
        QVERIFY(!torch::allclose(lean.output[0], naiveMlp(x, r.slice(0, 1, 2), e)[0], 1e-6, 1e-6));
    }

    void routerGradientMatchesFiniteDifferences() {
        const auto e = randomExperts(torch::kFloat64, 2);
        const auto x = torch::randn({kBatch, kTokens, kWidth}, torch::kFloat64);
        const auto r = torch::randn({kBatch, kTasks}, torch::kFloat64);
        const auto upstream = torch::randn({kBatch, kTokens, kWidth}, torch::kFloat64);
        const auto analytic = gradientsOf(true, x, r, e, upstream).dr;
        const double h = 1e-6;
        torch::NoGradGuard noGrad;
        for (int64_t b = 0; b < kBatch; ++b)
            for (int64_t t = 0; t < kTasks; ++t) {
                auto plus = r.clone(), minus = r.clone();
                plus[b][t] += h;
                minus[b][t] -= h;
                const double numeric = ((ms::merge::weightEnsembledMlp(x, plus, e) * upstream).sum() -
                                        (ms::merge::weightEnsembledMlp(x, minus, e) * upstream).sum())
                                           .item<double>() / (2 * h);
                QVERIFY2(std::abs(numeric - analytic[b][t].item<double>()) < 1e-6 * (1 + std::abs(numeric)),
                         (std::to_string(numeric) + " vs " + std::to_string(analytic[b][t].item<double>())).c_str());
            }
    }

    void float32MatchesFloat64() {
        const auto e64 = randomExperts(torch::kFloat64, 3);
        const MlpExperts e32{e64.fc1Weight.to(torch::kFloat32), e64.fc1Bias.to(torch::kFloat32),
                             e64.fc2Weight.to(torch::kFloat32), e64.fc2Bias.to(torch::kFloat32)};
        const auto x = torch::randn({kBatch, kTokens, kWidth}, torch::kFloat64);
        const auto r = torch::randn({kBatch, kTasks}, torch::kFloat64);
        const auto up = torch::ones({kBatch, kTokens, kWidth}, torch::kFloat64);
        const auto g64 = gradientsOf(true, x, r, e64, up);
        const auto g32 = gradientsOf(true, x.to(torch::kFloat32), r.to(torch::kFloat32), e32, up.to(torch::kFloat32));
        QVERIFY(torch::allclose(g32.dr.to(torch::kFloat64), g64.dr, 1e-4, 1e-4));
    }

    void sharedCoefficientsEqualPerSampleCopies() {
        const auto e = randomExperts(torch::kFloat64, 4);
        const auto x = torch::randn({kBatch, kTokens, kWidth}, torch::kFloat64);
        const auto r = torch::randn({1, kTasks}, torch::kFloat64);
        const auto shared = ms::merge::weightEnsembledMlp(x, r, e);
        const auto perSample = ms::merge::weightEnsembledMlp(x, r.expand({kBatch, kTasks}).contiguous(), e);
        QVERIFY(torch::allclose(shared, perSample, 1e-12, 1e-12));
        QVERIFY(torch::allclose(shared, naiveMlp(x, r, e), 1e-12, 1e-12));
    }

    void float32InferenceWithSharedCoefficientsEqualsTheDefinition() {
        // The path of a routing trace: float32, no autograd, one set of coefficients, the mixed
        // weights written into buffers kept per thread. Odd sizes, several images, 1 and 2 threads.
        auto g = at::make_generator<at::CPUGeneratorImpl>(7);
        auto r = [&](std::vector<int64_t> shape) { return torch::normal(0.0, 0.5, shape, g); };
        const int64_t width = 67, hidden = 131, tasks = 5;
        const MlpExperts e64{r({tasks + 1, hidden, width}).to(torch::kFloat64), r({tasks + 1, hidden}).to(torch::kFloat64),
                             r({tasks + 1, width, hidden}).to(torch::kFloat64), r({tasks + 1, width}).to(torch::kFloat64)};
        const MlpExperts e32{e64.fc1Weight.to(torch::kFloat32), e64.fc1Bias.to(torch::kFloat32),
                             e64.fc2Weight.to(torch::kFloat32), e64.fc2Bias.to(torch::kFloat32)};
        const auto x = r({2, 9, width}).to(torch::kFloat64);
        const auto routing = r({1, tasks}).to(torch::kFloat64);
        const auto expected = naiveMlp(x, routing, e64);
        const int threads = at::get_num_threads();
        for (int n : {1, 2}) {
            at::set_num_threads(n);
            torch::NoGradGuard noGrad;
            const auto y = ms::merge::weightEnsembledMlp(x.to(torch::kFloat32), routing.to(torch::kFloat32), e32);
            QCOMPARE(y.sizes(), expected.sizes());
            const double error = (y.to(torch::kFloat64) - expected).abs().max().item<double>();
            QVERIFY2(error < 2e-4 * expected.abs().max().item<double>(), qPrintable(QString::number(error)));
        }
        at::set_num_threads(threads);
    }

    void zeroRouterIsTaskArithmetic() {
        const ms::test::TinyPool pool(3);
        const auto in = pool.inputs();
        for (int depth : {0, 1, 2}) {
            auto model = ms::merge::findMethod("wemoe").build(in, {{"router_depth", depth}, {"init_lambda", 0.4}}, {});
            // Zero every router weight; the output biases keep λ = 0.4.
            auto state = model->learnedState();
            for (auto& [name, t] : state)
                if (name.find("bias") == std::string::npos || name.find("fc1") != std::string::npos) t.zero_();
            model->loadLearnedState(state);
            std::vector<const ms::model::TensorMap*> ft;
            for (const auto& f : pool.finetuned) ft.push_back(&f);
            const auto ta = ms::merge::taskArithmetic(pool.pretrained, ft, 0.4);
            const auto params = ms::model::VisionParams::fromTensors(pool.config, ta, torch::kCPU, false);
            const auto pixels = pool.pixels(4);
            std::vector<torch::Tensor> routing;
            const auto features = model->encode(pixels, &routing);
            QVERIFY2(torch::allclose(features, ms::model::encodeImages(pool.config, params, pixels), 1e-5, 1e-5),
                     ("depth " + std::to_string(depth)).c_str());
            QCOMPARE(int(routing.size()), pool.config.numLayers);
            QVERIFY(torch::allclose(routing[1], torch::full({4, 3}, 0.4f)));
        }
    }

    void perBatchEqualsPerSampleForOneImage() {
        const ms::test::TinyPool pool(2);
        auto perSample = ms::merge::findMethod("wemoe").build(pool.inputs(5), {}, {});
        auto perBatch = ms::merge::findMethod("wemoe").build(pool.inputs(5), {{"routing", "per_batch"}}, {});
        const auto one = pool.pixels(1);
        QVERIFY(torch::allclose(perSample->encode(one), perBatch->encode(one), 1e-6, 1e-6));
        // With several images the modes differ: the router's weights are not the same per image.
        auto trained = perSample->learnedState();
        for (auto& [name, t] : trained) t.normal_(0.0, 1.0);
        perSample->loadLearnedState(trained);
        perBatch->loadLearnedState(trained);
        const auto four = pool.pixels(4);
        QVERIFY(!torch::allclose(perSample->encode(four), perBatch->encode(four), 1e-4, 1e-4));
        QVERIFY(torch::allclose(perSample->encode(four.slice(0, 2, 3)), perBatch->encode(four.slice(0, 2, 3)), 1e-5, 1e-5));
    }

    void routersAndExpertsHaveTheDocumentedShapes() {
        const ms::test::TinyPool pool(3);
        const auto in = pool.inputs();
        const int64_t d = pool.config.hiddenSize, f = pool.config.intermediateSize, layers = pool.config.numLayers;
        auto wemoe = ms::merge::findMethod("wemoe").build(in, {}, {});
        const auto names = wemoe->trainable();
        QCOMPARE(int(names.size()), int(4 * layers));
        QCOMPARE(names[0].first, std::string("routers.0.fc1.weight"));
        QCOMPARE(names[3].first, std::string("routers.0.fc2.bias"));
        const auto& model = dynamic_cast<const ms::merge::WemoeModel&>(*wemoe);
        QCOMPARE(model.routerParameterCount(), layers * (d * d + d + 3 * d + 3));
        QCOMPARE(model.expertParameterCount(), 3 * layers * (2 * d * f + f + d));
        auto depth1 = ms::merge::findMethod("wemoe").build(in, {{"router_depth", 1}}, {});
        QCOMPARE(dynamic_cast<const ms::merge::WemoeModel&>(*depth1).routerParameterCount(), layers * (3 * d + 3));
        auto lean = ms::merge::findMethod("e_wemoe").build(in, {}, {});
        QCOMPARE(lean->trainable().front().first, std::string("routers.shared.fc1.weight"));
        QCOMPARE(dynamic_cast<const ms::merge::WemoeModel&>(*lean).routerParameterCount(), d * d + d + 3 * d + 3);
        QVERIFY(ms::test::contains(ms::test::errorOf([&] { wemoe->loadLearnedState({}); }),
                                   "lacks tensor 'routers.0.fc1.weight'"));
    }

    void routersStartNearInitLambdaAndDifferBySeed() {
        const ms::test::TinyPool pool(2);
        auto a = ms::merge::findMethod("wemoe").build(pool.inputs(1), {}, {});
        auto b = ms::merge::findMethod("wemoe").build(pool.inputs(2), {}, {});
        std::vector<torch::Tensor> routing;
        a->encode(pool.pixels(5), &routing);
        for (const auto& r : routing) QVERIFY((r - 0.3).abs().max().item<double>() < 0.05);
        QVERIFY(!torch::equal(a->learnedState().at("routers.0.fc1.weight"), b->learnedState().at("routers.0.fc1.weight")));
        const auto w = a->learnedState().at("routers.1.fc1.weight");
        QVERIFY(std::abs(w.std().item<double>() - 0.01) < 0.003);
    }
};

QTEST_GUILESS_MAIN(WemoeTest)
#include "test_wemoe.moc"
