// CLIP's text tower, zero-shot heads and the new-pool flow, on synthetic checkpoints in the exact
// Hugging Face CLIPModel layout: the tower against a plain loop-based implementation written here,
// the causal mask (tokens after the end token change nothing), heads equal to CLIP's formula, and
// a pool made from a CLIP folder, experts and class folders that opens and evaluates.
#include <QtTest>

#include "support/error_assertions.h"
#include "support/tiny_models.h"

#include <cmath>
#include <filesystem>
#include <fstream>

#include <opencv2/imgcodecs.hpp>

#include "core/eval/pool_evaluator.h"
#include "core/model/text_transformer.h"
#include "core/model/zero_shot_head.h"
#include "core/model/pool_models.h"
#include "core/run/new_pool.h"
#include "core/text/clip_tokenizer.h"

namespace fs = std::filesystem;
using namespace ms;

namespace {

std::string tempFolder(const std::string& name) {
    const auto root = fs::temp_directory_path() / ("ms_text_tower_" + std::to_string(::getpid())) / name;
    fs::remove_all(root);
    fs::create_directories(root);
    return root.string();
}

double maxRelative(const torch::Tensor& a, const torch::Tensor& b) {
    return ((a - b).abs().max() / b.abs().max().clamp_min(1e-12)).item<double>();
}

// The text tower written out with loops over tokens, heads and keys: no causal mask tensor, no
// batched matmuls, only what the HF CLIPTextTransformer does, one step at a time.
torch::Tensor referenceEncode(const std::map<std::string, torch::Tensor>& t, const test::TinyTextShape& s,
                              const std::vector<int>& ids) {
    using torch::indexing::Slice;
    const int n = int(ids.size()), d = s.width, heads = s.heads, hd = d / heads;
    auto ln = [&](const torch::Tensor& x, const std::string& name) {
        const auto mean = x.mean();
        const auto var = (x - mean).pow(2).mean();
        return (x - mean) / torch::sqrt(var + 1e-5) * t.at(name + ".weight") + t.at(name + ".bias");
    };
    auto linear = [&](const torch::Tensor& x, const std::string& name, bool bias = true) {
        auto y = torch::mv(t.at(name + ".weight"), x);
        return bias ? y + t.at(name + ".bias") : y;
    };
    std::vector<torch::Tensor> h;
    for (int i = 0; i < n; ++i)
        h.push_back(t.at("text_model.embeddings.token_embedding.weight")[ids[size_t(i)]] +
                    t.at("text_model.embeddings.position_embedding.weight")[i]);
    for (int layer = 0; layer < s.layers; ++layer) {
        const std::string p = "text_model.encoder.layers." + std::to_string(layer) + ".";
        std::vector<torch::Tensor> q, k, v;
        for (int i = 0; i < n; ++i) {
            const auto x = ln(h[size_t(i)], p + "layer_norm1");
            q.push_back(linear(x, p + "self_attn.q_proj") / std::sqrt(double(hd)));
            k.push_back(linear(x, p + "self_attn.k_proj"));
            v.push_back(linear(x, p + "self_attn.v_proj"));
        }
        std::vector<torch::Tensor> next;
        for (int i = 0; i < n; ++i) {
            auto mixed = torch::zeros({d});
            for (int head = 0; head < heads; ++head) {
                const auto part = Slice(head * hd, (head + 1) * hd);
                std::vector<double> scores;
                for (int j = 0; j <= i; ++j)  // causal: token i attends to 0…i
                    scores.push_back(torch::dot(q[size_t(i)].index({part}), k[size_t(j)].index({part})).item<double>());
                const double top = *std::max_element(scores.begin(), scores.end());
                double sum = 0;
                for (double& sc : scores) sum += (sc = std::exp(sc - top));
                for (int j = 0; j <= i; ++j)
                    mixed.index({part}) += float(scores[size_t(j)] / sum) * v[size_t(j)].index({part});
            }
            auto y = h[size_t(i)] + linear(mixed, p + "self_attn.out_proj");
            auto hidden = linear(ln(y, p + "layer_norm2"), p + "mlp.fc1");
            hidden = hidden * torch::sigmoid(1.702 * hidden);
            next.push_back(y + linear(hidden, p + "mlp.fc2"));
        }
        h = next;
    }
    int end = 0;
    while (ids[size_t(end)] != 1) ++end;
    return linear(ln(h[size_t(end)], "text_model.final_layer_norm"), "text_projection", false);
}

void writePng(const std::string& path, int value) {
    fs::create_directories(fs::path(path).parent_path());
    cv::Mat image(8, 8, CV_8UC3, cv::Scalar(value, 255 - value, (value * 7) % 256));
    QVERIFY(cv::imwrite(path, image));
}

}  // namespace

class TextTowerTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void towerMatchesALoopBasedImplementation() {
        const std::string folder = tempFolder("reference");
        const test::TinyTextShape shape;
        const test::TinyPool pool(1);
        test::writeTinyClipFolder(folder, pool.config, pool.pretrained, shape, 11);
        const auto tower = model::loadTextTower(folder);
        QCOMPARE(tower.config.hiddenSize, 8);
        QCOMPARE(tower.config.numLayers, 2);
        QCOMPARE(tower.config.numHeads, 2);
        QCOMPARE(tower.config.contextLength, 40);
        QCOMPARE(tower.config.projectionDim, 4);
        QVERIFY(tower.logitScaleFromFile);
        QVERIFY(std::abs(tower.logitScale - 50.0) < 1e-4);

        const auto raw = test::randomTextTower(shape, 11, std::log(50.0));
        const std::vector<std::vector<int>> sequences{{0, 5, 9, 1}, {0, 1}, {0, 3, 3, 3, 7, 20, 1}};
        const auto features = model::encodeText(tower, sequences, 1);
        QCOMPARE(features.size(0), int64_t(3));
        for (size_t i = 0; i < sequences.size(); ++i) {
            const double err = maxRelative(features[int64_t(i)], referenceEncode(raw, shape, sequences[i]));
            QVERIFY2(err < 1e-5, ("sequence " + std::to_string(i) + ": relative error " + std::to_string(err)).c_str());
        }
    }

    void tokensAfterTheEndTokenChangeNothing() {
        const std::string folder = tempFolder("causal");
        const test::TinyPool pool(1);
        test::writeTinyClipFolder(folder, pool.config, pool.pretrained, {}, 12);
        const auto tower = model::loadTextTower(folder);
        const auto alone = model::encodeText(tower, {{0, 5, 9, 1}}, 1);
        const auto followed = model::encodeText(tower, {{0, 5, 9, 1, 30, 31, 2, 2}}, 1);
        QVERIFY(maxRelative(followed, alone) < 1e-6);
        // …while a token before it does change the result: the test can fail.
        const auto changed = model::encodeText(tower, {{0, 5, 10, 1}}, 1);
        QVERIFY(maxRelative(changed, alone) > 1e-3);
        // The first end token is the one pooled.
        const auto twoEnds = model::encodeText(tower, {{0, 5, 9, 1, 7, 1}}, 1);
        QVERIFY(maxRelative(twoEnds, alone) < 1e-6);
    }

    void zeroShotHeadIsCLIPsFormula() {
        const std::string folder = tempFolder("head");
        const test::TinyPool pool(1);
        test::writeTinyClipFolder(folder, pool.config, pool.pretrained, {}, 13);
        const auto tower = model::loadTextTower(folder);
        const auto tokenizer = text::ClipTokenizer::fromFolder(folder);
        const text::PromptSet prompts{{"cat", "dog", "red fox"}, {"a photo of a {}.", "a \"{}\" drawing", "{}"}};
        Callbacks callbacks;
        int64_t lastDone = 0, lastTotal = 0;
        callbacks.progress = [&](int64_t done, int64_t total, const std::string&) {
            lastDone = done;
            lastTotal = total;
        };
        const auto head = model::buildZeroShotHead(tower, tokenizer, prompts, callbacks, /*batchSize=*/4);
        QCOMPARE(lastDone, int64_t(9));
        QCOMPARE(lastTotal, int64_t(9));
        QCOMPARE(head.numClasses(), int64_t(3));
        QVERIFY(std::abs(head.logitScale - 50.0) < 1e-4);
        // Hand-encoded "a photo of a cat.": start, a</w> p h o t o</w> o f</w> a</w> c a t .</w>, end.
        const auto ids = tokenizer.encode("a photo of a cat.");
        QCOMPARE(ids.front(), 0);
        QCOMPARE(ids[1], test::tinyTokenId('a', true));
        QCOMPARE(ids[2], test::tinyTokenId('p', false));
        QCOMPARE(ids[ids.size() - 2], test::tinyTokenId('.', true));
        for (size_t c = 0; c < prompts.classNames.size(); ++c) {
            auto sum = torch::zeros({4});
            for (const auto& t : prompts.templates) {
                const auto f = model::encodeText(tower, {tokenizer.encode(text::fillTemplate(t, prompts.classNames[c]), 40)}, 1)[0];
                sum += f / f.norm();
            }
            const auto expected = sum / sum.norm();
            QVERIFY2(maxRelative(head.classEmbeddings[int64_t(c)], expected) < 1e-5, prompts.classNames[c].c_str());
        }
    }

    void textTowerProblemsAreNamed() {
        const std::string folder = tempFolder("problems");
        const test::TinyPool pool(1);
        // A vision-only export has no text tower.
        model::saveCheckpoint(folder + "/vision", pool.config, {}, pool.pretrained);
        QVERIFY(!model::hasTextTower(folder + "/vision"));
        VERIFY_ERROR(model::loadTextTower(folder + "/vision"), folder + "/vision/model.safetensors",
                     "has no text tower");
        // An open_clip state dict is refused by both towers' loaders with what is expected.
        model::writeTensors(folder + "/openclip.safetensors",
                            {{"visual.conv1.weight", torch::zeros({8, 3, 4, 4})},
                             {"transformer.resblocks.0.attn.in_proj_weight", torch::zeros({24, 8})},
                             {"token_embedding.weight", torch::zeros({10, 8})}});
        VERIFY_ERROR(model::loadTextTower(folder + "/openclip.safetensors"), folder + "/openclip.safetensors",
                     "is an OpenAI/open_clip state dict");
        VERIFY_ERROR(model::loadCheckpoint(folder + "/openclip.safetensors"), folder + "/openclip.safetensors",
                     "MergeScope reads the Hugging Face CLIP layout");
        // A NaN in a text weight names the tensor.
        const std::string nanFolder = folder + "/nan";
        test::writeTinyClipFolder(nanFolder, pool.config, pool.pretrained, {}, 14);
        auto tensors = model::readAllTensors(nanFolder + "/model.safetensors");
        std::vector<std::pair<std::string, torch::Tensor>> copy;
        for (auto& [name, t] : tensors) {
            auto owned = t.clone();
            if (name == "text_model.encoder.layers.1.mlp.fc2.weight") owned[0][3] = NAN;
            copy.emplace_back(name, owned);
        }
        tensors.clear();
        model::writeTensors(nanFolder + "/model.safetensors", copy);
        VERIFY_ERROR(model::loadTextTower(nanFolder), nanFolder + "/model.safetensors",
                     "tensor 'text_model.encoder.layers.1.mlp.fc2.weight' holds 1 NaN");
        // config.json disagreeing with the tensors.
        const std::string badConfig = folder + "/config";
        test::writeTinyClipFolder(badConfig, pool.config, pool.pretrained, {}, 15);
        std::ofstream(badConfig + "/config.json") << R"({"text_config": {"num_hidden_layers": 3}})";
        VERIFY_ERROR(model::loadTextTower(badConfig), badConfig + "/config.json",
                     "num_hidden_layers = 3, but the tensors say 2");
    }

    void newPoolFromAClipFolderExpertsAndClassFolders() {
        const std::string root = tempFolder("pool");
        const test::TinyPool tiny(2);
        test::writeTinyClipFolder(root + "/clip-vit-tiny", tiny.config, tiny.pretrained, {}, 16);
        model::saveCheckpoint(root + "/clip-vit-tiny_mnist", tiny.config, {}, tiny.finetuned[0]);
        model::saveCheckpoint(root + "/clip-vit-tiny_shapes", tiny.config, {}, tiny.finetuned[1]);
        for (int digit = 0; digit < 10; ++digit) writePng(root + "/mnist/test/" + std::to_string(digit) + "/a.png", digit * 20);
        writePng(root + "/shapes/test/blue_square/a.png", 10);
        writePng(root + "/shapes/test/blue_square/b.png", 60);
        writePng(root + "/shapes/test/red_circle/a.png", 200);

        run::NewPoolSpec spec;
        spec.name = "Tiny CLIP";
        spec.pretrained = root + "/clip-vit-tiny";
        spec.manifestPath = root + "/pool";
        fs::create_directories(spec.manifestPath);
        spec.tasks = {{"mnist", root + "/clip-vit-tiny_mnist", root + "/mnist/test", "", "", ""},
                      {"shapes", root + "/clip-vit-tiny_shapes", root + "/shapes/test", "", "", ""}};
        std::vector<std::string> lines;
        Callbacks callbacks;
        callbacks.log = [&](const std::string& line) { lines.push_back(line); };
        const auto manifest = run::createPool(spec, callbacks);
        QCOMPARE(manifest.path, root + "/pool/pool.json");
        QCOMPARE(manifest.tasks.size(), size_t(2));
        QCOMPARE(manifest.tasks[0].displayName, std::string("MNIST"));
        QCOMPARE(manifest.tasks[1].classNames, (std::vector<std::string>{"blue_square", "red_circle"}));

        // The heads are the formula applied to the right names and templates.
        const auto tower = model::loadTextTower(spec.pretrained);
        const auto tokenizer = text::ClipTokenizer::fromFolder(spec.pretrained);
        const auto mnistHead = model::loadHead(root + "/pool/heads/mnist.safetensors");
        const auto expectedMnist = model::buildZeroShotHead(tower, tokenizer, text::findBuiltinTask("mnist")->prompts);
        QVERIFY(maxRelative(mnistHead.classEmbeddings, expectedMnist.classEmbeddings) < 1e-6);
        const auto shapesHead = model::loadHead(root + "/pool/heads/shapes.safetensors");
        const auto expectedShapes = model::buildZeroShotHead(tower, tokenizer, {{"blue square", "red circle"}, {"a photo of a {}."}});
        QVERIFY(maxRelative(shapesHead.classEmbeddings, expectedShapes.classEmbeddings) < 1e-6);
        QCOMPARE(shapesHead.classNames, (std::vector<std::string>{"blue square", "red circle"}));

        // It opens and evaluates like any pool.
        const auto models = model::loadPoolModels(manifest.path);
        eval::PoolEvaluator evaluator(models, {});
        const auto row = evaluator.evaluateIndividual();
        QCOMPARE(row.tasks.size(), size_t(2));
        QCOMPARE(row.tasks[0].total, int64_t(10));
        QCOMPARE(row.tasks[1].total, int64_t(3));

        // Never over an existing pool unless asked; a pool without a tokenizer says what is missing.
        VERIFY_ERROR(run::createPool(spec), root + "/pool/pool.json", "already exists");
        spec.overwrite = true;
        QCOMPARE(run::createPool(spec).tasks.size(), size_t(2));
        fs::remove(spec.pretrained + "/merges.txt");
        spec.manifestPath = root + "/pool2/pool.json";
        VERIFY_ERROR(run::createPool(spec), spec.pretrained, "has no merges.txt");
        QVERIFY(!fs::exists(root + "/pool2/pool.json"));
        // A built-in task with the wrong number of class folders.
        std::ofstream(spec.pretrained + "/merges.txt") << "#version: 0.2\n";
        spec.tasks = {{"eurosat", root + "/clip-vit-tiny_shapes", root + "/shapes/test", "", "", ""}};
        VERIFY_ERROR(run::createPool(spec), root + "/shapes/test", "has 2 class folders, but EuroSAT has 10 classes");
        // A vision-only pretrained model cannot make heads.
        spec.pretrained = root + "/clip-vit-tiny_mnist";
        spec.tasks = {{"mnist", root + "/clip-vit-tiny_mnist", root + "/mnist/test", "", "", ""}};
        VERIFY_ERROR(run::createPool(spec), root + "/clip-vit-tiny_mnist/model.safetensors", "has no text tower");
        QVERIFY(!fs::exists(root + "/pool2/pool.json"));
    }

    void classNamesFollowTheFolders() {
        const auto* mnist = text::findBuiltinTask("MNIST");
        QVERIFY(mnist);
        QCOMPARE(text::findBuiltinTask("Stanford-Cars")->id, std::string("cars"));
        QCOMPARE(text::findBuiltinTask("stanford_cars")->prompts.classNames.size(), size_t(196));
        QCOMPARE(text::findBuiltinTask("sun397")->prompts.classNames.size(), size_t(397));
        QVERIFY(text::findBuiltinTask("shapes") == nullptr);
        // Numbered folders sort as text: 0, 1, 10…; each takes its number's name.
        const auto* gtsrb = text::findBuiltinTask("gtsrb");
        std::vector<std::string> folders;
        for (int i = 0; i < 43; ++i) folders.push_back(std::to_string(i));
        std::sort(folders.begin(), folders.end());
        std::string how;
        const auto names = text::classNamesForFolders(folders, gtsrb, "f", &how);
        QCOMPARE(names[2], gtsrb->prompts.classNames[10]);
        QVERIFY(how.find("label numbers") != std::string::npos);
        // EuroSAT folders spelled as its names with underscores.
        const auto* eurosat = text::findBuiltinTask("eurosat");
        std::vector<std::string> spelled;
        for (auto n : eurosat->prompts.classNames) {
            std::replace(n.begin(), n.end(), ' ', '_');
            spelled.push_back(n);
        }
        std::sort(spelled.begin(), spelled.end());
        const auto fromSpelled = text::classNamesForFolders(spelled, eurosat, "f", &how);
        QCOMPARE(fromSpelled[0], std::string("annual crop land"));
        QVERIFY(how.find("spell") != std::string::npos);
        VERIFY_ERROR(text::checkTemplates({"a {} and a {}"}, "t.txt"), "t.txt", "exactly once");
    }
};

QTEST_APPLESS_MAIN(TextTowerTest)
#include "test_text_tower.moc"
