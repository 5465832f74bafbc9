// Scoring features against a head: correct count, confusion matrix and the prediction entropies
// (all, right, wrong), checked against values worked out by hand.
#include <torch/torch.h>

#include <QtTest>

#include <cmath>

#include "core/eval/accuracy.h"

using namespace ms;

namespace {

// Entropy (nats) of softmax(s · [c0, c1]) for a two-class cosine head.
double twoClassEntropy(double s, double c0, double c1) {
    const double a = s * c0, b = s * c1;
    const double m = std::max(a, b);
    const double z = std::exp(a - m) + std::exp(b - m);
    const double p0 = std::exp(a - m) / z, p1 = std::exp(b - m) / z;
    return -(p0 * std::log(p0) + p1 * std::log(p1));
}

}  // namespace

class TestAccuracy : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void scoresAccuracyConfusionAndEntropy() {
        // Head: class 0 along x, class 1 along y; s = 10.
        const auto head = model::ClassificationHead::fromEmbeddings(torch::tensor({{1.f, 0.f}, {0.f, 1.f}}), 10.0, {"a", "b"});
        // Four images: a sure right 0, an unsure right 1, a sure wrong (truth 0), an even one (truth 1).
        const auto features = torch::tensor({{1.f, 0.f}, {0.6f, 0.8f}, {0.f, 1.f}, {1.f, 1.f}});
        const std::vector<int64_t> labels{0, 1, 0, 1};
        const auto score = eval::scoreFeatures("t", head, features, labels);

        QCOMPARE(score.total, int64_t(4));
        // The even image's tie goes to class 0 (argmax takes the first): wrong.
        QCOMPARE(score.correct, int64_t(2));
        QCOMPARE(score.accuracy(), 0.5);
        QCOMPARE(score.confusion[0][0].item<int64_t>(), int64_t(1));
        QCOMPARE(score.confusion[0][1].item<int64_t>(), int64_t(1));
        QCOMPARE(score.confusion[1][0].item<int64_t>(), int64_t(1));
        QCOMPARE(score.confusion[1][1].item<int64_t>(), int64_t(1));

        const double sure = twoClassEntropy(10, 1, 0);
        const double unsure = twoClassEntropy(10, 0.6, 0.8);
        const double even = std::log(2.0);
        QVERIFY(std::abs(score.entropySum - (sure + unsure + sure + even)) < 1e-6);
        QVERIFY(std::abs(score.meanEntropyCorrect() - (sure + unsure) / 2) < 1e-6);
        QVERIFY(std::abs(score.meanEntropyWrong() - (sure + even) / 2) < 1e-6);
        QVERIFY(std::abs(score.meanEntropy() - (2 * sure + unsure + even) / 4) < 1e-6);
    }

    void entropyMeansWithNothingToAverageAreNaN() {
        eval::TaskAccuracy none;
        QVERIFY(std::isnan(none.meanEntropy()));
        QVERIFY(std::isnan(none.meanEntropyCorrect()));
        QVERIFY(std::isnan(none.meanEntropyWrong()));
        const auto head = model::ClassificationHead::fromEmbeddings(torch::eye(2), 5.0, {});
        const auto perfect = eval::scoreFeatures("t", head, torch::eye(2), {0, 1});
        QCOMPARE(perfect.correct, int64_t(2));
        QVERIFY(std::isnan(perfect.meanEntropyWrong()));  // no wrong answer: nothing to report, not 0
        QVERIFY(perfect.meanEntropyCorrect() > 0.0);
        QCOMPARE(perfect.meanEntropy(), perfect.meanEntropyCorrect());
    }
};

QTEST_APPLESS_MAIN(TestAccuracy)
#include "test_accuracy.moc"
