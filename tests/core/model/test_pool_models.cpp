// Pools on disk: a tiny pretrained tower, two fine-tuned ones and their heads, named by a pool.json.
// A good pool loads with exact tensors; a fine-tuned checkpoint of another architecture, or a head of
// the wrong width or class count, gives an ms::Error naming that file.
#include <torch/torch.h>

#include <QtTest>

#include "support/error_assertions.h"
#include "support/tiny_models.h"

#include "core/model/checkpoint.h"
#include "core/model/classification_head.h"
#include "core/model/pool_models.h"
#include "core/pool/pool_manifest.h"
#include "core/util/error.h"

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using ms::model::TensorMap;
using ms::model::VisionConfig;

using ms::test::contains;
using ms::test::errorOf;

namespace {



VisionConfig tinyConfig(int layers = 2) { return ms::test::tinyVisionConfig(layers); }

TensorMap randomTensors(const VisionConfig& config, uint64_t seed) {
    torch::manual_seed(seed);
    TensorMap tensors;
    for (const auto& [name, shape] : config.expectedShapes()) tensors[name] = torch::randn(shape);
    return tensors;
}

// Where each piece of one pool lives and what it holds.
struct PoolSpec {
    int secondLayers = 2;           // layers of the second fine-tuned checkpoint
    int secondHeadDim = 4;          // embedding width of the second head
    int firstHeadClasses = 3;       // classes of the first head
    bool secondHasProjection = true;
};

}  // namespace


class PoolModelsTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    const TensorMap pretrained_ = randomTensors(tinyConfig(), 1);
    const TensorMap first_ = randomTensors(tinyConfig(), 2);
    const TensorMap second_ = randomTensors(tinyConfig(), 3);

    static void saveTower(const std::string& folder, const VisionConfig& config, const TensorMap& tensors) {
        ms::model::saveCheckpoint(folder, config, ms::model::PreprocessConfig::clipDefaults(config.imageSize), tensors);
    }

    static void saveHead(const std::string& path, int classes, int dim, uint64_t seed) {
        torch::manual_seed(seed);
        std::vector<std::string> names;
        for (int c = 0; c < classes; ++c) names.push_back("class" + std::to_string(c));
        ms::model::saveHead(path, ms::model::ClassificationHead::fromEmbeddings(torch::randn({classes, dim}), 100.0, names));
    }

    // Writes pool <name>/ and returns the path of its pool.json.
    std::string makePool(const std::string& name, const PoolSpec& spec) const {
        const fs::path root = fs::path(dir_.path().toStdString()) / name;
        saveTower((root / "pretrained").string(), tinyConfig(), pretrained_);
        saveTower((root / "finetuned" / "first").string(), tinyConfig(), first_);
        TensorMap second = spec.secondLayers == 2 ? second_ : randomTensors(tinyConfig(spec.secondLayers), 4);
        if (!spec.secondHasProjection) second.erase("visual_projection.weight");
        saveTower((root / "finetuned" / "second").string(), tinyConfig(spec.secondLayers), second);
        fs::create_directories(root / "heads");
        saveHead((root / "heads" / "first.safetensors").string(), spec.firstHeadClasses, 4, 5);
        saveHead((root / "heads" / "second.safetensors").string(), 2, spec.secondHeadDim, 6);

        ms::pool::PoolManifest manifest;
        manifest.name = name;
        manifest.pretrained = (root / "pretrained").string();
        for (const char* task : {"first", "second"}) {
            ms::pool::TaskEntry entry;
            entry.name = task;
            entry.displayName = task;
            entry.checkpoint = (root / "finetuned" / task).string();
            entry.head = (root / "heads" / (std::string(task) + ".safetensors")).string();
            manifest.tasks.push_back(entry);
        }
        manifest.tasks[0].classNames = {"red", "green", "blue"};
        const std::string path = (root / "pool.json").string();
        manifest.save(path);
        return path;
    }

    static bool equalTensors(const TensorMap& loaded, const TensorMap& expected) {
        if (loaded.size() != expected.size()) return false;
        for (const auto& [name, t] : expected)
            if (!loaded.count(name) || !torch::equal(loaded.at(name), t)) return false;
        return true;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void loadsAGoodPool() {
        const std::string manifest = makePool("good", {});
        const auto models = ms::model::loadPoolModels(fs::path(manifest).parent_path().string());
        QCOMPARE(models.manifest.path, manifest);
        QCOMPARE(models.tasks.size(), size_t(2));
        QCOMPARE(models.tasks[1]->name, std::string("second"));
        QVERIFY(models.config().sameArchitecture(tinyConfig()));
        QVERIFY(equalTensors(models.pretrained.tensors, pretrained_));
        QCOMPARE(models.finetuned.size(), size_t(2));
        QVERIFY(equalTensors(models.finetuned[0].tensors, first_));
        QVERIFY(equalTensors(models.finetuned[1].tensors, second_));
        QCOMPARE(models.heads.size(), size_t(2));
        QCOMPARE(models.heads[0].numClasses(), int64_t(3));
        QCOMPARE(models.heads[0].embeddingDim(), int64_t(4));
        // The manifest's class names win over the head's; without them the head's are kept.
        QCOMPARE(models.heads[0].classNames, (std::vector<std::string>{"red", "green", "blue"}));
        QCOMPARE(models.heads[1].classNames, (std::vector<std::string>{"class0", "class1"}));
        QCOMPARE(models.taskIndex("second"), 1);
        QCOMPARE(models.taskIndex("third"), -1);
    }

    void loadsTheChosenTasksOnly() {
        const std::string manifest = makePool("chosen", {});
        const auto models = ms::model::loadPoolModels(manifest, "second", false);
        QCOMPARE(models.tasks.size(), size_t(1));
        QCOMPARE(models.tasks[0]->name, std::string("second"));
        QVERIFY(models.finetuned.empty());
        QCOMPARE(models.heads.size(), size_t(1));
        QCOMPARE(models.taskIndex("first"), -1);
        VERIFY_ERROR(ms::model::loadPoolModels(manifest, "third"), manifest, "no task named 'third'");
    }

    void givesAFinetunedCheckpointWithoutProjectionThePretrainedOne() {
        PoolSpec spec;
        spec.secondHasProjection = false;
        const auto models = ms::model::loadPoolModels(makePool("no_projection", spec));
        QVERIFY(models.finetuned[1].hasProjection());
        QVERIFY(torch::equal(models.finetuned[1].tensors.at("visual_projection.weight"),
                             pretrained_.at("visual_projection.weight")));
        QVERIFY(!torch::equal(models.finetuned[1].tensors.at("visual_projection.weight"),
                              second_.at("visual_projection.weight")));
    }

    // A CLIPVisionModel export (no projection) without config.json, every tensor the right shape.
    void acceptsAFinetunedExportWithoutConfigJson() {
        PoolSpec spec;
        spec.secondHasProjection = false;
        const std::string manifest = makePool("no_config", spec);
        fs::remove(fs::path(manifest).parent_path() / "finetuned" / "second" / "config.json");
        const std::string message = errorOf([&] { ms::model::loadPoolModels(manifest); });
        // Shapes cannot tell the head count or (without a projection) the projection width: the
        // pool supplies them from the pretrained model, and checks every other dimension.
        QVERIFY2(message == "<no error>", message.c_str());
        const auto models = ms::model::loadPoolModels(manifest);
        QCOMPARE(models.finetuned[1].config.numHeads, models.config().numHeads);
        QVERIFY(models.finetuned[1].config.sameArchitecture(models.config()));
    }

    void rejectsCheckpointsOfDifferentArchitectures() {
        PoolSpec spec;
        spec.secondLayers = 3;
        const std::string manifest = makePool("mixed", spec);
        const std::string second = (fs::path(manifest).parent_path() / "finetuned" / "second" / "model.safetensors").string();
        VERIFY_ERROR(ms::model::loadPoolModels(manifest), second,
                     "is a ViT D=8 L=3 H=2 P=4 @8px but the pretrained model is a ViT D=8 L=2 H=2 P=4 @8px: "
                     "checkpoints of different architectures cannot be merged in one pool");
        // Without the fine-tuned checkpoints nothing reads the odd one.
        QCOMPARE(ms::model::loadPoolModels(manifest, "", false).heads.size(), size_t(2));
    }

    void rejectsAHeadOfTheWrongWidth() {
        PoolSpec spec;
        spec.secondHeadDim = 5;
        const std::string manifest = makePool("wide_head", spec);
        const std::string head = (fs::path(manifest).parent_path() / "heads" / "second.safetensors").string();
        VERIFY_ERROR(ms::model::loadPoolModels(manifest), head,
                     "class embeddings have 5 dimensions but the model projects to 4");
    }

    void rejectsAHeadWhoseClassCountDisagreesWithTheManifest() {
        PoolSpec spec;
        spec.firstHeadClasses = 4;
        const std::string manifest = makePool("class_count", spec);
        const std::string head = (fs::path(manifest).parent_path() / "heads" / "first.safetensors").string();
        VERIFY_ERROR(ms::model::loadPoolModels(manifest), head,
                     "has 4 classes but the manifest lists 3 for task 'first'");
    }

    void rejectsAPretrainedCheckpointWithoutProjection() {
        const std::string manifest = makePool("pretrained_no_projection", {});
        const fs::path pretrained = fs::path(manifest).parent_path() / "pretrained";
        TensorMap tensors = pretrained_;
        tensors.erase("visual_projection.weight");
        saveTower(pretrained.string(), tinyConfig(), tensors);
        VERIFY_ERROR(ms::model::loadPoolModels(manifest), (pretrained / "model.safetensors").string(),
                     "the pretrained checkpoint has no visual_projection.weight; heads need it");
    }
};

QTEST_APPLESS_MAIN(PoolModelsTest)
#include "test_pool_models.moc"
