// The method catalog and the static merges, on tensors small enough to check by hand.
#include <torch/torch.h>

#include <QtTest>

#include "support/error_assertions.h"
#include "support/tiny_models.h"

#include "core/merge/builtin_methods.h"
#include "core/merge/merge_method.h"
#include "core/merge/ties.h"
#include "core/util/error.h"

using ms::merge::TensorMap;
using ms::test::contains;
using ms::test::errorOf;

namespace {

torch::Tensor vec(std::vector<double> values) { return torch::tensor(values, torch::kFloat32); }

bool near(const torch::Tensor& a, const torch::Tensor& b, double tol = 1e-6) {
    return a.sizes() == b.sizes() && torch::allclose(a, b, 0.0, tol);
}

// A "checkpoint" of one named tensor: enough for the static merges, which work entry by entry.
TensorMap single(const torch::Tensor& t) { return {{"w", t}}; }

ms::merge::MergeInputs inputsOf(const TensorMap& pre, const std::vector<TensorMap>& ft) {
    ms::merge::MergeInputs in;
    in.pretrained = &pre;
    for (size_t t = 0; t < ft.size(); ++t) {
        in.finetuned.push_back(&ft[t]);
        in.taskNames.push_back("t" + std::to_string(t));
    }
    return in;
}

TensorMap mergedBy(const std::string& method, const ms::merge::MergeInputs& in, const nlohmann::json& params = {}) {
    // The weights alone: these one-tensor "checkpoints" are not towers a DenseModel could run.
    const auto& m = dynamic_cast<const ms::merge::StaticMergeMethod&>(ms::merge::findMethod(method));
    in.validate();
    return m.mergeWeights(in, m.info().resolve(params), {});
}

}  // namespace

class MergeMethodsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void catalogListsTheMethodsInPaperOrder() {
        std::vector<std::string> ids;
        for (const auto* m : ms::merge::allMethods()) ids.push_back(m->info().id);
        QCOMPARE(ids, (std::vector<std::string>{"average", "task_arithmetic", "ties", "dare", "adamerging", "wemoe",
                                                "e_wemoe"}));
        for (const auto* m : ms::merge::allMethods()) {
            const auto& info = m->info();
            QVERIFY2(!info.paper.empty() && !info.formula.empty() && !info.summary.empty(), info.id.c_str());
            for (const auto& p : info.parameters) {
                QVERIFY2(!p.tooltip.empty() && !p.label.empty(), p.id.c_str());
                if (p.type == ms::merge::ParamType::Real || p.type == ms::merge::ParamType::Integer)
                    QVERIFY2(p.defaultValue >= p.minimum && p.defaultValue <= p.maximum, p.id.c_str());
            }
            QCOMPARE(info.resolve(nullptr), info.defaults());
        }
        QCOMPARE(ms::merge::findMethod("wemoe").info().defaults().at("lr").get<double>(), 1e-4);
        QCOMPARE(ms::merge::findMethod("adamerging").info().defaults().at("lr").get<double>(), 1e-3);
        QCOMPARE(ms::merge::findMethod("e_wemoe").info().defaults().at("prune_ratio").get<double>(), 0.9);
        QVERIFY(contains(errorOf([] { ms::merge::findMethod("soup"); }), "unknown merge method 'soup'"));
        QVERIFY(contains(errorOf([] { ms::merge::findMethod("soup"); }), "ties"));
    }

    void resolveChecksEveryParameter() {
        const auto& ties = ms::merge::findMethod("ties").info();
        const auto resolved = ties.resolve({{"k", 50}, {"disjoint", "max"}});
        QCOMPARE(resolved.at("k").get<double>(), 50.0);
        QCOMPARE(resolved.at("lambda").get<double>(), 0.3);
        QCOMPARE(resolved.at("disjoint").get<std::string>(), std::string("max"));
        QCOMPARE(resolved.at("trim_scope").get<std::string>(), std::string("whole_model"));
        QVERIFY(contains(errorOf([&] { ties.resolve({{"topk", 5}}); }), "has no parameter 'topk'"));
        QVERIFY(contains(errorOf([&] { ties.resolve({{"k", 120}}); }), "outside [0, 100]"));
        QVERIFY(contains(errorOf([&] { ties.resolve({{"k", "many"}}); }), "must be a number"));
        QVERIFY(contains(errorOf([&] { ties.resolve({{"disjoint", "median"}}); }), "choose one of: mean, sum, max"));
        const auto& wemoe = ms::merge::findMethod("wemoe").info();
        QVERIFY(contains(errorOf([&] { wemoe.resolve({{"router_depth", 1.5}}); }), "whole number"));
        QCOMPARE(wemoe.resolve({{"shared_router", 1}}).at("shared_router").get<bool>(), true);
        QVERIFY(contains(errorOf([&] { ms::merge::findMethod("average").info().resolve({{"lambda", 1}}); }),
                         "it takes none"));
    }

    void paramListParsesNumbersBooleansAndWords() {
        const auto p = ms::merge::parseParamList("k=20,lambda=0.5,shared_router=true,disjoint=max");
        QCOMPARE(p.at("k").get<double>(), 20.0);
        QCOMPARE(p.at("lambda").get<double>(), 0.5);
        QCOMPARE(p.at("shared_router").get<bool>(), true);
        QCOMPARE(p.at("disjoint").get<std::string>(), std::string("max"));
        QVERIFY(contains(errorOf([] { ms::merge::parseParamList("k20"); }), "not of the form name=value"));
    }

    void averageAndTaskArithmeticByHand() {
        const TensorMap pre = single(vec({1, 1}));
        const std::vector<TensorMap> ft{single(vec({3, 1})), single(vec({0, 2}))};
        const auto in = inputsOf(pre, ft);
        QVERIFY(near(mergedBy("average", in).at("w"), vec({1.5, 1.5})));
        // τ1 = (2, 0), τ2 = (−1, 1); θ0 + 0.5 (τ1 + τ2) = (1.5, 1.5)
        QVERIFY(near(mergedBy("task_arithmetic", in, {{"lambda", 0.5}}).at("w"), vec({1.5, 1.5})));
        QVERIFY(near(mergedBy("task_arithmetic", in).at("w"), vec({1.3, 1.3})));
        QVERIFY(near(mergedBy("task_arithmetic", in, {{"lambda", 1.0}}).at("w"), vec({2, 2})));
    }

    void tiesStepsByHand() {
        // k = 40 % of 5 entries keeps 2 per task.
        const std::vector<TensorMap> tv{single(vec({4, -1, 0.5, 2, -3})), single(vec({-2, 3, 1, -0.1, -1.5})),
                                        single(vec({3, -4, -2, 0.2, 1}))};
        const auto trimmed = ms::merge::trimTaskVectors(tv, 40.0, ms::merge::TrimScope::PerTensor);
        QVERIFY(near(trimmed[0].at("w"), vec({4, 0, 0, 0, -3})));
        QVERIFY(near(trimmed[1].at("w"), vec({-2, 3, 0, 0, 0})));
        QVERIFY(near(trimmed[2].at("w"), vec({3, -4, 0, 0, 0})));
        const auto signs = ms::merge::electSigns(trimmed);  // sums (5, −1, 0, 0, −3)
        QVERIFY(near(signs.at("w"), vec({1, -1, 0, 0, -1})));
        using ms::merge::DisjointMerge;
        QVERIFY(near(ms::merge::disjointMerge(trimmed, signs, DisjointMerge::Mean).at("w"), vec({3.5, -4, 0, 0, -3})));
        QVERIFY(near(ms::merge::disjointMerge(trimmed, signs, DisjointMerge::Sum).at("w"), vec({7, -4, 0, 0, -3})));
        QVERIFY(near(ms::merge::disjointMerge(trimmed, signs, DisjointMerge::Max).at("w"), vec({4, -4, 0, 0, -3})));

        // The whole method: θ0 = 1, λ = 0.5.
        const TensorMap pre = single(vec({1, 1, 1, 1, 1}));
        std::vector<TensorMap> ft;
        for (const auto& t : tv) ft.push_back(single(t.at("w") + 1.0));
        const auto merged = mergedBy("ties", inputsOf(pre, ft), {{"k", 40}, {"lambda", 0.5}, {"trim_scope", "per_tensor"}});
        QVERIFY(near(merged.at("w"), vec({2.75, -1, 1, 1, -0.5})));
    }

    void tiesTrimScopeDecidesTheThreshold() {
        const std::vector<TensorMap> tv{{{"a", vec({10, 9})}, {"b", vec({1, -2})}}};
        const auto whole = ms::merge::trimTaskVectors(tv, 50.0, ms::merge::TrimScope::WholeModel);
        QVERIFY(near(whole[0].at("a"), vec({10, 9})));
        QVERIFY(near(whole[0].at("b"), vec({0, 0})));
        const auto perTensor = ms::merge::trimTaskVectors(tv, 50.0, ms::merge::TrimScope::PerTensor);
        QVERIFY(near(perTensor[0].at("a"), vec({10, 0})));
        QVERIFY(near(perTensor[0].at("b"), vec({0, -2})));
        QVERIFY(near(ms::merge::trimTaskVectors(tv, 0.0, ms::merge::TrimScope::WholeModel)[0].at("a"), vec({0, 0})));
        QVERIFY(near(ms::merge::trimTaskVectors(tv, 100.0, ms::merge::TrimScope::PerTensor)[0].at("b"), vec({1, -2})));
    }

    void dareDropsAndRescales() {
        const int64_t n = 200000;
        const TensorMap pre = single(torch::zeros({n}));
        const std::vector<TensorMap> ft{single(torch::ones({n}))};
        auto in = inputsOf(pre, ft);
        in.seed = 11;
        const auto merged = mergedBy("dare", in, {{"drop_rate", 0.75}, {"lambda", 1.0}}).at("w");
        const double kept = merged.ne(0).to(torch::kFloat64).mean().item<double>();
        QVERIFY2(std::abs(kept - 0.25) < 0.005, std::to_string(kept).c_str());
        QVERIFY(near(merged.max(), vec({4}).squeeze()));            // survivors rescaled by 1/(1 − p)
        QVERIFY(std::abs(merged.mean().item<double>() - 1.0) < 0.02);  // expectation kept
        const auto unscaled = mergedBy("dare", in, {{"drop_rate", 0.75}, {"lambda", 1.0}, {"rescale", false}}).at("w");
        QCOMPARE(unscaled.max().item<float>(), 1.0f);
        QVERIFY(torch::equal(merged, mergedBy("dare", in, {{"drop_rate", 0.75}, {"lambda", 1.0}}).at("w")));
        in.seed = 12;
        QVERIFY(!torch::equal(merged, mergedBy("dare", in, {{"drop_rate", 0.75}, {"lambda", 1.0}}).at("w")));
        QVERIFY(near(mergedBy("dare", in, {{"drop_rate", 0.0}, {"lambda", 0.3}}).at("w"), torch::full({n}, 0.3f)));
    }

    void badInputsGiveClearErrors() {
        const TensorMap pre{{"w", torch::zeros({2, 2})}};
        const std::vector<TensorMap> wrongShape{{{"w", torch::zeros({3, 2})}}};
        QVERIFY(contains(errorOf([&] { mergedBy("average", inputsOf(pre, wrongShape)); }),
                         "tensor 'w' of task 't0' has shape [3, 2] but the pretrained one has [2, 2]"));
        const std::vector<TensorMap> missing{{{"v", torch::zeros({2, 2})}}};
        QVERIFY(contains(errorOf([&] { mergedBy("ties", inputsOf(pre, missing)); }), "task 't0' lacks tensor 'w'"));
        QVERIFY(contains(errorOf([&] { mergedBy("task_arithmetic", inputsOf(pre, {})); }), "at least one task"));
    }

    void denseModelEncodesLikeTheTower() {
        const ms::test::TinyPool pool(2);
        const auto in = pool.inputs();
        auto model = ms::merge::findMethod("task_arithmetic").build(in, {{"lambda", 0.0}}, {});
        const auto pixels = pool.pixels(3);
        const auto params = ms::model::VisionParams::fromTensors(pool.config, pool.pretrained, torch::kCPU, false);
        QVERIFY(near(model->encode(pixels), ms::model::encodeImages(pool.config, params, pixels), 1e-5));
        QVERIFY(model->denseWeights().has_value());
        QVERIFY(!model->routes());
        QVERIFY(model->trainable().empty());
    }
};

QTEST_GUILESS_MAIN(MergeMethodsTest)
#include "test_merge_methods.moc"
