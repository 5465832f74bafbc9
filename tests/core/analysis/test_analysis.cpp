// The analyses on cases small enough to check by hand: cosine matrices and their scopes, sign
// conflicts per layer, routing statistics, and the λ sweep against direct merges.
#include <torch/torch.h>

#include <QTemporaryDir>
#include <QtTest>

#include "support/error_assertions.h"
#include "support/tiny_models.h"

#include "core/adapt/entropy_adaptation.h"
#include "core/analysis/entropy_signal.h"
#include "core/analysis/oracle_routing.h"
#include "core/analysis/routing_stats.h"
#include "core/analysis/sweeps.h"
#include "core/analysis/task_vector_geometry.h"
#include "core/merge/wemoe_model.h"
#include "core/model/pool_models.h"
#include "core/model/preprocess.h"

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
    // The way to the oracle starts at task arithmetic at λ (every MLP coefficient at λ, everything
    // else merged at λ) and ends at the oracle; in between the own coefficient grows, the others shrink.
    void oraclePathRunsFromTaskArithmeticToTheOracle() {
        QTemporaryDir dir;
        const ms::test::TinyPool tiny(3);
        const auto pool = ms::model::loadPoolModels(ms::test::writeTinyPool(tiny, dir.path().toStdString()));
        const auto inputs = ms::merge::MergeInputs::fromPool(pool, torch::kCPU);
        ms::eval::PoolEvaluator evaluator(pool, {});
        const double lambda = 0.4, c = 1.5;
        const auto path = ms::analysis::oracleRoutingPath(evaluator, inputs, {0.0, 0.5, 1.0}, c, lambda);
        QCOMPARE(int(path.size()), 3);
        const auto ta = ms::analysis::taskArithmeticSweep(evaluator, inputs, {lambda}).front().accuracy;
        const auto oracle = ms::analysis::oracleRouting(evaluator, inputs, c, lambda);
        QCOMPARE(oracle.method, std::string("Oracle routing (c=1.5, λ=0.4)"));
        double distinct = 0.0;
        for (size_t t = 0; t < 3; ++t) {
            QCOMPARE(path[0].accuracy.tasks[t].correct, ta.tasks[t].correct);
            QVERIFY(std::abs(path[0].accuracy.tasks[t].meanEntropy() - ta.tasks[t].meanEntropy()) < 1e-5);
            QCOMPARE(path[2].accuracy.tasks[t].correct, oracle.tasks[t].correct);
            QVERIFY(std::abs(path[2].accuracy.tasks[t].meanEntropy() - oracle.tasks[t].meanEntropy()) < 1e-6);
            distinct += std::abs(path[1].accuracy.tasks[t].meanEntropy() - path[0].accuracy.tasks[t].meanEntropy()) +
                        std::abs(path[1].accuracy.tasks[t].meanEntropy() - path[2].accuracy.tasks[t].meanEntropy());
        }
        QVERIFY2(distinct > 1e-3, "the midpoint is a point of its own");
        QVERIFY(std::abs(path[0].accuracy.meanEntropy() - ta.meanEntropy()) < 1e-5);
    }

    // The signal is the gradient of each task's mean entropy with respect to each MLP coefficient:
    // check it against central differences of that mean, computed here image set by image set.
    void entropySignalIsTheDerivativeOfEachTasksMeanEntropy() {
        QTemporaryDir dir;
        const ms::test::TinyPool tiny(3);
        const auto pool = ms::model::loadPoolModels(ms::test::writeTinyPool(tiny, dir.path().toStdString()));
        const auto inputs = ms::merge::MergeInputs::fromPool(pool, torch::kCPU);
        ms::eval::PoolEvaluator evaluator(pool, {});
        const double lambda = 0.3;
        // Batches of 5 split each task's 12 images 5 + 5 + 2: the shares must add up to the mean.
        const auto signal = ms::analysis::entropySignal(evaluator, inputs, pool.pretrained.preprocess, lambda, 5);
        QCOMPARE(signal.perLayer.sizes().vec(), (std::vector<int64_t>{2, 3, 3}));
        QVERIFY(signal.perLayer.abs().max().item<double>() > 1e-3);  // a signal worth checking

        ms::merge::WemoeOptions options;
        options.routerDepth = 0;
        options.initLambda = lambda;
        ms::merge::WemoeModel model(inputs, options);
        const auto names = model.trainable();
        auto tasks = evaluator.adaptationTasks();
        auto meanEntropy = [&](int64_t s, int64_t layer, int64_t vector, double coefficient) {
            ms::model::TensorMap state;
            for (size_t l = 0; l < names.size(); ++l) {
                auto c = torch::full({3}, lambda);
                if (int64_t(l) == layer) c[vector] = coefficient;
                state.emplace(names[l].first, c);
            }
            model.loadLearnedState(state);
            torch::NoGradGuard noGrad;
            const auto& images = *tasks[size_t(s)].images;
            const auto pixels = ms::model::preprocessRange(images, 0, images.count(), pool.pretrained.preprocess);
            return ms::adapt::meanEntropy(tasks[size_t(s)].head.logits(model.encode(pixels))).item<double>();
        };
        const double h = 1e-2;
        for (int64_t layer = 0; layer < 2; ++layer)
            for (int64_t s = 0; s < 3; ++s)
                for (int64_t t = 0; t < 3; ++t) {
                    const double numeric = (meanEntropy(s, layer, t, lambda + h) - meanEntropy(s, layer, t, lambda - h)) / (2 * h);
                    const double analytic = signal.perLayer[layer][s][t].item<double>();
                    QVERIFY2(std::abs(numeric - analytic) <= 2e-3 + 0.02 * std::abs(numeric),
                             qPrintable(QString("layer %1, images %2, vector %3: %4 vs %5").arg(layer).arg(s).arg(t).arg(analytic).arg(numeric)));
                }
        QCOMPARE(signal.total().sizes().vec(), (std::vector<int64_t>{3, 3}));
        QVERIFY(torch::allclose(signal.total(), signal.perLayer.sum(0)));
    }

    void ownVectorFirstCountsTheTasksWhoseDiagonalIsTheRowMinimum() {
        ms::analysis::EntropySignal signal;
        signal.tasks = {"a", "b"};
        // layer 0: both rows smallest on the diagonal; layer 1: row a prefers b's vector.
        signal.perLayer = torch::tensor({-0.5, 0.1, 0.2, -0.3, 0.1, -0.2, 0.0, -0.1}, torch::kFloat64).view({2, 2, 2});
        const auto own = signal.ownVectorFirst();
        QCOMPARE(own[0].item<double>(), 1.0);
        QCOMPARE(own[1].item<double>(), 0.5);
    }
};

QTEST_GUILESS_MAIN(AnalysisTest)
#include "test_analysis.moc"
