// Recipes and result folders: a saved merge rebuilds exactly, a changed checkpoint is caught by
// its hash, and a result folder is replaced whole or not at all.
#include <torch/torch.h>

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

#include "support/error_assertions.h"
#include "support/test_support.h"
#include "support/tiny_models.h"

#include "core/eval/pool_evaluator.h"
#include "core/run/merge_result.h"

namespace fs = std::filesystem;
using ms::test::contains;
using ms::test::errorOf;

namespace {

// A WEMoE merge of task0 and task1 of a tiny pool with its adapter (lr 1e-2, 4 images a step, seed 2).
struct WemoeRun {
    WemoeRun(const std::string& manifest, int steps)
        : merged(ms::run::prepareMerge(ms::run::makeRecipe("wemoe", {{"steps", steps}, {"lr", 1e-2}, {"batch_size", 4}},
                                                           manifest, {"task0", "task1"}, 2, "cpu"),
                                       torch::kCPU)),
          evaluator(merged->pool, merged->evalSettings()),
          adapter(*merged->model, evaluator.adaptationTasks(), merged->pool.pretrained.preprocess,
                  ms::adapt::AdaptSettings::fromParams(merged->recipe.parameters, 2)) {}

    std::unique_ptr<ms::run::LoadedMerge> merged;
    ms::eval::PoolEvaluator evaluator;
    ms::adapt::EntropyAdapter adapter;
};

}  // namespace

class MergeResultTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        manifest_ = ms::test::writeTinyPool(ms::test::TinyPool(3), dir_.path().toStdString() + "/pool");
    }

    void recipeRecordsEverything() {
        const auto r = ms::run::makeRecipe("ties", {{"k", 30}}, manifest_, {"task0", "task2"}, 5, "cpu");
        QCOMPARE(r.parameters.at("k").get<double>(), 30.0);
        QCOMPARE(r.parameters.at("lambda").get<double>(), 0.3);  // defaults filled in
        QCOMPARE(int(r.checkpointSha256.size()), 3);           // pretrained + two tasks
        QCOMPARE(int(r.checkpointSha256.at("task0").size()), 64);
        QVERIFY(r.versions.count("libtorch") && r.versions.count("mergescope"));
        const auto back = ms::run::Recipe::fromJson(r.toJson(), "memory");
        QCOMPARE(back.toJson(), r.toJson());
        QVERIFY(ms::run::changedCheckpoints(r).empty());
        QVERIFY(contains(errorOf([] { ms::run::Recipe::fromJson({{"format", "other"}}, "x.json"); }),
                         "x.json: is not a MergeScope recipe"));
        QVERIFY(contains(errorOf([&] { ms::run::makeRecipe("ties", {{"k", -1}}, manifest_, {"task0"}, 0, "cpu"); }),
                         "outside [0, 100]"));
    }

    void recipeWithANumberTooLargeForADoubleIsRefusedNamingTheFile() {
        // Found by tests/fuzz: nlohmann reports such a number as out_of_range, not parse_error.
        const auto path = dir_.path().toStdString() + "/huge.json";
        std::ofstream(path) << R"({"format": "mergescope-recipe-1", "method": "ties", "seed": 1e99999})";
        const auto message = errorOf([&] { ms::run::Recipe::load(path); });
        QVERIFY2(contains(message, path + ": is not valid JSON") && contains(message, "number overflow"), message.c_str());
    }

    void staticResultRoundTrips() {
        const auto out = dir_.path().toStdString() + "/ties";
        auto merged = ms::run::prepareMerge(ms::run::makeRecipe("ties", {}, manifest_, {"task0", "task1", "task2"}, 0, "cpu"),
                                            torch::kCPU);
        ms::run::saveResult(out, *merged, nullptr);
        QVERIFY(fs::exists(out + "/model/model.safetensors"));
        QVERIFY(fs::exists(out + "/recipe.json"));
        QVERIFY(!fs::exists(out + ".partial"));
        auto loaded = ms::run::loadResult(out, torch::kCPU);
        const auto pixels = ms::test::TinyPool(3).pixels(2);
        QVERIFY(torch::equal(merged->model->encode(pixels), loaded->model->encode(pixels)));
    }

    void adaptiveResultRoundTripsAndResumes() {
        const auto out = dir_.path().toStdString() + "/wemoe";
        WemoeRun run(manifest_, 4);
        auto& merged = run.merged;
        auto& adapter = run.adapter;
        adapter.run({});
        ms::run::saveResult(out, *merged, &adapter);
        for (const char* f : {"learned_state.safetensors", "resume.safetensors", "loss_log.csv", "recipe.json"})
            QVERIFY2(fs::exists(out + "/" + f), f);
        QVERIFY(!fs::exists(out + "/model"));  // WEMoE has no single dense checkpoint
        auto loaded = ms::run::loadResult(out, torch::kCPU);
        for (const auto& [name, t] : merged->model->learnedState())
            QVERIFY2(torch::equal(t, loaded->model->learnedState().at(name)), name.c_str());
        const auto log = ms::run::loadLossLog(out + "/loss_log.csv");
        QCOMPARE(int(log.size()), 4);
        QCOMPARE(log[3].step, int64_t(4));
        QVERIFY(std::abs(log[3].loss - adapter.history()[3].loss) < 1e-6);
        QCOMPARE(int(log[0].taskLosses.size()), 2);
        QCOMPARE(ms::run::Recipe::load(out + "/recipe.json").outcome.at("steps_done").get<int>(), 4);

        // A broken learned state is named in the error.
        ms::test::writeBytes(out + "/learned_state.safetensors", {1, 2, 3});
        QVERIFY(contains(errorOf([&] { ms::run::loadResult(out, torch::kCPU); }), "learned_state.safetensors"));
        QVERIFY(contains(errorOf([&] { ms::run::loadResult(out + "-missing", torch::kCPU); }), "is not a result folder"));
    }

    // A save killed between its two renames leaves only "<folder>.previous"; loading takes it back.
    void aSaveCutShortBetweenItsRenamesIsRecovered() {
        const auto out = dir_.path().toStdString() + "/swap";
        WemoeRun run(manifest_, 3);
        auto& merged = run.merged;
        auto& adapter = run.adapter;
        ms::run::saveResult(out, *merged, &adapter);  // the start, as `adapt` saves it
        QCOMPARE(ms::run::stepsDoneIn(out), int64_t(0));
        adapter.run({});
        ms::run::saveResult(out, *merged, &adapter);  // replaces the first save
        QVERIFY(!fs::exists(out + ".previous"));
        QVERIFY(!fs::exists(out + ".partial"));
        QCOMPARE(ms::run::stepsDoneIn(out), int64_t(3));

        fs::rename(out, out + ".previous");  // as if killed after the first rename
        QCOMPARE(ms::run::stepsDoneIn(out), int64_t(3));
        QVERIFY(fs::exists(out) && !fs::exists(out + ".previous"));
        fs::rename(out, out + ".previous");
        auto loaded = ms::run::loadResult(out, torch::kCPU);
        for (const auto& [name, t] : merged->model->learnedState())
            QVERIFY2(torch::equal(t, loaded->model->learnedState().at(name)), name.c_str());

        QVERIFY(contains(errorOf([&] { ms::run::stepsDoneIn(dir_.path().toStdString() + "/ties"); }),
                         "has no resume.safetensors: it is not an adaptation that can be resumed"));
    }

    void periodicSavesComeEveryNStepsOrAfterTheTimeLimit() {
        ms::run::PeriodicSave bySteps(5, 3600.0);
        std::vector<int64_t> due;
        for (int64_t step = 1; step <= 12; ++step)
            if (bySteps.due(step)) due.push_back(step);
        QCOMPARE(due, (std::vector<int64_t>{5, 10}));
        ms::run::PeriodicSave byTime(1000, 0.0);  // every step is past a zero time limit
        QVERIFY(byTime.due(1));
        QVERIFY(byTime.due(2));
    }

    void changedCheckpointIsReported() {
        QTemporaryDir other;
        const auto manifest = ms::test::writeTinyPool(ms::test::TinyPool(2), other.path().toStdString());
        const auto recipe = ms::run::makeRecipe("average", {}, manifest, {"task0", "task1"}, 0, "cpu");
        ms::test::TinyPool changed(2, 2, 99);
        ms::model::PreprocessConfig preprocess;
        preprocess.cropSize = preprocess.shortestEdge = 8;
        ms::model::saveCheckpoint(other.path().toStdString() + "/finetuned/task1", changed.config, preprocess,
                                  changed.finetuned[1]);
        QCOMPARE(ms::run::changedCheckpoints(recipe), std::vector<std::string>{"task1"});
    }

    void mixedBatchesGiveTheSameAccuracyAsSingleTaskOnes() {
        auto merged = ms::run::prepareMerge(ms::run::makeRecipe("task_arithmetic", {}, manifest_, {"task0", "task1", "task2"}, 0, "cpu"),
                                            torch::kCPU);
        ms::eval::EvalSettings settings;
        settings.batchSize = 5;  // batches straddle tasks
        ms::eval::PoolEvaluator evaluator(merged->pool, settings);
        const auto mixed = evaluator.evaluateModel("TA", *merged->model);
        const auto shared = evaluator.evaluateShared("TA", *merged->model->denseWeights());
        for (size_t t = 0; t < 3; ++t) {
            QCOMPARE(mixed.tasks[t].correct, shared.tasks[t].correct);
            QCOMPARE(mixed.tasks[t].total, int64_t(12));
            QVERIFY(torch::equal(mixed.tasks[t].confusion, shared.tasks[t].confusion));
        }
    }

    void corruptedTestImagesReachEvaluationAndRecipes() {
        auto merged = ms::run::prepareMerge(ms::run::makeRecipe("average", {}, manifest_, {"task0", "task1"}, 4, "cpu"),
                                            torch::kCPU);
        merged->recipe.corruption = "gaussian_noise";
        merged->recipe.severity = 5;
        ms::eval::PoolEvaluator clean(merged->pool, {});
        ms::eval::PoolEvaluator noisy(merged->pool, merged->evalSettings());
        QCOMPARE(noisy.testImages(1).labels, clean.testImages(1).labels);
        QVERIFY(noisy.testImages(1).pixels != clean.testImages(1).pixels);
        QCOMPARE(noisy.testImages(1).pixels.size(), clean.testImages(1).pixels.size());
        const auto back = ms::run::Recipe::fromJson(merged->recipe.toJson(), "memory");
        QCOMPARE(back.corruption, std::string("gaussian_noise"));
        QCOMPARE(back.severity, 5);
        auto bad = merged->evalSettings();
        bad.corruption = "fog";
        ms::eval::PoolEvaluator foggy(merged->pool, bad);
        QVERIFY(contains(errorOf([&] { foggy.testImages(0); }), "fog: unknown corruption"));
    }

private:
    QTemporaryDir dir_;
    std::string manifest_;
};

QTEST_GUILESS_MAIN(MergeResultTest)
#include "test_merge_result.moc"
