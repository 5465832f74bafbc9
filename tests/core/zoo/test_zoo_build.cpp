// The zoo pipeline end to end at toy size: the files a real user brings, deterministic for a seed,
// and nothing left behind when cancelled.
#include <torch/torch.h>

#include <QtTest>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/model/checkpoint.h"
#include "core/model/pool_models.h"
#include "core/pool/pool_manifest.h"
#include "core/util/error.h"
#include "core/util/sha256.h"
#include "core/zoo/add_expert.h"
#include "core/zoo/zoo_builder.h"
#include "core/zoo/zoo_tasks.h"

namespace fs = std::filesystem;
using namespace ms;

namespace {

zoo::ZooRecipe toyRecipe(uint64_t seed) {
    auto recipe = zoo::ZooRecipe::quick();
    recipe.seed = seed;
    recipe.tasks = {"syn_digits", "syn_signs"};  // synthetic only: no data package needed
    recipe.pretrainImages = 256;
    recipe.trainPerTask = 128;
    recipe.testPerTask = 64;
    return recipe;
}

std::string build(const std::string& folder, uint64_t seed) {
    zoo::ZooBuildOptions options;
    options.outFolder = folder;
    return zoo::buildZoo(toyRecipe(seed), options).manifestPath;
}

// Builds the recipe into `folder` and returns its build log.
nlohmann::json buildAndReadLog(const zoo::ZooRecipe& recipe, const std::string& folder) {
    zoo::ZooBuildOptions options;
    options.outFolder = folder;
    zoo::buildZoo(recipe, options);
    std::ifstream in(folder + "/build_log.json");
    return nlohmann::json::parse(in);
}

}  // namespace

class TestZooBuild : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    std::string path(const char* name) { return (dir_.path() + "/" + name).toStdString(); }

private Q_SLOTS:
    void writesAPoolInTheUsersFormats() {
        const auto manifestPath = build(path("a"), 5);
        const auto manifest = pool::PoolManifest::load(manifestPath);
        QCOMPARE(manifest.taskNames(), (std::vector<std::string>{"syn_digits", "syn_signs"}));
        QVERIFY(fs::exists(fs::path(manifest.pretrained) / "config.json"));
        QVERIFY(fs::exists(fs::path(manifest.pretrained) / "preprocessor_config.json"));
        QCOMPARE(manifest.tasks[1].classNames.size(), size_t(16));
        QCOMPARE(manifest.tasks[0].analog, std::string("SVHN"));
        QVERIFY(fs::exists(path("a") + "/build_log.json"));
        QVERIFY(!fs::exists(path("a") + ".building"));

        const auto models = model::loadPoolModels(manifestPath);
        QVERIFY(models.pretrained.configFromFile);
        QVERIFY(models.pretrained.preprocess.perImageStandardize);
        QCOMPARE(models.heads[0].numClasses(), int64_t(10));
        // Heads are L2-normalised prototypes, and the experts moved away from the pretrained body.
        QVERIFY(torch::allclose(models.heads[0].classEmbeddings.norm(2, 1), torch::ones({10}), 1e-5, 1e-5));
        const auto& pre = models.pretrained.tensors.at("encoder.layers.0.mlp.fc1.weight");
        const auto& ft = models.finetuned[0].tensors.at("encoder.layers.0.mlp.fc1.weight");
        QVERIFY((pre - ft).abs().max().item<double>() > 1e-5);
    }

    void sameSeedSameZooOtherSeedOtherZoo() {
        build(path("s1"), 11);
        build(path("s2"), 11);
        build(path("s3"), 12);
        for (const char* file : {"/pretrained/model.safetensors", "/finetuned/syn_signs/model.safetensors",
                                 "/heads/syn_digits.safetensors", "/data/syn_digits/test.safetensors"}) {
            QCOMPARE(sha256File(path("s1") + file), sha256File(path("s2") + file));
            QVERIFY2(sha256File(path("s1") + file) != sha256File(path("s3") + file), file);
        }
    }

    void refusesToOverwriteWithoutForce() {
        build(path("twice"), 3);
        try {
            build(path("twice"), 3);
            QFAIL("expected an error");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).contains("already exists"));
        }
    }

    void reusesAnotherZoosPretrainedTower() {
        build(path("donor"), 21);
        zoo::ZooBuildOptions options;
        options.outFolder = path("reuse");
        options.pretrainedFrom = path("donor");
        auto recipe = toyRecipe(22);  // another seed: only the reuse makes the towers equal
        recipe.centredHeads = false;
        recipe.taskLogitScale = 50.0;
        const auto manifest = pool::PoolManifest::load(zoo::buildZoo(recipe, options).manifestPath);
        QCOMPARE(sha256File(path("reuse") + "/pretrained/model.safetensors"),
                 sha256File(path("donor") + "/pretrained/model.safetensors"));
        QCOMPARE(QString::fromStdString(manifest.provenance.value("pretrained_from", std::string())),
                 QString::fromStdString(pool::PoolManifest::load(path("donor")).pretrained));
        const auto models = model::loadPoolModels(manifest.path);
        QVERIFY(std::abs(models.heads[0].logitScale - 50.0) < 1e-4);  // stored as log s in float32
        // Uncentred prototypes of a tiny pretrained tower share a large common direction.
        const auto cosines = torch::matmul(models.heads[0].classEmbeddings, models.heads[0].classEmbeddings.t());
        QVERIFY(cosines.min().item<double>() > 0.0);

        // A tower of another size is refused, and nothing is left behind.
        auto wider = toyRecipe(23);
        wider.model.hiddenSize = 48;
        wider.model.intermediateSize = 96;
        options.outFolder = path("refused");
        try {
            zoo::buildZoo(wider, options);
            QFAIL("expected an error");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("but the recipe builds"), e.what());
        }
        QVERIFY(!fs::exists(path("refused")));
        QVERIFY(!fs::exists(path("refused") + ".building"));
    }

    void pretrainingSetsAndWhatEachExpertDrawsFromThem() {
        // Pretrain36 (256 images) plus, per task, 20 images labelled by their task and 30 more
        // labelled by their class: the pretraining head has 36 + 2 + (10 + 16) outputs. Each
        // expert replays (and is taught to be unsure on) the pretraining images but the 50 of its
        // own task, which would pull against its fine-tuning.
        auto recipe = toyRecipe(41);
        recipe.pretrainDomainImages = 20;
        recipe.pretrainLabelledImages = 30;
        recipe.finetuneReplayWeight = 1.0;
        recipe.finetuneOutlierWeight = 0.5;
        const auto log = buildAndReadLog(recipe, path("concepts"));
        QCOMPARE(log["pretrain"]["classes"].get<int64_t>(), int64_t(36 + 2 + 10 + 16));
        QCOMPARE(log["pretrain"]["images"].get<int64_t>(), int64_t(256 + 2 * (20 + 30)));
        for (const char* task : {"syn_digits", "syn_signs"}) {
            QCOMPARE(log["finetune"][task]["replay_images"].get<int64_t>(), int64_t(256 + 20 + 30));
            QCOMPARE(log["finetune"][task]["epoch_replay_drift"].size(), size_t(1));
            QCOMPARE(log["finetune"][task]["epoch_outlier_entropy"].size(), size_t(1));
        }
        const auto manifest = pool::PoolManifest::load(path("concepts"));
        QCOMPARE(manifest.provenance["recipe"]["pretrain"]["labelled_images_per_task"].get<int64_t>(), int64_t(30));
        QCOMPARE(manifest.provenance["recipe"]["finetune"]["outlier_weight"].get<double>(), 0.5);
    }

    // Head subspaces: each task's head lies in its own subspace of feature space, orthogonal to the
    // other tasks' heads, and the recipe says so. Too few subspaces for the tasks is refused.
    void headSubspacesGiveEachTaskHeadItsOwnPartOfFeatureSpace() {
        auto recipe = toyRecipe(51);
        recipe.headSubspaces = 4;  // projection 16: four subspaces of 4 dimensions
        recipe.finetuneNonMlpLearningRateScale = 0.25;
        zoo::ZooBuildOptions options;
        options.outFolder = path("subspaces");
        const auto models = model::loadPoolModels(zoo::buildZoo(recipe, options).manifestPath);
        const auto& a = models.heads[0].classEmbeddings;
        const auto& b = models.heads[1].classEmbeddings;
        QVERIFY(torch::matmul(a, b.t()).abs().max().item<double>() < 1e-5);
        // Each head's rows span at most its subspace's 4 dimensions (10 and 16 classes).
        for (const auto& h : {a, b}) {
            const auto singular = at::linalg_svdvals(h.to(torch::kFloat64));
            QCOMPARE(singular.gt(1e-5).sum().item<int64_t>(), int64_t(4));
        }
        QCOMPARE(models.manifest.provenance["recipe"]["head_subspaces"].get<int>(), 4);
        // A user's expert added to this zoo is fine-tuned as the zoo's own were.
        const auto defaults = zoo::poolFinetuneDefaults(models.manifest.path);
        QCOMPARE(defaults.epochs, recipe.finetuneEpochs);
        QCOMPARE(defaults.learningRate, recipe.finetuneLearningRate);
        QCOMPARE(defaults.nonMlpLearningRateScale, 0.25);
        QCOMPARE(defaults.batchSize, recipe.finetuneBatchSize);

        recipe.headSubspaces = 1;
        options.outFolder = path("too-few");
        try {
            zoo::buildZoo(recipe, options);
            QFAIL("expected an error");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("1 subspaces for 2 tasks"), e.what());
        }
    }

    void cancelLeavesNothingBehind() {
        int calls = 0;
        Callbacks callbacks;
        callbacks.progress = [&](int64_t, int64_t, const std::string&) { ++calls; };
        callbacks.cancelled = [&] { return calls > 5; };
        zoo::ZooBuildOptions options;
        options.outFolder = path("cancelled");
        bool cancelled = false;
        try {
            zoo::buildZoo(toyRecipe(1), options, callbacks);
        } catch (const Cancelled&) {
            cancelled = true;
        }
        QVERIFY(cancelled);
        QVERIFY(!fs::exists(path("cancelled")));
        QVERIFY(!fs::exists(path("cancelled") + ".building"));
    }

    void taskSuiteFollowsThePapersOrder() {
        const auto& suite = zoo::zooTaskSuite();
        QCOMPARE(suite.size(), size_t(8));
        const std::vector<std::string> analogs{"SUN397", "Stanford Cars", "RESISC45", "EuroSAT",
                                               "SVHN",   "GTSRB",         "MNIST",    "DTD"};
        for (size_t i = 0; i < suite.size(); ++i) QCOMPARE(suite[i].analog, analogs[i]);
        QVERIFY(zoo::deriveSeed(1, "a") != zoo::deriveSeed(1, "b"));
        QVERIFY(zoo::deriveSeed(1, "a") != zoo::deriveSeed(2, "a"));
    }
};

QTEST_APPLESS_MAIN(TestZooBuild)
#include "test_zoo_build.moc"
