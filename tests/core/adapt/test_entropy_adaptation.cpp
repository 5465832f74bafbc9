// Test-time adaptation: entropy goes down, labels are never read, a resumed run equals an
// uninterrupted one, and cancel stops between steps with the state intact.
#include <torch/torch.h>

#include <QtTest>

#include "support/error_assertions.h"
#include "support/tiny_models.h"

#include "core/adapt/entropy_adaptation.h"
#include "core/merge/merge_method.h"

using ms::adapt::AdaptSettings;
using ms::adapt::EntropyAdapter;

namespace {

// Random 8×8 RGB test images with the given labels.
ms::data::ImageBatch images(int64_t count, uint64_t seed, int64_t labelOffset = 0) {
    ms::data::ImageBatch batch;
    batch.height = batch.width = 8;
    auto g = at::make_generator<at::CPUGeneratorImpl>(seed);
    const auto pixels = torch::randint(0, 256, {count * 8 * 8 * 3}, g, torch::kUInt8);
    batch.pixels.assign(pixels.data_ptr<uint8_t>(), pixels.data_ptr<uint8_t>() + pixels.numel());
    for (int64_t i = 0; i < count; ++i) batch.labels.push_back((i + labelOffset) % 3);
    return batch;
}

struct Setup {
    ms::test::TinyPool pool{2};
    std::vector<ms::data::ImageBatch> test{images(20, 1), images(20, 2)};
    ms::model::PreprocessConfig preprocess;

    Setup() {
        preprocess.cropSize = 8;
        preprocess.shortestEdge = 8;
    }
    std::unique_ptr<ms::merge::MergedModel> model(const std::string& method) const {
        return ms::merge::findMethod(method).build(pool.inputs(3), {}, {});
    }
    std::vector<ms::adapt::AdaptTask> tasks(const std::vector<ms::data::ImageBatch>& sets) const {
        std::vector<ms::adapt::AdaptTask> out;
        for (size_t t = 0; t < sets.size(); ++t) out.push_back({"task" + std::to_string(t), &sets[t], pool.heads[t]});
        return out;
    }
};

AdaptSettings settings(int64_t steps, double lr) {
    AdaptSettings s;
    s.steps = steps;
    s.learningRate = lr;
    s.batchSize = 4;
    s.seed = 9;
    return s;
}

}  // namespace

class EntropyAdaptationTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void entropyOfKnownDistributions() {
        QVERIFY(std::abs(ms::adapt::meanEntropy(torch::zeros({2, 4})).item<double>() - std::log(4.0)) < 1e-6);
        QVERIFY(ms::adapt::meanEntropy(torch::tensor({{50.0, 0.0, 0.0}})).item<double>() < 1e-10);
        // Two classes at p = (0.5, 0.5) and (1, 0): mean of ln 2 and 0.
        QVERIFY(std::abs(ms::adapt::meanEntropy(torch::tensor({{0.0, 0.0}, {80.0, 0.0}})).item<double>() -
                         std::log(2.0) / 2) < 1e-6);
    }

    void adaptationLowersEntropy() {
        const Setup s;
        for (const std::string method : {"wemoe", "adamerging"}) {
            auto model = s.model(method);
            EntropyAdapter adapter(*model, s.tasks(s.test), s.preprocess, settings(40, method == "wemoe" ? 1e-2 : 5e-2));
            adapter.run({});
            const auto& h = adapter.history();
            QCOMPARE(int(h.size()), 40);
            double first = 0, last = 0;
            for (int i = 0; i < 5; ++i) first += h[size_t(i)].loss, last += h[size_t(35 + i)].loss;
            QVERIFY2(last < 0.9 * first, (method + ": " + std::to_string(first) + " -> " + std::to_string(last)).c_str());
            QCOMPARE(int(h[0].taskLosses.size()), 2);
        }
    }

    void labelsAreNeverRead() {
        const Setup s;
        const std::vector<ms::data::ImageBatch> relabelled{images(20, 1, 1), images(20, 2, 2)};
        QVERIFY(relabelled[0].labels != s.test[0].labels);
        auto a = s.model("wemoe");
        auto b = s.model("wemoe");
        EntropyAdapter(*a, s.tasks(s.test), s.preprocess, settings(5, 1e-2)).run({});
        EntropyAdapter(*b, s.tasks(relabelled), s.preprocess, settings(5, 1e-2)).run({});
        for (const auto& [name, t] : a->learnedState()) QVERIFY2(torch::equal(t, b->learnedState().at(name)), name.c_str());
    }

    void resumedRunEqualsUninterruptedRun() {
        const Setup s;
        auto straight = s.model("wemoe");
        EntropyAdapter(*straight, s.tasks(s.test), s.preprocess, settings(6, 1e-2)).run({});

        auto first = s.model("wemoe");
        EntropyAdapter half(*first, s.tasks(s.test), s.preprocess, settings(6, 1e-2));
        int calls = 0;
        ms::Callbacks stopAfterThree;
        stopAfterThree.cancelled = [&] { return calls == 3; };
        bool cancelled = false;
        try {
            half.run(stopAfterThree, [&](const ms::adapt::StepRecord&) { ++calls; });
        } catch (const ms::Cancelled&) {
            cancelled = true;
        }
        QVERIFY(cancelled);
        QCOMPARE(half.stepsDone(), int64_t(3));

        // A fresh model and adapter from the saved tensors only.
        auto second = s.model("wemoe");
        second->loadLearnedState(first->learnedState());
        EntropyAdapter resumed(*second, s.tasks(s.test), s.preprocess, settings(6, 1e-2));
        resumed.restore(half.resumeState(), half.history());
        resumed.run({});
        QCOMPARE(resumed.stepsDone(), int64_t(6));
        QCOMPARE(int(resumed.history().size()), 6);
        for (const auto& [name, t] : straight->learnedState())
            QVERIFY2(torch::allclose(t, second->learnedState().at(name), 1e-6, 1e-7), name.c_str());
    }

    void batchesCoverEveryImageOncePerEpoch() {
        const Setup s;
        auto model = s.model("wemoe");
        auto st = settings(10, 1e-3);
        const EntropyAdapter adapter(*model, s.tasks(s.test), s.preprocess, st);
        std::vector<int64_t> seen;
        for (int64_t step = 0; step < 5; ++step)
            for (auto i : adapter.batchIndices(0, step)) seen.push_back(i);
        std::sort(seen.begin(), seen.end());
        std::vector<int64_t> all(20);
        std::iota(all.begin(), all.end(), 0);
        QVERIFY(seen == all);
        QVERIFY(adapter.batchIndices(0, 0) != adapter.batchIndices(1, 0));
        QVERIFY(adapter.batchIndices(0, 0) != adapter.batchIndices(0, 5));  // a new permutation next epoch
    }

    void scheduleAndAdamByHand() {
        auto st = settings(100, 0.1);
        st.cosineSchedule = true;
        QCOMPARE(st.learningRateAt(0), 0.1);
        QVERIFY(std::abs(st.learningRateAt(50) - 0.05) < 1e-12);
        QVERIFY(st.learningRateAt(100) < 1e-12);
        // Adam's first step moves every entry by lr in the direction opposite its gradient.
        auto p = torch::tensor({1.0f, -2.0f}).requires_grad_(true);
        (p * torch::tensor({3.0f, -0.001f})).sum().backward();
        ms::adapt::Adam adam;
        adam.update({{"p", p}}, 0.1, 1);
        QVERIFY(torch::allclose(p.detach(), torch::tensor({0.9f, -1.9f}), 1e-5, 1e-4));
    }

    void staticMergesHaveNothingToAdapt() {
        const Setup s;
        auto model = s.model("ties");
        QVERIFY(ms::test::contains(
            ms::test::errorOf([&] { EntropyAdapter(*model, s.tasks(s.test), s.preprocess, settings(1, 1e-3)); }),
            "nothing to adapt"));
    }
};

QTEST_GUILESS_MAIN(EntropyAdaptationTest)
#include "test_entropy_adaptation.moc"
