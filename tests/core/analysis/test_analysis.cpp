// The analyses on cases small enough to check by hand: cosine matrices and their scopes, sign
// conflicts per layer, routing statistics, and the λ sweep against direct merges.
#include <torch/torch.h>

#include <QTemporaryDir>
#include <QtTest>

#include "support/error_assertions.h"
#include "support/tiny_models.h"

#include "core/analysis/oracle_routing.h"
#include "core/analysis/routing_stats.h"
#include "core/analysis/sweeps.h"
#include "core/analysis/task_vector_geometry.h"
#include "core/model/pool_models.h"

using ms::analysis::TensorGroup;
using ms::merge::TensorMap;

namespace {

torch::Tensor vec(std::vector<double> v) { return torch::tensor(v, torch::kFloat32); }

}  // namespace

class AnalysisTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cosineByHandAndByScope() {
        const std::string mlp = "encoder.layers.0.mlp.fc1.weight", attn = "encoder.layers.1.self_attn.q_proj.weight";
        const std::vector<TensorMap> tv{{{mlp, vec({1, 0})}, {attn, vec({0, 0, 3})}},
                                        {{mlp, vec({1, 1})}, {attn, vec({0, 0, -3})}}};
        const auto mlpOnly = ms::analysis::cosineMatrix(tv, {-2, TensorGroup::Mlp});
        QVERIFY(std::abs(mlpOnly[0][1].item<double>() - 1 / std::sqrt(2.0)) < 1e-12);
        QVERIFY(std::abs(mlpOnly[0][0].item<double>() - 1.0) < 1e-12);
        QVERIFY(std::abs(ms::analysis::cosineMatrix(tv, {1, TensorGroup::All})[0][1].item<double>() + 1.0) < 1e-12);
        // Whole model: dot 1 − 9 = −8, norms √10 and √11.
        QVERIFY(std::abs(ms::analysis::cosineMatrix(tv)[1][0].item<double>() + 8 / std::sqrt(110.0)) < 1e-9);
        const auto perLayer = ms::analysis::cosinePerLayer(tv, 2);
        QCOMPARE(perLayer.sizes(), (torch::IntArrayRef{2, 2, 2}));
        QVERIFY(std::abs(perLayer[0][1][1].item<double>() + 1.0) < 1e-12);
        QVERIFY(ms::test::contains(ms::test::errorOf([&] { ms::analysis::cosineMatrix(tv, {5, TensorGroup::All}); }),
                                   "no tensor matches"));
    }

    void signConflictsPerLayer() {
        const std::string l0 = "encoder.layers.0.mlp.fc1.weight", l1 = "encoder.layers.1.mlp.fc1.weight";
        // k = 100 keeps everything. Layer 0: entries (+,+), (+,−), (0,−), (−,−) → 1 conflict of 4.
        // Layer 1: (+,−), (−,+) → 2 of 2.
        const std::vector<TensorMap> tv{{{l0, vec({1, 2, 0, -1})}, {l1, vec({1, -1})}},
                                        {{l0, vec({3, -2, -1, -4})}, {l1, vec({-5, 5})}}};
        const auto c = ms::analysis::signConflictRate(tv, 2, 100.0);
        QCOMPARE(c.perLayer, (std::vector<double>{0.25, 1.0}));
        QCOMPARE(c.overall, 0.5);
        // Top 50 % over the whole model: task 0 keeps |τ| ≥ 1 (ties kept), task 1 keeps |τ| ≥ 4, so in
        // layer 0 only entry 3 survives in both, with one sign: no conflict left there.
        const auto trimmed = ms::analysis::signConflictRate(tv, 2, 50.0);
        QCOMPARE(trimmed.perLayer, (std::vector<double>{0.0, 1.0}));
    }

    void routingStatisticsByHand() {
        // Two tasks, two layers, two images each. Task 0's images prefer vector 0 in layer 1 only.
        std::vector<ms::eval::TaskRouting> routing{
            {"a", torch::tensor({{{0.2, 0.8}, {0.9, 0.1}}, {{0.5, 0.4}, {0.7, 0.3}}}, torch::kFloat32)},
            {"b", torch::tensor({{{0.1, 0.3}, {0.0, 1.0}}, {{0.6, 0.2}, {0.2, 0.2}}}, torch::kFloat32)}};
        const auto first = ms::analysis::firstChoiceMatrix(routing);
        QVERIFY(torch::allclose(first, torch::tensor({{0.5, 1.0}, {0.5, 0.5}}, torch::kFloat64)));
        const auto mean = ms::analysis::meanRouting(routing);
        QVERIFY(std::abs(mean[0][0][0].item<double>() - 0.35) < 1e-6);
        QVERIFY(std::abs(mean[1][1][1].item<double>() - 0.6) < 1e-6);
        const auto spread = ms::analysis::routingSpread(routing);
        QCOMPARE(spread.size(0), int64_t(2));
        QVERIFY(spread[1].item<double>() > 0.0 && spread[1].item<double>() < 1.0);  // log2 2 = 1 at most
        // An image using one vector has spread 0; an even mix has 1 bit.
        std::vector<ms::eval::TaskRouting> extremes{{"a", torch::tensor({{{1.0, 0.0}}}, torch::kFloat32)},
                                                    {"b", torch::tensor({{{0.3, -0.3}}}, torch::kFloat32)}};
        QVERIFY(std::abs(ms::analysis::routingSpread(extremes)[0].item<double>() - 0.5) < 1e-9);
    }

    void lambdaSweepMatchesDirectMergesAndOracleReachesTheExperts() {
        QTemporaryDir dir;
        const ms::test::TinyPool tiny(2);
        const auto pool = ms::model::loadPoolModels(ms::test::writeTinyPool(tiny, dir.path().toStdString()));
        const auto inputs = ms::merge::MergeInputs::fromPool(pool, torch::kCPU);
        ms::eval::PoolEvaluator evaluator(pool, {});
        const auto sweep = ms::analysis::taskArithmeticSweep(evaluator, inputs, {0.0, 1.0});
        QCOMPARE(int(sweep.size()), 2);
        const auto pretrained = evaluator.evaluateShared("pretrained", pool.pretrained.tensors);
        for (size_t t = 0; t < 2; ++t) QCOMPARE(sweep[0].accuracy.tasks[t].correct, pretrained.tasks[t].correct);
        std::vector<const TensorMap*> ft{&pool.finetuned[0].tensors, &pool.finetuned[1].tensors};
        const auto ta = evaluator.evaluateShared("TA 1", ms::merge::taskArithmetic(pool.pretrained.tensors, ft, 1.0));
        for (size_t t = 0; t < 2; ++t) QCOMPARE(sweep[1].accuracy.tasks[t].correct, ta.tasks[t].correct);

        // With one task, λ = 1 outside the MLPs and c = 1 inside, oracle routing IS the expert.
        const auto one = ms::model::loadPoolModels(pool.manifest.path, "task1");
        ms::eval::PoolEvaluator single(one, {});
        const auto oracle = ms::analysis::oracleRouting(single, ms::merge::MergeInputs::fromPool(one, torch::kCPU), 1.0, 1.0);
        QCOMPARE(oracle.tasks[0].correct, single.evaluateIndividual().tasks[0].correct);
    }
};

QTEST_GUILESS_MAIN(AnalysisTest)
#include "test_analysis.moc"
