// The three pool diagnostics on tiny pools whose answers are known: tasks that differ in kind are
// identifiable and tasks drawn alike are not; task vectors that touch only what the other task's
// head does not read are perfectly disentangled, and one that undoes the other is not, by the
// amount a direct computation gives; the alignment's oracle is the expert, and fitting lowers
// what it fits.
#include <torch/torch.h>

#include <QTemporaryDir>
#include <QtTest>

#include "support/error_assertions.h"
#include "support/tiny_models.h"

#include "core/analysis/diagnostic_verdicts.h"
#include "core/analysis/entropy_alignment.h"
#include "core/analysis/task_identifiability.h"
#include "core/analysis/weight_disentanglement.h"
#include "core/data/shard.h"
#include "core/merge/task_vectors.h"
#include "core/model/pool_models.h"
#include "core/model/preprocess.h"

using ms::merge::TensorMap;

namespace {

// `count` 8×8 test images: uniform noise (kind 0) or one flat bright colour with faint noise (kind 1).
ms::data::ImageBatch imagesOfKind(int kind, int64_t count, int64_t classes, uint64_t seed) {
    ms::data::ImageBatch images;
    images.height = images.width = 8;
    auto g = at::make_generator<at::CPUGeneratorImpl>(seed);
    auto pixels = kind == 0 ? torch::randint(0, 256, {count * images.imageBytes()}, g, torch::kUInt8)
                            : torch::randint(196, 204, {count * images.imageBytes()}, g, torch::kUInt8);
    images.pixels.assign(pixels.data_ptr<uint8_t>(), pixels.data_ptr<uint8_t>() + pixels.numel());
    for (int64_t i = 0; i < count; ++i) images.labels.push_back(i % classes);
    return images;
}

// Predictions of task `task`'s first `n` test images under its head with the given weights.
torch::Tensor predictions(const ms::model::PoolModels& pool, ms::eval::PoolEvaluator& evaluator, size_t task,
                          const TensorMap& weights, int64_t n) {
    torch::NoGradGuard noGrad;
    const auto body = ms::model::VisionParams::fromTensors(pool.config(), weights, torch::kCPU, false);
    const auto pixels = ms::model::preprocessRange(evaluator.testImages(task), 0, n, pool.pretrained.preprocess);
    return pool.heads[task].logits(ms::model::encodeImages(pool.config(), body, pixels)).argmax(1);
}

}  // namespace

class DiagnosticsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theProbeReadsSeparableClassesAndNotRandomOnes() {
        auto g = at::make_generator<at::CPUGeneratorImpl>(5);
        const auto a = torch::normal(0.0, 1.0, {40, 6}, g), b = torch::normal(0.0, 1.0, {40, 6}, g) + 4.0;
        const auto x = torch::cat({a, b});
        const auto y = torch::cat({torch::zeros({40}, torch::kInt64), torch::ones({40}, torch::kInt64)});
        const auto even = torch::arange(0, 80, 2), odd = torch::arange(1, 80, 2);
        const auto predicted = ms::analysis::linearProbePredict(x.index_select(0, even), y.index_select(0, even),
                                                                x.index_select(0, odd), 2);
        QCOMPARE(predicted.eq(y.index_select(0, odd)).sum().item<int64_t>(), int64_t(40));
        // Labels that say nothing about the inputs: held out, the probe is near chance.
        const auto shuffled = torch::randint(0, 2, {80}, g, torch::kInt64);
        const auto guess = ms::analysis::linearProbePredict(x.index_select(0, even), shuffled.index_select(0, even),
                                                            x.index_select(0, odd), 2);
        const double accuracy = guess.eq(shuffled.index_select(0, odd)).to(torch::kFloat64).mean().item<double>();
        QVERIFY2(accuracy < 0.75, qPrintable(QString::number(accuracy)));
    }

    void tasksThatDifferInKindAreIdentifiableAndAlikeOnesAreNot() {
        QTemporaryDir dir;
        const ms::test::TinyPool tiny(2);
        const auto manifest = ms::test::writeTinyPool(tiny, dir.path().toStdString());
        // Task 1's test images become flat and bright; task 0's stay noise.
        ms::data::writeShard(dir.path().toStdString() + "/task1_test.safetensors", imagesOfKind(1, 60, 3, 11), {});
        ms::data::writeShard(dir.path().toStdString() + "/task0_test.safetensors", imagesOfKind(0, 60, 3, 12), {});
        const auto pool = ms::model::loadPoolModels(manifest);
        ms::eval::PoolEvaluator evaluator(pool, {});
        const auto apart = ms::analysis::taskIdentifiability(evaluator, ms::merge::MergeInputs::fromPool(pool, torch::kCPU),
                                                             pool.pretrained.preprocess, {0.3, 60, 300});
        QCOMPARE(int(apart.perLayer.size()), 2);
        QCOMPARE(apart.heldOutPerTask, int64_t(30));
        for (const double a : apart.perLayer) QCOMPARE(a, 1.0);
        QCOMPARE(apart.recall.sizes().vec(), (std::vector<int64_t>{2, 2}));

        // Both tasks' images drawn from the same noise: nothing tells them apart.
        ms::data::writeShard(dir.path().toStdString() + "/task1_test.safetensors", imagesOfKind(0, 60, 3, 13), {});
        const auto same = ms::model::loadPoolModels(manifest);
        ms::eval::PoolEvaluator sameEvaluator(same, {});
        const auto alike = ms::analysis::taskIdentifiability(sameEvaluator, ms::merge::MergeInputs::fromPool(same, torch::kCPU),
                                                             same.pretrained.preprocess, {0.3, 60, 300});
        QVERIFY2(alike.best() < 0.8, qPrintable(QString::number(alike.best())));
        QVERIFY(ms::test::contains(ms::test::errorOf([&] {
                                       const auto one = ms::model::loadPoolModels(manifest, "task0");
                                       ms::eval::PoolEvaluator e(one, {});
                                       ms::analysis::taskIdentifiability(e, ms::merge::MergeInputs::fromPool(one, torch::kCPU),
                                                                         one.pretrained.preprocess);
                                   }),
                                   "at least two tasks"));
    }

    // Heads that read disjoint feature coordinates, and task vectors that touch only the projection
    // rows of their own task's coordinates: adding the other vector rescales a task's logits (the
    // features are normalised) but never changes its argmax. ξ = 0 at every grid point.
    void vectorsOutsideTheOtherHeadAreDisentangled() {
        QTemporaryDir dir;
        ms::test::TinyPool tiny(2);
        const std::string projection = "visual_projection.weight";  // [4, 8]
        auto g = at::make_generator<at::CPUGeneratorImpl>(21);
        for (int t = 0; t < 2; ++t) {
            tiny.finetuned[size_t(t)] = tiny.pretrained;
            auto delta = torch::zeros({4, 8});
            delta.slice(0, 2 * t, 2 * t + 2) = torch::normal(0.0, 1.0, {2, 8}, g);
            tiny.finetuned[size_t(t)][projection] = tiny.pretrained.at(projection) + delta;
            auto head = torch::zeros({3, 4});
            head.slice(1, 2 * t, 2 * t + 2) = torch::normal(0.0, 1.0, {3, 2}, g);
            tiny.heads[size_t(t)] = ms::model::ClassificationHead::fromEmbeddings(head, 10.0, {});
        }
        const auto pool = ms::model::loadPoolModels(ms::test::writeTinyPool(tiny, dir.path().toStdString(), 30));
        ms::eval::PoolEvaluator evaluator(pool, {});
        const auto inputs = ms::merge::MergeInputs::fromPool(pool, torch::kCPU);
        const auto r = ms::analysis::weightDisentanglement(evaluator, inputs, pool.pretrained.preprocess);
        QCOMPARE(int(r.pairs.size()), 1);
        QCOMPARE(r.pairs[0].error.sizes().vec(), (std::vector<int64_t>{4, 4}));
        QCOMPARE(r.mean(), 0.0);
        QCOMPARE(r.atLargest(), 0.0);
        // The vectors do change their own task's predictions: the zero above is not for want of change.
        const auto vectors = ms::merge::taskVectors(inputs);
        const auto before = predictions(pool, evaluator, 0, pool.pretrained.tensors, 30);
        const auto after = predictions(pool, evaluator, 0, ms::merge::addScaled(pool.pretrained.tensors, {vectors[0]}, {1.0}), 30);
        QVERIFY(before.ne(after).sum().item<int64_t>() > 0);
    }

    // τ1 = −τ0: at (α, α) the pair's model is θ0, so ξ there is the mean over both tasks of the
    // share of predictions that differ between θ0 + α τ_own and θ0, computed here directly.
    void aVectorThatUndoesTheOtherHasTheErrorADirectComputationGives() {
        QTemporaryDir dir;
        ms::test::TinyPool tiny(2);
        for (const auto& [name, t] : tiny.pretrained) tiny.finetuned[1][name] = 2 * t - tiny.finetuned[0].at(name);
        const auto pool = ms::model::loadPoolModels(ms::test::writeTinyPool(tiny, dir.path().toStdString(), 40));
        ms::eval::PoolEvaluator evaluator(pool, {});
        const auto inputs = ms::merge::MergeInputs::fromPool(pool, torch::kCPU);
        ms::analysis::DisentanglementSettings settings;
        settings.alphas = {0.5, 1.0};
        const auto r = ms::analysis::weightDisentanglement(evaluator, inputs, pool.pretrained.preprocess, settings);
        const auto vectors = ms::merge::taskVectors(inputs);
        for (size_t i = 0; i < 2; ++i) {
            const double a = settings.alphas[i];
            double expected = 0.0;
            for (size_t t = 0; t < 2; ++t) {
                const auto alone = predictions(pool, evaluator, t, ms::merge::addScaled(pool.pretrained.tensors, {vectors[t]}, {a}), 40);
                const auto base = predictions(pool, evaluator, t, pool.pretrained.tensors, 40);
                expected += 0.5 * alone.ne(base).to(torch::kFloat64).mean().item<double>();
            }
            QVERIFY2(std::abs(r.pairs[0].error[int64_t(i)][int64_t(i)].item<double>() - expected) < 1e-12,
                     qPrintable(QString("α %1: %2 vs %3").arg(a).arg(r.pairs[0].error[int64_t(i)][int64_t(i)].item<double>()).arg(expected)));
        }
        QVERIFY2(r.mean() > 0.05, "undoing a task vector is entanglement");
        const auto means = r.pairMeans();
        QVERIFY(std::isnan(means[0][0].item<double>()));
        QCOMPARE(means[0][1].item<double>(), means[1][0].item<double>());
    }

    void alignmentsOracleIsTheExpertAndFittingLowersWhatItFits() {
        QTemporaryDir dir;
        const ms::test::TinyPool tiny(2);
        const auto manifest = ms::test::writeTinyPool(tiny, dir.path().toStdString(), 24);
        // One task, λ = 1: outside the MLPs the merge is the expert, so the oracle is the expert.
        const auto one = ms::model::loadPoolModels(manifest, "task1");
        ms::eval::PoolEvaluator single(one, {});
        ms::analysis::AlignmentSettings settings;
        settings.lambda = 1.0;
        settings.steps = 5;
        const auto solo = ms::analysis::entropyAlignment(single, ms::merge::MergeInputs::fromPool(one, torch::kCPU),
                                                         one.pretrained.preprocess, settings);
        QCOMPARE(solo.tasks.front().oracle.accuracy, single.evaluateIndividual().tasks.front().accuracy());

        const auto pool = ms::model::loadPoolModels(manifest);
        ms::eval::PoolEvaluator evaluator(pool, {});
        settings = {};
        settings.steps = 60;
        settings.learningRate = 2e-2;
        settings.batchSize = 24;  // every image each step: plain gradient descent on what is measured
        const auto r = ms::analysis::entropyAlignment(evaluator, ms::merge::MergeInputs::fromPool(pool, torch::kCPU),
                                                      pool.pretrained.preprocess, settings);
        QCOMPARE(int(r.tasks.size()), 2);
        for (size_t t = 0; t < 2; ++t) {
            const auto& a = r.tasks[t];
            QCOMPARE(a.start.coefficients.sizes().vec(), (std::vector<int64_t>{2, 2}));
            QVERIFY(torch::allclose(a.start.coefficients, torch::full({2, 2}, 0.3, torch::kFloat64)));
            QCOMPARE(a.oracle.coefficients[0][int64_t(t)].item<double>(), 1.0);
            QCOMPARE(a.oracle.coefficients[1][int64_t(1 - t)].item<double>(), 0.0);
            QVERIFY2(a.entropyOptimal.entropy < a.start.entropy - 1e-3,
                     qPrintable(QString("%1 vs %2").arg(a.entropyOptimal.entropy).arg(a.start.entropy)));
            QVERIFY2(a.crossEntropyOptimal.crossEntropy < a.start.crossEntropy - 1e-3,
                     qPrintable(QString("%1 vs %2").arg(a.crossEntropyOptimal.crossEntropy).arg(a.start.crossEntropy)));
            QVERIFY(!torch::allclose(a.entropyOptimal.coefficients, a.start.coefficients));
        }
    }

    void alignmentVerdictCountsTasksWithinTheGap() {
        ms::analysis::EntropyAlignment r;
        r.tasks.resize(3);
        const double oracle[] = {0.90, 0.80, 0.70}, found[] = {0.89, 0.70, 0.71};
        for (int t = 0; t < 3; ++t) {
            r.tasks[size_t(t)].task = "t" + std::to_string(t);
            r.tasks[size_t(t)].oracle.accuracy = oracle[t];
            r.tasks[size_t(t)].entropyOptimal.accuracy = found[t];
        }
        QCOMPARE(r.within(3.0), 2);  // gaps 1, 10 and −1 points
        QCOMPARE(r.worst()->task, std::string("t1"));
        QVERIFY(ms::analysis::EntropyAlignment{}.worst() == nullptr);

        const auto v = ms::analysis::verdict(r);
        QVERIFY(!v.met);
        QCOMPARE(QString::fromStdString(v.text),
                 QString("alignment: entropy optimum within 3 points of the oracle on 2 of 3 tasks (target: all); "
                         "worst t1, 70.0 % against 80.0 %: not met"));
        r.tasks[1].entropyOptimal.accuracy = 0.78;  // gap 2 points: every task within
        QVERIFY(ms::analysis::verdict(r).met);
    }

    // The verdicts' thresholds are the targets, met at the boundary and not beyond it.
    void identifiabilityAndDisentanglementVerdictsUseTheTargets() {
        ms::analysis::TaskIdentifiability id;
        id.perLayer = {0.60, 0.949, 0.80};
        auto v = ms::analysis::verdict(id);
        QVERIFY(!v.met);
        QCOMPARE(QString::fromStdString(v.text),
                 QString("identifiability 94.9 % at best (layer 1; target ≥ 95 % in at least one layer): not met"));
        id.perLayer[2] = 0.95;
        v = ms::analysis::verdict(id);
        QVERIFY(v.met);
        QVERIFY(QString::fromStdString(v.text).contains("95.0 % at best (layer 2;"));
        QVERIFY(!ms::analysis::verdict(ms::analysis::TaskIdentifiability{}).met);

        ms::analysis::WeightDisentanglement d;
        d.alphas = {0.5, 1.0};
        d.pairs.push_back({0, 1, torch::tensor({0.0, 0.0, 0.0, 0.2}, torch::kFloat64).view({2, 2})});
        v = ms::analysis::verdict(d);  // mean 0.05: at the target
        QVERIFY(v.met);
        QCOMPARE(QString::fromStdString(v.text),
                 QString("disentanglement error 0.050 averaged over the α grid and 1 pair(s), 0.200 at the largest α "
                         "(target ≤ 0.05): met"));
        d.pairs.push_back({0, 2, torch::full({2, 2}, 0.06, torch::kFloat64)});
        QVERIFY(!ms::analysis::verdict(d).met);  // mean 0.055
        QVERIFY(!ms::analysis::verdict(ms::analysis::WeightDisentanglement{}).met);
    }
};

QTEST_GUILESS_MAIN(DiagnosticsTest)
#include "test_diagnostics.moc"
