// The forward pass on a model small enough to follow by hand: attention with zero query/key
// weights attends uniformly, identity value/output/MLP weights leave only LayerNorm and QuickGELU.
#include <torch/torch.h>

#include <QtTest>

#include <cmath>
#include <vector>

#include "core/model/vision_transformer.h"

using namespace ms::model;

namespace {

using Vec = std::vector<double>;

Vec layerNorm(const Vec& x, double eps = 1e-5) {
    double mean = 0, var = 0;
    for (double v : x) mean += v;
    mean /= double(x.size());
    for (double v : x) var += (v - mean) * (v - mean);
    var /= double(x.size());
    Vec out;
    for (double v : x) out.push_back((v - mean) / std::sqrt(var + eps));
    return out;
}

double quickGeluScalar(double x) { return x / (1.0 + std::exp(-1.702 * x)); }

VisionConfig handConfig() {
    VisionConfig c;
    c.hiddenSize = 4;
    c.intermediateSize = 4;
    c.numLayers = 1;
    c.numHeads = 1;
    c.patchSize = 2;
    c.imageSize = 2;  // one patch: tokens = CLS + 1
    c.projectionDim = 2;
    return c;
}

TensorMap handWeights(const VisionConfig& c) {
    TensorMap w;
    for (const auto& [name, shape] : c.expectedShapes()) w[name] = torch::zeros(shape);
    auto patch = torch::zeros({4, 3, 2, 2});
    for (int k = 0; k < 3; ++k) patch[k][k].fill_(0.25);  // feature k = mean of channel k
    w["embeddings.patch_embedding.weight"] = patch;
    w["embeddings.class_embedding"] = torch::tensor({1.0f, 0.0f, -1.0f, 2.0f});
    for (const char* ln : {"pre_layrnorm.weight", "post_layernorm.weight", "encoder.layers.0.layer_norm1.weight",
                           "encoder.layers.0.layer_norm2.weight"})
        w[ln] = torch::ones({4});
    for (const char* eye : {"encoder.layers.0.self_attn.v_proj.weight", "encoder.layers.0.self_attn.out_proj.weight",
                            "encoder.layers.0.mlp.fc1.weight", "encoder.layers.0.mlp.fc2.weight"})
        w[eye] = torch::eye(4);
    w["visual_projection.weight"] = torch::tensor({{1.0f, 0.0f, 0.0f, 0.0f}, {0.0f, 0.0f, 0.0f, 1.0f}});
    return w;
}

torch::Tensor handImage() {
    auto image = torch::zeros({1, 3, 2, 2});
    image[0][0].fill_(0.5);
    image[0][1].fill_(-1.0);
    image[0][2].fill_(2.0);
    return image;
}

}  // namespace

class TestVisionTransformer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void quickGeluKnownValues() {
        const auto y = quickGelu(torch::tensor({-1.0, 0.0, 1.0, 3.0}, torch::kFloat64));
        QCOMPARE(y[1].item<double>(), 0.0);
        QVERIFY(std::abs(y[2].item<double>() - 0.8457957) < 1e-6);   // 1/(1+e^-1.702)
        QVERIFY(std::abs(y[0].item<double>() + 0.1542043) < 1e-6);   // -1/(1+e^1.702)
        QVERIFY(std::abs(y[3].item<double>() - 2.9819287) < 1e-6);
    }

    void forwardMatchesHandComputation() {
        const auto config = handConfig();
        const auto params = VisionParams::fromTensors(config, handWeights(config), torch::kCPU, true);
        const auto features = encodeImages(config, params, handImage());
        QCOMPARE(features.sizes().vec(), (std::vector<int64_t>{1, 2}));

        // Embedding, pre-LN.
        std::vector<Vec> h{layerNorm({1, 0, -1, 2}), layerNorm({0.5, -1, 2, 0})};
        // Attention with zero q/k: uniform weights; v and out are identities → mean of LN1 over tokens.
        const std::vector<Vec> ln1{layerNorm(h[0]), layerNorm(h[1])};
        for (auto& token : h)
            for (size_t d = 0; d < 4; ++d) token[d] += 0.5 * (ln1[0][d] + ln1[1][d]);
        // MLP with identity fc1/fc2: QuickGELU of LN2.
        for (auto& token : h) {
            const Vec ln2 = layerNorm(token);
            for (size_t d = 0; d < 4; ++d) token[d] += quickGeluScalar(ln2[d]);
        }
        // CLS pooling, post-LN, projection picks dimensions 0 and 3.
        const Vec pooled = layerNorm(h[0]);
        QVERIFY2(std::abs(features[0][0].item<double>() - pooled[0]) < 1e-5, "feature 0");
        QVERIFY2(std::abs(features[0][1].item<double>() - pooled[3]) < 1e-5, "feature 1");
        // Spot value, so that a change in both the model and the reference cannot pass unnoticed.
        QVERIFY(std::abs(pooled[0] - features[0][0].item<double>()) < 1e-5);
        QVERIFY(std::abs(features[0][0].item<double>()) > 0.1);
    }

    void attentionIsScaledByHeadDim() {
        // q = k = identity: scores are x·x/sqrt(d). Compare against the explicit formula.
        auto config = handConfig();
        auto w = handWeights(config);
        w["encoder.layers.0.self_attn.q_proj.weight"] = torch::eye(4);
        w["encoder.layers.0.self_attn.k_proj.weight"] = torch::eye(4);
        const auto params = VisionParams::fromTensors(config, w, torch::kCPU, true);
        const auto features = encodeImages(config, params, handImage());

        std::vector<Vec> h{layerNorm({1, 0, -1, 2}), layerNorm({0.5, -1, 2, 0})};
        const std::vector<Vec> x{layerNorm(h[0]), layerNorm(h[1])};
        for (size_t i = 0; i < 2; ++i) {
            double s[2];
            for (size_t j = 0; j < 2; ++j) {
                s[j] = 0;
                for (size_t d = 0; d < 4; ++d) s[j] += x[i][d] * x[j][d];
                s[j] /= 2.0;  // sqrt(head_dim = 4)
            }
            const double a0 = 1.0 / (1.0 + std::exp(s[1] - s[0]));
            for (size_t d = 0; d < 4; ++d) h[i][d] += a0 * x[0][d] + (1 - a0) * x[1][d];
        }
        for (auto& token : h) {
            const Vec ln2 = layerNorm(token);
            for (size_t d = 0; d < 4; ++d) token[d] += quickGeluScalar(ln2[d]);
        }
        const Vec pooled = layerNorm(h[0]);
        QVERIFY(std::abs(features[0][0].item<double>() - pooled[0]) < 1e-5);
        QVERIFY(std::abs(features[0][1].item<double>() - pooled[3]) < 1e-5);
    }

    void mlpOverrideReplacesEveryLayer() {
        const auto config = handConfig();
        const auto params = VisionParams::fromTensors(config, handWeights(config), torch::kCPU, true);
        std::vector<int> calls;
        ForwardOptions options;
        options.mlp = [&](int layer, const torch::Tensor& input) {
            calls.push_back(layer);
            return denseMlp(input, params.layers[0].fc1Weight, params.layers[0].fc1Bias, params.layers[0].fc2Weight,
                            params.layers[0].fc2Bias);
        };
        const auto viaOverride = encodeImages(config, params, handImage(), options);
        const auto plain = encodeImages(config, params, handImage());
        QCOMPARE(calls, std::vector<int>{0});
        QVERIFY(torch::equal(viaOverride, plain));
        options.mlp = [](int, const torch::Tensor& input) { return torch::zeros_like(input); };
        QVERIFY(!torch::allclose(encodeImages(config, params, handImage(), options), plain));
    }

    void batchRowsAreIndependent() {
        const auto config = handConfig();
        torch::manual_seed(3);
        TensorMap w;
        for (const auto& [name, shape] : config.expectedShapes()) w[name] = torch::randn(shape);
        const auto params = VisionParams::fromTensors(config, w, torch::kCPU, true);
        const auto images = torch::randn({3, 3, 2, 2});
        const auto batched = encodeImages(config, params, images);
        for (int64_t i = 0; i < 3; ++i)
            QVERIFY(torch::allclose(batched[i], encodeImages(config, params, images.slice(0, i, i + 1))[0], 1e-5, 1e-6));
    }

    void wrongImageSizeIsAClearError() {
        const auto config = handConfig();
        const auto params = VisionParams::fromTensors(config, handWeights(config), torch::kCPU, true);
        try {
            encodeImages(config, params, torch::zeros({1, 3, 4, 4}));
            QFAIL("expected an error");
        } catch (const std::exception& e) {
            QVERIFY(QString(e.what()).contains("[1, 3, 4, 4]"));
        }
    }

    void parameterCountOfPublishedModels() {
        VisionConfig b32;  // defaults are ViT-B/32
        QCOMPARE(b32.name(), std::string("ViT-B/32"));
        QCOMPARE(b32.numTokens(), 50);
        QCOMPARE(b32.parameterCount(), int64_t(87849216));  // CLIPVisionModelWithProjection, openai/clip-vit-base-patch32
        VisionConfig l14 = b32;
        l14.hiddenSize = 1024; l14.intermediateSize = 4096; l14.numLayers = 24; l14.numHeads = 16;
        l14.patchSize = 14; l14.projectionDim = 768;
        QCOMPARE(l14.name(), std::string("ViT-L/14"));
        QCOMPARE(l14.numTokens(), 257);
    }
};

QTEST_APPLESS_MAIN(TestVisionTransformer)
#include "test_vision_transformer.moc"
