#include "core/zoo/add_expert.h"

#include <algorithm>
#include <filesystem>

#include <torch/torch.h>

#include "core/data/image_folder.h"
#include "core/eval/accuracy.h"
#include "core/model/checkpoint.h"
#include "core/model/classification_head.h"
#include "core/model/preprocess.h"
#include "core/pool/pool_manifest.h"
#include "core/util/error.h"
#include "core/zoo/head_subspace.h"
#include "core/zoo/zoo_recipe.h"

namespace fs = std::filesystem;

namespace ms::zoo {

namespace {

// The recipe a demo zoo was built with (ZooRecipe::toJson in its provenance); null for other pools.
const nlohmann::json* zooRecipeOf(const pool::PoolManifest& manifest) {
    const auto recipe = manifest.provenance.find("recipe");
    return recipe != manifest.provenance.end() && recipe->is_object() ? &*recipe : nullptr;
}

bool usesHeadSubspaces(const pool::PoolManifest& manifest) {
    const auto* recipe = zooRecipeOf(manifest);
    return recipe && recipe->value("head_subspaces", 0) > 0;
}

}  // namespace

TrainSettings poolFinetuneDefaults(const std::string& poolLocation) {
    const auto standard = ZooRecipe::standard();
    TrainSettings s;
    s.epochs = standard.finetuneEpochs;
    s.learningRate = standard.finetuneLearningRate;
    s.weightDecay = standard.finetuneWeightDecay;
    s.batchSize = standard.finetuneBatchSize;
    const auto manifest = pool::PoolManifest::load(poolLocation);
    const auto* recipe = zooRecipeOf(manifest);
    if (!recipe || !recipe->contains("finetune")) return s;
    const auto& f = (*recipe)["finetune"];
    s.epochs = f.value("epochs", s.epochs);
    s.learningRate = f.value("learning_rate", s.learningRate);
    s.weightDecay = f.value("weight_decay", s.weightDecay);
    s.nonMlpLearningRateScale = f.value("non_mlp_lr_scale", s.nonMlpLearningRateScale);
    s.batchSize = recipe->value("finetune_batch_size", s.batchSize);
    return s;
}

AddExpertResult addExpert(const AddExpertRequest& request, const Callbacks& callbacks) {
    auto manifest = pool::PoolManifest::load(request.poolLocation);
    pool::checkTaskName(request.taskName, manifest.path);
    if (manifest.findTask(request.taskName) && !request.replace)
        throw Error(manifest.path, "the pool already has a task '" + request.taskName + "' (use --replace)");

    const auto pretrained = model::loadCheckpoint(manifest.pretrained);
    const auto& config = pretrained.config;
    const auto trainFolder = data::scanImageFolder(request.trainFolder);
    const auto testFolder = data::scanImageFolder(request.testFolder, trainFolder.classNames);
    if (trainFolder.classNames.size() < 2) throw Error(request.trainFolder, "a task needs at least two classes");

    callbacks.info("loading " + std::to_string(trainFolder.files.size()) + " training and " +
                   std::to_string(testFolder.files.size()) + " test images");
    const auto train = data::loadImageFolder(trainFolder, pretrained.preprocess.cropSize);
    const auto test = data::loadImageFolder(testFolder, pretrained.preprocess.cropSize);
    const auto& preprocess = pretrained.preprocess;

    double scale = request.logitScale;
    if (scale <= 0) scale = manifest.tasks.empty() ? 100.0 : model::loadHead(manifest.tasks.front().head).logitScale;

    eval::EvalSettings evalSettings;
    evalSettings.device = request.training.device;
    const auto body = model::VisionParams::fromTensors(config, pretrained.tensors, request.training.device, false);
    const auto labels = torch::tensor(train.labels, torch::kInt64);
    const auto features = eval::imageFeatures(config, body, train, preprocess, evalSettings, callbacks);
    auto embeddings = classPrototypes(features, labels, int64_t(trainFolder.classNames.size()), /*centred=*/true);
    AddExpertResult result;
    result.ownSubspace = request.ownSubspace || usesHeadSubspaces(manifest);
    if (result.ownSubspace) {
        std::vector<torch::Tensor> others;
        for (const auto& task : manifest.tasks)
            if (task.name != request.taskName) others.push_back(model::loadHead(task.head).classEmbeddings);
        try {
            embeddings = orthogonalToHeads(embeddings, others);
        } catch (const Error& e) {
            throw Error(manifest.path, std::string("cannot give task '") + request.taskName + "' a head of its own: " + e.what());
        }
    }
    auto head = model::ClassificationHead::fromEmbeddings(embeddings, scale, trainFolder.classNames);

    result.pretrainedAccuracy =
        eval::evaluateTask(request.taskName, config, body, head.to(request.training.device), test, preprocess, evalSettings).accuracy();

    auto finetuned = model::VisionParams::fromTensors(config, pretrained.tensors, request.training.device, true);
    auto frozen = head.classEmbeddings.clone().to(request.training.device);
    const auto inputs = model::preprocessRange(train, 0, train.count(), preprocess);
    result.training = trainClassifier(config, finetuned, frozen, false, scale, inputs, labels, request.training, callbacks,
                                      "finetune " + request.taskName);
    result.finetunedAccuracy =
        eval::evaluateTask(request.taskName, config, finetuned, head.to(request.training.device), test, preprocess, evalSettings)
            .accuracy();

    const fs::path folder = manifest.folder();
    result.checkpointFolder = (folder / "finetuned" / request.taskName).string();
    result.headFile = (folder / "heads" / (request.taskName + ".safetensors")).string();
    model::saveCheckpoint(result.checkpointFolder, config, preprocess, finetuned.toTensors(),
                          {{"mergescope_role", "finetuned"}, {"mergescope_task", request.taskName}});
    model::saveHead(result.headFile, head, request.taskName);

    pool::TaskEntry entry;
    entry.name = request.taskName;
    entry.displayName = request.displayName.empty() ? request.taskName : request.displayName;
    entry.checkpoint = result.checkpointFolder;
    entry.head = result.headFile;
    entry.classNames = trainFolder.classNames;
    entry.testData = testFolder.root;
    entry.trainData = trainFolder.root;
    auto existing = std::find_if(manifest.tasks.begin(), manifest.tasks.end(),
                                 [&](const pool::TaskEntry& t) { return t.name == request.taskName; });
    if (existing != manifest.tasks.end()) {
        entry.color = existing->color;
        *existing = entry;
    } else {
        entry.color = pool::taskPalette()[manifest.tasks.size() % pool::taskPalette().size()];
        manifest.tasks.push_back(entry);
    }
    manifest.save(manifest.path);
    return result;
}

}  // namespace ms::zoo
