// Checkpoints and heads on disk: tiny vision towers saved with saveCheckpoint, then rewritten with
// one thing wrong each. Every bad file must give an ms::Error that names it and says what is wrong;
// the accepted variants (F16/BF16, no prefix, a full CLIPModel, no config.json) load exact values.
#include <torch/torch.h>

#include <QtTest>

#include "support/error_assertions.h"

#include "core/model/checkpoint.h"
#include "core/model/classification_head.h"
#include "core/model/tensor_io.h"
#include "core/util/error.h"
#include "support/test_support.h"

#include <cmath>
#include <filesystem>
#include <functional>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace fs = std::filesystem;
using ms::model::Checkpoint;
using ms::model::TensorMap;
using ms::model::VisionConfig;
using NamedTensors = std::vector<std::pair<std::string, torch::Tensor>>;

using ms::test::contains;
using ms::test::errorOf;

namespace {



VisionConfig tinyConfig() {
    VisionConfig c;
    c.hiddenSize = 8;
    c.intermediateSize = 16;
    c.numLayers = 2;
    c.numHeads = 2;
    c.patchSize = 4;
    c.imageSize = 8;
    c.projectionDim = 4;
    return c;
}

const std::string kTinyName = "ViT D=8 L=2 H=2 P=4 @8px";

// Random float32 tensors of every expected shape, reproducible for a seed.
TensorMap randomTensors(const VisionConfig& config, uint64_t seed) {
    torch::manual_seed(seed);
    TensorMap tensors;
    for (const auto& [name, shape] : config.expectedShapes()) tensors[name] = torch::randn(shape);
    return tensors;
}

// The tensors in checkpoint order under their stored keys (prefixed like saveCheckpoint does, unless not).
NamedTensors stored(const VisionConfig& config, const TensorMap& tensors, bool prefix = true) {
    NamedTensors out;
    for (const auto& name : ms::model::canonicalTensorNames(config)) {
        const bool addPrefix = prefix && name != "visual_projection.weight";
        out.emplace_back(addPrefix ? "vision_model." + name : name, tensors.at(name));
    }
    return out;
}

void writeText(const std::string& path, const std::string& text) {
    ms::test::writeBytes(path, std::vector<uint8_t>(text.begin(), text.end()));
}

bool sameValues(const TensorMap& loaded, const TensorMap& expected) {
    if (loaded.size() != expected.size()) return false;
    for (const auto& [name, t] : expected) {
        auto it = loaded.find(name);
        if (it == loaded.end() || !torch::equal(it->second.to(torch::kFloat32), t)) return false;
    }
    return true;
}

}  // namespace


class CheckpointErrorsTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    const VisionConfig config_ = tinyConfig();
    const TensorMap tensors_ = randomTensors(tinyConfig(), 7);

    // A valid checkpoint folder <name>/ (model.safetensors, config.json, preprocessor_config.json).
    std::string saveTiny(const std::string& name) const {
        const std::string folder = (fs::path(dir_.path().toStdString()) / name).string();
        ms::model::saveCheckpoint(folder, config_, ms::model::PreprocessConfig::clipDefaults(8), tensors_);
        return folder;
    }

    // A valid folder whose model.safetensors is then replaced by `tensors`; returns that file.
    std::string saveRewritten(const std::string& name, const NamedTensors& tensors) const {
        const std::string file = saveTiny(name) + "/model.safetensors";
        ms::model::writeTensors(file, tensors);
        return file;
    }

    static NamedTensors without(NamedTensors tensors, const std::string& key) {
        NamedTensors out;
        for (auto& item : tensors)
            if (item.first != key) out.push_back(std::move(item));
        return out;
    }

    std::string at(const std::string& name) const { return (fs::path(dir_.path().toStdString()) / name).string(); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void loadsWhatWasSaved() {
        const std::string folder = saveTiny("good");
        const Checkpoint ckpt = ms::model::loadCheckpoint(folder);
        QCOMPARE(ckpt.path, folder + "/model.safetensors");
        QVERIFY(ckpt.configFromFile);
        QVERIFY(ckpt.config.sameArchitecture(config_));
        QCOMPARE(ckpt.config.name(), kTinyName);
        QVERIFY(ckpt.hadVisionModelPrefix);
        QVERIFY(ckpt.hasProjection());
        QCOMPARE(ckpt.tensors.size(), size_t(40));  // 5 embedding/pre-LN + 2 × 16 per layer + 3
        QCOMPARE(ckpt.parameterCount(), config_.parameterCount());
        QCOMPARE(ckpt.dtypeCounts(), (std::map<std::string, int>{{"F32", 40}}));
        QCOMPARE(ckpt.metadata.at("format"), std::string("pt"));
        QVERIFY(sameValues(ckpt.tensors, tensors_));
        // The same file named directly.
        QVERIFY(sameValues(ms::model::loadCheckpoint(ckpt.path).tensors, tensors_));
    }

    void rejectsAShapeThatDisagreesWithTheConfig() {
        auto tensors = stored(config_, tensors_);
        for (auto& [key, t] : tensors)
            if (key == "vision_model.encoder.layers.0.mlp.fc1.weight") t = torch::zeros({17, 8});
        const std::string file = saveRewritten("wrong_shape", tensors);
        VERIFY_ERROR(ms::model::loadCheckpoint(fs::path(file).parent_path().string()), file,
                     "tensor 'encoder.layers.0.mlp.fc1.weight' has shape [17, 8] but the config (" + kTinyName +
                         ") says [16, 8]");
    }

    void rejectsAMissingTensor() {
        const std::string file = saveRewritten(
            "missing_key", without(stored(config_, tensors_), "vision_model.encoder.layers.1.self_attn.q_proj.bias"));
        VERIFY_ERROR(ms::model::loadCheckpoint(file), file,
                     "missing tensor 'encoder.layers.1.self_attn.q_proj.bias' (expected [8] for " + kTinyName + ")");
    }

    void rejectsALayerTheConfigDoesNotHave() {
        VisionConfig threeLayers = config_;
        threeLayers.numLayers = 3;
        const std::string file = saveRewritten("extra_layer", stored(threeLayers, randomTensors(threeLayers, 3)));
        VERIFY_ERROR(ms::model::loadCheckpoint(file), file, "unexpected tensor 'encoder.layers.2.");
        VERIFY_ERROR(ms::model::loadCheckpoint(file), file,
                     "not part of a " + kTinyName + " vision tower (more layers than the config says?)");
    }

    void rejectsAnIntegerWeight() {
        auto tensors = stored(config_, tensors_);
        for (auto& [key, t] : tensors)
            if (key == "vision_model.encoder.layers.0.mlp.fc1.bias") t = torch::arange(16, torch::kInt64);
        const std::string file = saveRewritten("int_weight", tensors);
        VERIFY_ERROR(ms::model::loadCheckpoint(file), file,
                     "tensor 'vision_model.encoder.layers.0.mlp.fc1.bias' has dtype I64; model weights must be F32, "
                     "F16 or BF16");
    }

    void rejectsAKeyStoredWithAndWithoutThePrefix() {
        auto tensors = stored(config_, tensors_);
        tensors.emplace_back("pre_layrnorm.bias", tensors_.at("pre_layrnorm.bias"));
        const std::string file = saveRewritten("both_prefixes", tensors);
        VERIFY_ERROR(ms::model::loadCheckpoint(file), file,
                     "tensor 'pre_layrnorm.bias' appears both with and without the 'vision_model.' prefix");
    }

    void rejectsAConfigThatIsNotJson() {
        const std::string folder = saveTiny("config_not_json");
        writeText(folder + "/config.json", "{\"hidden_size\": 8,,}");
        VERIFY_ERROR(ms::model::loadCheckpoint(folder), folder + "/config.json", "not valid JSON");
    }

    void rejectsAHiddenSizeNotDivisibleByTheHeads() {
        const std::string folder = saveTiny("config_heads");
        auto json = config_.toJson();
        json["num_attention_heads"] = 3;
        writeText(folder + "/config.json", json.dump());
        VERIFY_ERROR(ms::model::loadCheckpoint(folder), folder + "/config.json",
                     "hidden_size 8 is not divisible by num_attention_heads 3");
    }

    void rejectsAConfigFieldThatIsNotAPositiveInteger() {
        const std::string folder = saveTiny("config_negative");
        auto json = config_.toJson();
        json["patch_size"] = -4;
        writeText(folder + "/config.json", json.dump());
        VERIFY_ERROR(ms::model::loadCheckpoint(folder), folder + "/config.json",
                     "config field 'patch_size' must be a positive integer");
    }

    void rejectsAFolderWithoutModelSafetensors() {
        const std::string folder = saveTiny("no_model");
        fs::remove(folder + "/model.safetensors");
        VERIFY_ERROR(ms::model::loadCheckpoint(folder), folder, "folder has no model.safetensors");
        const std::string missing = at("no_such_checkpoint.safetensors");
        VERIFY_ERROR(ms::model::loadCheckpoint(missing), missing, "no such file or folder");
    }

    void infersTheConfigFromShapesWithoutConfigJson() {
        const std::string folder = saveTiny("no_config");
        fs::remove(folder + "/config.json");
        const Checkpoint ckpt = ms::model::loadCheckpoint(folder);
        QVERIFY(!ckpt.configFromFile);
        QCOMPARE(ckpt.config.numLayers, 2);
        QCOMPARE(ckpt.config.hiddenSize, 8);
        QCOMPARE(ckpt.config.intermediateSize, 16);
        QCOMPARE(ckpt.config.patchSize, 4);
        QCOMPARE(ckpt.config.imageSize, 8);
        QCOMPARE(ckpt.config.projectionDim, 4);
        QCOMPARE(ckpt.config.numChannels, 3);
        // Shapes cannot tell the head count; 8 is not a multiple of CLIP's 64-wide heads, so 1.
        QCOMPARE(ckpt.config.numHeads, 1);
        QVERIFY(sameValues(ckpt.tensors, tensors_));
    }

    void loadsHalfAndBFloat16Checkpoints_data() {
        QTest::addColumn<int>("dtype");
        QTest::addColumn<QString>("name");
        QTest::newRow("F16") << int(torch::kHalf) << "F16";
        QTest::newRow("BF16") << int(torch::kBFloat16) << "BF16";
    }

    void loadsHalfAndBFloat16Checkpoints() {
        QFETCH(int, dtype);
        QFETCH(QString, name);
        const auto type = torch::ScalarType(dtype);
        TensorMap reduced, rounded;
        for (const auto& [key, t] : tensors_) {
            reduced[key] = t.to(type);
            rounded[key] = t.to(type).to(torch::kFloat32);
        }
        const std::string folder = at("reduced_" + name.toStdString());
        ms::model::saveCheckpoint(folder, config_, ms::model::PreprocessConfig::clipDefaults(8), reduced);
        const Checkpoint ckpt = ms::model::loadCheckpoint(folder);
        QCOMPARE(ckpt.dtypeCounts(), (std::map<std::string, int>{{name.toStdString(), 40}}));
        QVERIFY(ckpt.tensors.at("encoder.layers.1.mlp.fc2.weight").scalar_type() == type);
        QVERIFY(sameValues(ckpt.tensors, rounded));
        QVERIFY(!sameValues(ckpt.tensors, tensors_));  // the rounding did change something
    }

    void loadsKeysWithoutThePrefixIdentically() {
        const std::string file = saveRewritten("no_prefix", stored(config_, tensors_, false));
        const Checkpoint ckpt = ms::model::loadCheckpoint(file);
        QVERIFY(!ckpt.hadVisionModelPrefix);
        QVERIFY(ckpt.configFromFile);
        QVERIFY(sameValues(ckpt.tensors, tensors_));
    }

    void ignoresTheTextTowerOfAFullClipModel() {
        auto tensors = stored(config_, tensors_);
        tensors.emplace_back("vision_model.embeddings.position_ids", torch::arange(5, torch::kInt64).unsqueeze(0));
        tensors.emplace_back("text_model.embeddings.token_embedding.weight", torch::ones({10, 8}));
        tensors.emplace_back("text_model.embeddings.position_ids", torch::arange(7, torch::kInt64).unsqueeze(0));
        tensors.emplace_back("text_model.final_layer_norm.weight", torch::ones({8}));
        tensors.emplace_back("text_projection.weight", torch::ones({4, 8}));
        tensors.emplace_back("logit_scale", torch::tensor(4.6052f));
        const std::string file = saveRewritten("full_clip", tensors);
        // A CLIPConfig: vision dimensions under vision_config, projection_dim at the top level.
        auto vision = config_.toJson();
        vision.erase("projection_dim");
        const nlohmann::json clipConfig{{"model_type", "clip"}, {"projection_dim", 4}, {"vision_config", vision},
                                        {"text_config", {{"hidden_size", 8}}}};
        writeText(fs::path(file).parent_path().string() + "/config.json", clipConfig.dump());
        const Checkpoint ckpt = ms::model::loadCheckpoint(file);
        QVERIFY(ckpt.config.sameArchitecture(config_));
        QCOMPARE(ckpt.tensors.size(), size_t(40));
        QVERIFY(sameValues(ckpt.tensors, tensors_));
        QVERIFY(!ckpt.tensors.count("logit_scale"));
    }

    // ---- heads ---------------------------------------------------------------------------------

    void headRoundTrips() {
        const std::string path = at("head.safetensors");
        const auto head = ms::model::ClassificationHead::fromEmbeddings(torch::tensor({{3.0f, 4.0f}, {0.0f, -2.0f}}),
                                                                        50.0, {"cat", "dog"});
        ms::model::saveHead(path, head, "pets");
        const auto loaded = ms::model::loadHead(path);
        QCOMPARE(loaded.classNames, (std::vector<std::string>{"cat", "dog"}));
        QVERIFY(std::abs(loaded.logitScale - 50.0) < 1e-4);
        QVERIFY(torch::allclose(loaded.classEmbeddings, torch::tensor({{0.6f, 0.8f}, {0.0f, -1.0f}})));
    }

    void rejectsAHeadWithoutClassEmbeddings() {
        const std::string path = at("not_a_head.safetensors");
        ms::model::writeTensors(path, {{"weights", torch::ones({2, 4})}});
        VERIFY_ERROR(ms::model::loadHead(path), path, "missing tensor 'class_embeddings' (is this a head file?)");
    }

    void rejectsAHeadWithTheWrongNumberOfClassNames() {
        const std::string path = at("names_mismatch.safetensors");
        ms::model::writeTensors(path, {{"class_embeddings", torch::ones({3, 4})}, {"logit_scale", torch::tensor(1.0f)}},
                                {{"class_names", R"(["a","b"])"}});
        VERIFY_ERROR(ms::model::loadHead(path), path, "the head has 3 class embeddings but 2 class names");
    }

    void rejectsAHeadWithNonFiniteValues_data() {
        QTest::addColumn<float>("value");
        QTest::newRow("NaN") << std::numeric_limits<float>::quiet_NaN();
        QTest::newRow("infinity") << -std::numeric_limits<float>::infinity();
    }

    void rejectsAHeadWithNonFiniteValues() {
        QFETCH(float, value);
        const std::string path = at(std::string("non_finite_") + QTest::currentDataTag() + ".safetensors");
        auto embeddings = torch::ones({2, 4});
        embeddings[1][2] = value;
        ms::model::writeTensors(path, {{"class_embeddings", embeddings}});
        const bool nan = std::isnan(value);
        VERIFY_ERROR(ms::model::loadHead(path), path,
                     std::string("'class_embeddings' holds ") + (nan ? "1 NaN and 0" : "0 NaN and 1") +
                         " infinite values (the first at flat index 6)");
    }

    // One bad value in one expert weight would otherwise evaluate as if nothing were wrong.
    void rejectsACheckpointWithNonFiniteValues_data() {
        QTest::addColumn<QString>("dtype");
        QTest::addColumn<float>("value");
        QTest::newRow("F32 NaN") << "F32" << std::numeric_limits<float>::quiet_NaN();
        QTest::newRow("F16 infinity") << "F16" << std::numeric_limits<float>::infinity();
        QTest::newRow("BF16 NaN") << "BF16" << std::numeric_limits<float>::quiet_NaN();
    }

    void rejectsACheckpointWithNonFiniteValues() {
        QFETCH(QString, dtype);
        QFETCH(float, value);
        const auto type = dtype == "F32" ? torch::kFloat32 : dtype == "F16" ? torch::kFloat16 : torch::kBFloat16;
        auto tensors = stored(config_, tensors_);
        for (auto& [key, t] : tensors) {
            t = t.to(type);
            if (key == "vision_model.encoder.layers.1.mlp.fc2.weight") {
                t = t.clone();
                t[3][5] = value;  // flat index 3 * 16 + 5
            }
        }
        const std::string file = saveRewritten(std::string("non_finite_") + dtype.toStdString(), tensors);
        VERIFY_ERROR(ms::model::loadCheckpoint(file), file,
                     std::string("tensor 'encoder.layers.1.mlp.fc2.weight' holds ") +
                         (std::isnan(value) ? "1 NaN and 0" : "0 NaN and 1") +
                         " infinite values (the first at flat index 53); the checkpoint is damaged or its "
                         "training diverged");
    }

    void rejectsAHeadWithAnOverflowingLogitScale() {
        const std::string path = at("huge_scale.safetensors");
        ms::model::writeTensors(path, {{"class_embeddings", torch::ones({2, 4})}, {"logit_scale", torch::tensor(1000.0f)}});
        VERIFY_ERROR(ms::model::loadHead(path), path, "'logit_scale' is not a finite number");
    }

    void rejectsHeadClassNamesThatAreNotAJsonList() {
        const std::string path = at("names_not_json.safetensors");
        ms::model::writeTensors(path, {{"class_embeddings", torch::ones({2, 4})}}, {{"class_names", "cat,dog"}});
        VERIFY_ERROR(ms::model::loadHead(path), path, "metadata 'class_names' is not a JSON list of strings");
    }
};

QTEST_APPLESS_MAIN(CheckpointErrorsTest)
#include "test_checkpoint_errors.moc"
