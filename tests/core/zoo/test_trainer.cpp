// The trainer learns, keeps a frozen head frozen, and fits prototype heads as defined.
#include <torch/torch.h>

#include <QtTest>

#include "core/model/vision_transformer.h"
#include "core/util/error.h"
#include "core/zoo/trainer.h"

using namespace ms;

namespace {

model::VisionConfig tinyConfig() {
    model::VisionConfig c;
    c.hiddenSize = 16;
    c.intermediateSize = 32;
    c.numLayers = 1;
    c.numHeads = 2;
    c.patchSize = 4;
    c.imageSize = 8;
    c.projectionDim = 8;
    return c;
}

model::VisionParams randomBody(const model::VisionConfig& c) {
    torch::manual_seed(1);
    model::TensorMap w;
    for (const auto& [name, shape] : c.expectedShapes())
        w[name] = name.find("norm") != std::string::npos && name.find("weight") != std::string::npos ? torch::ones(shape)
                                                                                                   : torch::randn(shape) * 0.1;
    return model::VisionParams::fromTensors(c, w, torch::kCPU, true);
}

// Two classes that differ by which half of the image is bright.
void twoClassProblem(torch::Tensor& x, torch::Tensor& y) {
    torch::manual_seed(2);
    x = torch::randn({256, 3, 8, 8}) * 0.3;
    y = torch::arange(256) % 2;
    for (int64_t i = 0; i < 256; ++i) {
        if (y[i].item<int64_t>() == 0) x[i].narrow(1, 0, 4).add_(1.0);
        else x[i].narrow(1, 4, 4).add_(1.0);
    }
}

// What most tests start from: the tiny tower at its random start, the two-class problem and a
// random two-class head.
struct TwoClassSetup {
    model::VisionConfig config = tinyConfig();
    model::VisionParams body = randomBody(config);
    torch::Tensor x, y, head;
    TwoClassSetup() {
        twoClassProblem(x, y);
        head = torch::randn({2, 8});
    }
};

// Six epochs of 32-image steps at 3e-3, drawing 32 other images per step when asked to.
zoo::TrainSettings sixEpochs() {
    zoo::TrainSettings settings;
    settings.epochs = 6;
    settings.batchSize = 32;
    settings.learningRate = 3e-3;
    settings.replayBatch = 32;
    return settings;
}

}  // namespace

class TestTrainer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void learnsASeparableProblemWithAFrozenHead() {
        TwoClassSetup setup;
        auto& [config, body, x, y, head] = setup;
        const auto headBefore = head.clone();
        zoo::TrainSettings settings;
        settings.epochs = 8;
        settings.batchSize = 32;
        settings.learningRate = 3e-3;
        settings.maxShiftPixels = 0;
        const auto stats = zoo::trainClassifier(config, body, head, false, 10.0, x, y, settings, {}, "test");
        QCOMPARE(stats.steps, int64_t(8 * 8));
        QVERIFY2(stats.epochLoss.back() < 0.5 * stats.epochLoss.front(), "loss must fall");
        QVERIFY(stats.trainAccuracy > 0.95);
        QVERIFY(torch::equal(head, headBefore));
        QVERIFY(!body.layers[0].fc1Weight.requires_grad());
    }

    void trainsTheHeadWhenAsked() {
        TwoClassSetup setup;
        auto& [config, body, x, y, head] = setup;
        const auto headBefore = head.clone();
        zoo::TrainSettings settings;
        settings.epochs = 1;
        settings.batchSize = 64;
        zoo::trainClassifier(config, body, head, true, 10.0, x, y, settings, {}, "test");
        QVERIFY(!torch::equal(head, headBefore));
    }

    void replayKeepsTheFeaturesOfOtherImages() {
        // Fine-tune on the two-class problem with and without replay of other images; replay must
        // keep those images' (normalised) features much nearer the starting ones, and still learn.
        const auto config = tinyConfig();
        torch::Tensor x, y;
        twoClassProblem(x, y);
        torch::manual_seed(7);
        const auto other = torch::randn({128, 3, 8, 8});
        const auto start = randomBody(config);
        torch::Tensor before;
        {
            torch::NoGradGuard noGrad;
            before = model::encodeImages(config, start, other);
        }
        size_t driftEpochs = 0;  // the loss is the cross-entropy alone; the drift is recorded beside it
        auto drift = [&](double weight, double& trainAccuracy) {
            auto body = randomBody(config);
            auto head = torch::randn({2, 8});
            auto settings = sixEpochs();
            settings.replayWeight = weight;
            settings.replayInputs = other;
            settings.replayTargets = before;
            const auto stats = zoo::trainClassifier(config, body, head, false, 10.0, x, y, settings, {}, "test");
            trainAccuracy = stats.trainAccuracy;
            driftEpochs = stats.epochReplayDrift.size();
            torch::NoGradGuard noGrad;
            const auto after = model::encodeImages(config, body, other);
            return (torch::nn::functional::normalize(after, torch::nn::functional::NormalizeFuncOptions().dim(1)) -
                    torch::nn::functional::normalize(before, torch::nn::functional::NormalizeFuncOptions().dim(1)))
                .pow(2).sum(1).mean().item<double>();
        };
        double plainAccuracy = 0, replayAccuracy = 0;
        const double plain = drift(0.0, plainAccuracy);
        QCOMPARE(driftEpochs, size_t(0));
        const double kept = drift(5.0, replayAccuracy);
        QCOMPARE(driftEpochs, size_t(6));  // one mean drift per epoch
        QVERIFY2(kept < 0.5 * plain, qPrintable(QString("drift %1 with replay vs %2 without").arg(kept).arg(plain)));
        QVERIFY(plainAccuracy > 0.95);
        QVERIFY(replayAccuracy > 0.9);
    }

    void outlierExposureMakesTheExpertUnsureOffItsTask() {
        // Other images that carry the task's cue (a bright half) and a mark of their own (a dark
        // green channel). Without outlier exposure the fine-tuned expert reads the cue and is sure
        // of them; with it, it learns the mark and comes near the uniform prediction (ln 2 nats),
        // while it still learns its own task.
        TwoClassSetup setup;
        torch::manual_seed(9);
        auto other = torch::randn({128, 3, 8, 8}) * 0.3;
        for (int64_t i = 0; i < 128; ++i) {
            other[i].narrow(1, (i % 2) * 4, 4).add_(1.0);
            other[i][1].sub_(2.0);
        }
        size_t entropyEpochs = 0;
        auto entropyOnOthers = [&](double weight, double& trainAccuracy) {
            auto body = randomBody(setup.config);
            auto head = setup.head.clone();
            auto settings = sixEpochs();
            settings.outlierWeight = weight;
            settings.replayInputs = other;  // no replayTargets: outlier exposure needs none
            const auto stats =
                zoo::trainClassifier(setup.config, body, head, false, 10.0, setup.x, setup.y, settings, {}, "test");
            trainAccuracy = stats.trainAccuracy;
            entropyEpochs = stats.epochOutlierEntropy.size();
            torch::NoGradGuard noGrad;
            const auto z = zoo::cosineLogits(model::encodeImages(setup.config, body, other), head, 10.0);
            return -(torch::softmax(z, 1) * torch::log_softmax(z, 1)).sum(1).mean().item<double>();
        };
        double plainAccuracy = 0, exposedAccuracy = 0;
        const double plain = entropyOnOthers(0.0, plainAccuracy);
        QCOMPARE(entropyEpochs, size_t(0));
        const double exposed = entropyOnOthers(1.0, exposedAccuracy);
        QCOMPARE(entropyEpochs, size_t(6));
        QVERIFY2(exposed > 0.9 * std::log(2.0) && exposed > plain + 0.2,
                 qPrintable(QString("entropy %1 with outlier exposure vs %2 without").arg(exposed).arg(plain)));
        QVERIFY(plainAccuracy > 0.95);
        QVERIFY(exposedAccuracy > 0.9);
    }

    void replayAndOutlierExposureNeedTheirInputs() {
        TwoClassSetup setup;
        auto& [config, body, x, y, head] = setup;
        zoo::TrainSettings settings;
        settings.replayWeight = 1.0;
        settings.replayInputs = torch::randn({16, 3, 8, 8});
        settings.replayTargets = torch::randn({15, 8});
        QVERIFY_THROWS_EXCEPTION(Error, zoo::trainClassifier(config, body, head, false, 10.0, x, y, settings, {}, "t"));

        zoo::TrainSettings outliersWithoutImages;
        outliersWithoutImages.outlierWeight = 1.0;
        QVERIFY_THROWS_EXCEPTION(Error, zoo::trainClassifier(config, body, head, false, 10.0, x, y, outliersWithoutImages, {}, "t"));
    }

    void cancelStopsBetweenSteps() {
        TwoClassSetup setup;
        auto& [config, body, x, y, head] = setup;
        int steps = 0;
        Callbacks callbacks;
        callbacks.progress = [&](int64_t done, int64_t, const std::string&) { steps = int(done); };
        callbacks.cancelled = [&] { return steps >= 3; };
        zoo::TrainSettings settings;
        settings.batchSize = 32;
        QVERIFY_THROWS_EXCEPTION(Cancelled, zoo::trainClassifier(config, body, head, false, 10.0, x, y, settings, callbacks, "t"));
        QCOMPARE(steps, 3);
    }

    void prototypesAreNormalisedClassMeans() {
        const auto features = torch::tensor({{3.0f, 0.0f}, {0.0f, 2.0f}, {1.0f, 1.0f}, {-1.0f, 0.0f}});
        const auto labels = torch::tensor({0, 0, 1, 1}, torch::kInt64);
        const auto protos = zoo::classPrototypes(features, labels, 2);
        // class 0: mean of (1,0) and (0,1) → (1,1)/√2; class 1: mean of (1,1)/√2 and (-1,0).
        QVERIFY(std::abs(protos[0][0].item<double>() - 1 / std::sqrt(2.0)) < 1e-6);
        const double a = 1 / std::sqrt(2.0) - 1, b = 1 / std::sqrt(2.0), n = std::sqrt(a * a + b * b);
        QVERIFY(std::abs(protos[1][0].item<double>() - a / n) < 1e-6);
        QVERIFY(std::abs(protos[1][1].item<double>() - b / n) < 1e-6);
        QVERIFY_THROWS_EXCEPTION(std::exception, zoo::classPrototypes(features, labels, 3));
    }
};

QTEST_APPLESS_MAIN(TestTrainer)
#include "test_trainer.moc"
