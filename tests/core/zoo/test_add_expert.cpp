// `finetune`: a user's image folders become a new expert of a pool, in the pool's formats.
#include <torch/torch.h>

#include <QtTest>

#include <filesystem>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/data/synth/generate.h"
#include "core/data/synth/synthetic_registry.h"
#include "core/model/pool_models.h"
#include "core/pool/pool_manifest.h"
#include "core/util/error.h"
#include "core/zoo/add_expert.h"
#include "core/zoo/zoo_builder.h"

namespace fs = std::filesystem;
using namespace ms;

namespace {

// Class folders of PNGs: the first two SynSigns classes, `perClass` images each.
void writeImageFolder(const std::string& root, uint64_t seed, int perClass) {
    const auto generator = data::makeSyntheticGenerator("syn_signs");
    const auto batch = data::generate(*generator, int64_t(perClass) * generator->classCount(), seed, 1);
    std::map<int64_t, int> written;
    for (int64_t i = 0; i < batch.count(); ++i) {
        const int64_t label = batch.labels[size_t(i)];
        if (label > 1 || written[label] >= perClass) continue;
        const std::string dir = root + "/" + generator->classNames()[size_t(label)];
        fs::create_directories(dir);
        cv::Mat rgb(32, 32, CV_8UC3, const_cast<uint8_t*>(batch.image(i))), bgr;
        cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
        cv::imwrite(dir + "/" + std::to_string(written[label]++) + ".png", bgr);
    }
}

}  // namespace

class TestAddExpert : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    std::string pool_;
    std::string path(const char* name) { return (dir_.path() + "/" + name).toStdString(); }

private Q_SLOTS:
    void initTestCase() {
        auto recipe = zoo::ZooRecipe::quick();
        recipe.tasks = {"syn_digits"};
        recipe.pretrainImages = 256;
        recipe.trainPerTask = 128;
        recipe.testPerTask = 32;
        zoo::ZooBuildOptions options;
        options.outFolder = path("pool");
        pool_ = zoo::buildZoo(recipe, options).manifestPath;
        writeImageFolder(path("train"), 1, 40);
        writeImageFolder(path("test"), 2, 10);
    }

    void addsAnExpertThatThePoolLoads() {
        zoo::AddExpertRequest request;
        request.poolLocation = pool_;
        request.taskName = "my_signs";
        request.displayName = "My signs";
        request.trainFolder = path("train");
        request.testFolder = path("test");
        request.training.epochs = 2;
        request.training.batchSize = 16;
        const auto result = zoo::addExpert(request);
        QCOMPARE(result.training.steps, int64_t(2 * (80 / 16)));
        QVERIFY(result.finetunedAccuracy >= 0.0 && result.finetunedAccuracy <= 1.0);

        const auto manifest = pool::PoolManifest::load(pool_);
        QCOMPARE(manifest.taskNames(), (std::vector<std::string>{"syn_digits", "my_signs"}));
        const auto* task = manifest.findTask("my_signs");
        QCOMPARE(task->classNames, (std::vector<std::string>{"stop", "yield"}));
        QCOMPARE(task->testData, fs::path(path("test")).lexically_normal().string());
        const auto models = model::loadPoolModels(pool_);
        QCOMPARE(models.heads[1].numClasses(), int64_t(2));
        QCOMPARE(models.heads[1].logitScale, models.heads[0].logitScale);  // the pool's scale
        // The new expert is a fine-tune of the pool's pretrained model, not a copy of it.
        const auto& a = models.pretrained.tensors.at("encoder.layers.1.mlp.fc2.weight");
        const auto& b = models.finetuned[1].tensors.at("encoder.layers.1.mlp.fc2.weight");
        QVERIFY((a - b).abs().max().item<double>() > 0);
    }

    void refusesADuplicateOrBadName() {
        zoo::AddExpertRequest request;
        request.poolLocation = pool_;
        request.taskName = "syn_digits";
        request.trainFolder = path("train");
        request.testFolder = path("test");
        try {
            zoo::addExpert(request);
            QFAIL("expected an error");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).contains("already has a task 'syn_digits'"));
        }
        request.taskName = "bad name!";
        QVERIFY_THROWS_EXCEPTION(Error, zoo::addExpert(request));
    }

    void testClassesMustMatchTrainClasses() {
        fs::create_directories(path("test_other") + std::string("/giraffe"));
        fs::copy_file(path("test") + std::string("/stop/0.png"), path("test_other") + std::string("/giraffe/0.png"));
        zoo::AddExpertRequest request;
        request.poolLocation = pool_;
        request.taskName = "other";
        request.trainFolder = path("train");
        request.testFolder = path("test_other");
        try {
            zoo::addExpert(request);
            QFAIL("expected an error");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).contains("test_other"));
            QVERIFY(QString(e.what()).contains("do not match"));
        }
        QVERIFY(!pool::PoolManifest::load(pool_).findTask("other"));  // the pool is unchanged
    }
};

QTEST_APPLESS_MAIN(TestAddExpert)
#include "test_add_expert.moc"
