// A checkpoint written in the exact Hugging Face layout at ViT-B/32 shapes (random weights):
// it loads (with and without config.json), runs, and round-trips bit for bit.
#include <torch/torch.h>

#include <QtTest>

#include <cstring>

#include "core/io/safetensors.h"
#include "core/model/checkpoint.h"
#include "core/model/vision_transformer.h"

using namespace ms::model;

class TestCheckpointVitB32 : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    std::string original_;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        const VisionConfig config;  // ViT-B/32
        torch::manual_seed(0);
        // Hugging Face's order and names: vision_model.* plus top-level visual_projection, as in
        // CLIPVisionModelWithProjection, and position_ids which loaders must skip.
        std::vector<std::pair<std::string, torch::Tensor>> tensors;
        tensors.emplace_back("vision_model.embeddings.position_ids", torch::arange(50, torch::kInt64).view({1, 50}));
        for (const auto& name : canonicalTensorNames(config)) {
            const auto shape = config.expectedShapes().at(name);
            const std::string key = name == "visual_projection.weight" ? name : "vision_model." + name;
            tensors.emplace_back(key, torch::randn(shape) * 0.02);
        }
        original_ = (dir_.path() + "/hf/model.safetensors").toStdString();
        writeTensors(original_, tensors, {{"format", "pt"}});
    }

    void loadsWithoutConfigByInferringShapes() {
        const auto ckpt = loadCheckpoint(original_);
        QVERIFY(!ckpt.configFromFile);
        QCOMPARE(ckpt.config.name(), std::string("ViT-B/32"));
        QCOMPARE(ckpt.config.numHeads, 12);
        QCOMPARE(ckpt.parameterCount(), int64_t(87849216));
        QVERIFY(ckpt.hadVisionModelPrefix);
        QCOMPARE(ckpt.tensors.count("embeddings.position_ids"), size_t(0));
    }

    void runsAForwardPass() {
        const auto ckpt = loadCheckpoint(original_);
        const auto params = VisionParams::fromTensors(ckpt.config, ckpt.tensors, torch::kCPU, false);
        torch::NoGradGuard noGrad;
        const auto features = encodeImages(ckpt.config, params, torch::randn({2, 3, 224, 224}));
        QCOMPARE(features.sizes().vec(), (std::vector<int64_t>{2, 512}));
        QVERIFY(torch::isfinite(features).all().item<bool>());
        QVERIFY(features.abs().sum().item<double>() > 0);
    }

    void loadingDoesNotCopyF32Weights() {
        const auto file = ms::io::SafetensorsFile::open(original_);
        const auto ckpt = loadCheckpoint(original_);
        const auto& fc1 = ckpt.tensors.at("encoder.layers.5.mlp.fc1.weight");
        const auto* mapped = file->data(file->at("vision_model.encoder.layers.5.mlp.fc1.weight"));
        // A second mapping of the same file has another address; compare contents and that the
        // tensor points into *its own* map rather than a heap copy: its storage is not resizable.
        QVERIFY(std::memcmp(fc1.data_ptr(), mapped, size_t(fc1.numel()) * 4) == 0);
        QVERIFY(!fc1.storage().resizable());
    }

    void roundTripsBitForBit() {
        const auto ckpt = loadCheckpoint(original_);
        const std::string folder = (dir_.path() + "/saved").toStdString();
        saveCheckpoint(folder, ckpt.config, ckpt.preprocess, ckpt.tensors);
        const auto before = ms::io::SafetensorsFile::open(original_);
        const auto after = ms::io::SafetensorsFile::open(folder + "/model.safetensors");
        QCOMPARE(after->tensors().size(), before->tensors().size() - 1);  // position_ids is not written
        for (const auto& info : after->tensors()) {
            const auto* twin = before->find(info.name);
            QVERIFY2(twin, info.name.c_str());
            QCOMPARE(info.shape, twin->shape);
            QVERIFY(info.dtype == twin->dtype);
            QVERIFY2(std::memcmp(after->data(info), before->data(*twin), info.nbytes()) == 0, info.name.c_str());
        }
        const auto reloaded = loadCheckpoint(folder);
        QVERIFY(reloaded.configFromFile);
        QVERIFY(reloaded.config.sameArchitecture(ckpt.config));
    }
};

QTEST_APPLESS_MAIN(TestCheckpointVitB32)
#include "test_checkpoint_vitb32.moc"
