#include "core/zoo/zoo_builder.h"

#include <chrono>
#include <filesystem>
#include <sstream>

#include <torch/torch.h>

#include "core/data/shard.h"
#include "core/data/synth/generate.h"
#include "core/data/synth/synthetic_registry.h"
#include "core/eval/accuracy.h"
#include "core/model/checkpoint.h"
#include "core/model/classification_head.h"
#include "core/model/preprocess.h"
#include "core/pool/pool_manifest.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/sha256.h"
#include "core/zoo/head_subspace.h"
#include "core/zoo/trainer.h"
#include "core/zoo/zoo_tasks.h"

namespace fs = std::filesystem;

namespace ms::zoo {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// Random initial weights with CLIP's conventions: N(0, 0.02²) matrices, unit LayerNorms, zero biases.
model::TensorMap initialWeights(const model::VisionConfig& config, uint64_t seed) {
    torch::manual_seed(seed);
    model::TensorMap tensors;
    for (const auto& [name, shape] : config.expectedShapes()) {
        const bool isBias = name.size() > 5 && name.compare(name.size() - 5, 5, ".bias") == 0;
        const bool isNorm = name.find("layer_norm") != std::string::npos || name.find("layrnorm") != std::string::npos ||
                            name.find("layernorm") != std::string::npos;
        if (isBias) tensors[name] = torch::zeros(shape);
        else if (isNorm) tensors[name] = torch::ones(shape);
        else tensors[name] = torch::randn(shape) * 0.02;
    }
    return tensors;
}

model::PreprocessConfig zooPreprocess(const model::VisionConfig& config) {
    model::PreprocessConfig p = model::PreprocessConfig::clipDefaults(config.imageSize);
    p.perImageStandardize = true;  // DATA.md §5: glyph tasks with random colours need it
    return p;
}

// Features of preprocessed images [N, C, S, S] → [N, proj], without gradients, 512 at a time.
torch::Tensor encodeInChunks(const model::VisionConfig& config, const model::VisionParams& body, const torch::Tensor& inputs) {
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> chunks;
    for (int64_t begin = 0; begin < inputs.size(0); begin += 512)
        chunks.push_back(model::encodeImages(config, body, inputs.slice(0, begin, std::min(begin + 512, inputs.size(0)))));
    return torch::cat(chunks);
}

// The pretrained checkpoint of a pool (its folder or manifest), or the checkpoint itself.
std::string reusablePretrained(const std::string& location) {
    return pool::isPoolLocation(location) ? pool::PoolManifest::load(location).pretrained : location;
}

torch::Tensor labelTensor(const data::ImageBatch& batch) { return torch::tensor(batch.labels, torch::kInt64); }

nlohmann::json statsJson(const TrainStats& s) {
    nlohmann::json j{{"steps", s.steps}, {"seconds", s.seconds}, {"images_per_second", s.imagesPerSecond},
                     {"final_loss", s.finalLoss}, {"train_accuracy", s.trainAccuracy}, {"epoch_loss", s.epochLoss}};
    if (!s.epochReplayDrift.empty()) j["epoch_replay_drift"] = s.epochReplayDrift;
    if (!s.epochOutlierEntropy.empty()) j["epoch_outlier_entropy"] = s.epochOutlierEntropy;
    return j;
}

std::string versionString() {
    std::ostringstream out;
    out << "MergeScope " << MERGESCOPE_VERSION << ", LibTorch " << TORCH_VERSION;
    return out.str();
}

}  // namespace

ZooBuildResult buildZoo(const ZooRecipe& recipe, const ZooBuildOptions& options, const Callbacks& callbacks) {
    const auto start = Clock::now();
    const fs::path out = fs::absolute(options.outFolder).lexically_normal();
    std::error_code ec;
    if (fs::exists(out / pool::kManifestFileName, ec) && !options.replaceExisting)
        throw Error(out.string(), "a zoo already exists here (use --force to rebuild it)");
    if (fs::exists(out, ec) && !fs::is_directory(out, ec)) throw Error(out.string(), "exists and is not a folder");

    const fs::path staging = out.string() + ".building";
    fs::remove_all(staging, ec);
    fs::create_directories(staging, ec);
    if (ec) throw Error(staging.string(), "cannot create folder: " + ec.message());

    ZooBuildResult result;
    auto stageDone = [&](const std::string& stage, Clock::time_point t0) {
        result.stages.push_back({stage, secondsSince(t0)});
        std::ostringstream line;
        line.setf(std::ios::fixed);
        line.precision(1);
        line << "[zoo] " << stage << ": " << result.stages.back().seconds << " s";
        callbacks.info(line.str());
    };

    std::vector<ZooTaskSpec> tasks;
    if (recipe.tasks.empty()) tasks = zooTaskSuite();
    else
        for (const auto& id : recipe.tasks) tasks.push_back(zooTask(id));

    const auto& config = recipe.model;
    config.validate("zoo recipe");
    if (recipe.headSubspaces > 0 && recipe.headSubspaces < int(tasks.size()))
        throw Error("zoo recipe", "head subspaces: " + std::to_string(recipe.headSubspaces) + " subspaces for " +
                                      std::to_string(tasks.size()) + " tasks (one each is needed)");
    const auto preprocess = zooPreprocess(config);
    TrainSettings settings;
    settings.batchSize = recipe.batchSize;

    try {
        // 1. Data: the pretext set and every task's train/test split.
        auto t0 = Clock::now();
        callbacks.report(0, int64_t(tasks.size()) + 1, "data");
        const auto pretext = data::makeSyntheticGenerator("pretrain36");
        // Pretraining needs the pretext images, and so do replay and outlier exposure, which draw
        // from them while fine-tuning; a reused tower without either does not.
        const bool drawsPretext = recipe.finetuneReplayWeight > 0.0 || recipe.finetuneOutlierWeight > 0.0;
        const bool pretextNeeded = options.pretrainedFrom.empty() || drawsPretext;
        const data::ImageBatch pretextImages = data::generate(
            *pretext, pretextNeeded ? recipe.pretrainImages : 0, deriveSeed(recipe.seed, "pretrain36"));
        std::vector<ZooTaskData> taskData;
        for (size_t t = 0; t < tasks.size(); ++t) {
            if (callbacks.shouldStop()) throw Cancelled{};
            taskData.push_back(loadZooTask(tasks[t], recipe.trainPerTask, recipe.testPerTask, recipe.seed,
                                           options.mnistSearchDirs));
            const fs::path dataDir = staging / "data" / tasks[t].id;
            data::writeShard((dataDir / "train.safetensors").string(), taskData.back().train, taskData.back().classNames);
            data::writeShard((dataDir / "test.safetensors").string(), taskData.back().test, taskData.back().classNames);
            callbacks.report(int64_t(t) + 2, int64_t(tasks.size()) + 1, "data");
        }
        stageDone("data", t0);

        // 2. Pretraining on Pretrain36 with a trainable cosine head, discarded afterwards.
        t0 = Clock::now();
        auto body = model::VisionParams::fromTensors(config, initialWeights(config, deriveSeed(recipe.seed, "init")),
                                                     torch::kCPU, /*copy=*/true);
        torch::manual_seed(deriveSeed(recipe.seed, "pretext-head"));
        auto pretextHead = torch::randn({int64_t(pretext->classCount()), int64_t(config.projectionDim)}) * 0.02;
        settings.epochs = recipe.pretrainEpochs;
        settings.learningRate = recipe.pretrainLearningRate;
        settings.weightDecay = recipe.pretrainWeightDecay;
        settings.seed = deriveSeed(recipe.seed, "pretrain");
        // The pretraining set: Pretrain36, then optionally each task's first train images labelled by
        // their task (domain recognition), then the next ones labelled by their class. pretextTask
        // says which task each image comes from (-1: Pretrain36), so that replay and outlier
        // exposure can leave an expert's own task out.
        torch::Tensor pretextInputs, pretextLabels, pretextTask;
        if (pretextNeeded) {
            std::vector<torch::Tensor> inputs{model::preprocessRange(pretextImages, 0, pretextImages.count(), preprocess)};
            std::vector<torch::Tensor> labels{labelTensor(pretextImages)};
            std::vector<torch::Tensor> origin{torch::full({pretextImages.count()}, int64_t(-1), torch::kInt64)};
            int64_t classes = pretext->classCount();
            auto add = [&](size_t t, int64_t begin, int64_t count, const torch::Tensor& taskLabels) {
                inputs.push_back(model::preprocessRange(taskData[t].train, begin, count, preprocess));
                labels.push_back(taskLabels);
                origin.push_back(torch::full({count}, int64_t(t), torch::kInt64));
            };
            for (size_t t = 0; t < taskData.size(); ++t) {
                const auto& train = taskData[t].train;
                const int64_t domain = std::min<int64_t>(recipe.pretrainDomainImages, train.count());
                if (domain > 0) add(t, 0, domain, torch::full({domain}, classes + int64_t(t), torch::kInt64));
            }
            if (recipe.pretrainDomainImages > 0) classes += int64_t(taskData.size());
            std::vector<std::pair<size_t, int64_t>> labelledRows;  // (task, its first class row in the head)
            for (size_t t = 0; t < taskData.size(); ++t) {
                const auto& train = taskData[t].train;
                const int64_t begin = std::min<int64_t>(recipe.pretrainDomainImages, train.count());
                const int64_t count = std::min<int64_t>(recipe.pretrainLabelledImages, train.count() - begin);
                if (count <= 0) continue;
                const std::vector<int64_t> own(train.labels.begin() + begin, train.labels.begin() + begin + count);
                add(t, begin, count, torch::tensor(own, torch::kInt64) + classes);
                labelledRows.emplace_back(t, classes);
                classes += int64_t(taskData[t].classNames.size());
            }
            pretextInputs = torch::cat(inputs);
            pretextLabels = torch::cat(labels);
            pretextTask = torch::cat(origin);
            torch::manual_seed(deriveSeed(recipe.seed, "pretext-head"));
            pretextHead = torch::randn({classes, int64_t(config.projectionDim)}) * 0.02;
            if (recipe.pretrainInHeadSubspaces && recipe.headSubspaces > 0 && !labelledRows.empty()) {
                // Every row reads everything but the labelled classes of task t, which read subspace t.
                const int64_t dim = config.projectionDim;
                auto projectors = torch::eye(dim).unsqueeze(0).repeat({classes, 1, 1});
                for (const auto& [t, row] : labelledRows) {
                    const auto basis = headSubspaceBasis(dim, recipe.headSubspaces, int(t), deriveSeed(recipe.seed, "head-subspaces"));
                    const int64_t count = int64_t(taskData[t].classNames.size());
                    projectors.slice(0, row, row + count).copy_(torch::matmul(basis, basis.t()).unsqueeze(0).expand({count, dim, dim}));
                }
                settings.headRowProjectors = projectors;
            }
        }
        if (options.pretrainedFrom.empty()) {
            const TrainStats pretrainStats = trainClassifier(config, body, pretextHead, /*trainHead=*/true,
                                                             recipe.logitScale, pretextInputs, pretextLabels,
                                                             settings, callbacks, "pretrain");
            result.log["pretrain"] = statsJson(pretrainStats);
            result.log["pretrain"]["pretext_classes"] = pretext->classCount();
            result.log["pretrain"]["classes"] = pretextHead.size(0);  // with the domains and the tasks' classes
            result.log["pretrain"]["images"] = pretextInputs.size(0);
            result.log["pretrain"]["head_rows_in_subspaces"] = settings.headRowProjectors.defined();
        } else {
            const std::string from = reusablePretrained(options.pretrainedFrom);
            const auto reused = model::loadCheckpoint(from);
            if (!reused.config.sameArchitecture(config))
                throw Error(from, "is a " + reused.config.name() + " but the recipe builds a " + config.name());
            body = model::VisionParams::fromTensors(config, reused.tensors, torch::kCPU, /*copy=*/true);
            result.log["pretrain"] = {{"reused_from", from}, {"sha256", sha256FileCached(model::checkpointFile(from))}};
        }
        settings.headRowProjectors = torch::Tensor();  // fine-tuning heads are frozen and already confined
        const auto pretrainedTensors = body.toTensors();
        model::saveCheckpoint((staging / "pretrained").string(), config, preprocess, pretrainedTensors,
                              {{"mergescope_role", "pretrained"}});
        stageDone("pretrain", t0);

        // 3. Per task: prototype head on the pretrained features, then full fine-tuning, head frozen.
        pool::PoolManifest manifest;
        manifest.name = "MergeScope demo zoo";
        manifest.description = "A tiny CLIP-architecture ViT pretrained on Pretrain36 and fine-tuned on " +
                               std::to_string(tasks.size()) + " tasks that stand in for tasks of the WEMoE paper.";
        manifest.pretrained = (staging / "pretrained").string();
        settings.epochs = recipe.finetuneEpochs;
        settings.learningRate = recipe.finetuneLearningRate;
        settings.weightDecay = recipe.finetuneWeightDecay;
        settings.nonMlpLearningRateScale = recipe.finetuneNonMlpLearningRateScale;
        settings.batchSize = recipe.finetuneBatchSize;
        torch::Tensor replayTargets;
        if (recipe.finetuneReplayWeight > 0.0) {
            settings.replayWeight = recipe.finetuneReplayWeight;
            replayTargets = encodeInChunks(config, body, pretextInputs);
        }
        settings.outlierWeight = recipe.finetuneOutlierWeight;
        for (size_t t = 0; t < tasks.size(); ++t) {
            const auto& task = tasks[t];
            const auto taskStart = Clock::now();
            const auto& split = taskData[t];
            const auto inputs = model::preprocessRange(split.train, 0, split.train.count(), preprocess);
            const auto labels = labelTensor(split.train);

            eval::EvalSettings evalSettings;
            const auto features = eval::imageFeatures(config, body, split.train, preprocess, evalSettings, callbacks);
            const int64_t classes = int64_t(split.classNames.size());
            auto embeddings = recipe.headKind == "linear_probe"
                                  ? fitLinearProbe(features, labels, classes, recipe.headScale())
                                  : classPrototypes(features, labels, classes, recipe.centredHeads);
            if (recipe.headSubspaces > 0)
                embeddings = confineToSubspace(embeddings, headSubspaceBasis(config.projectionDim, recipe.headSubspaces, int(t),
                                                                             deriveSeed(recipe.seed, "head-subspaces")));
            auto head = model::ClassificationHead::fromEmbeddings(embeddings, recipe.headScale(), split.classNames);
            model::saveHead((staging / "heads" / (task.id + ".safetensors")).string(), head, task.id);

            if (drawsPretext) {
                // Replay and outlier exposure act everywhere but on the task itself: its own
                // domain images (when pretraining had them) would pull against the fine-tuning.
                const auto others = pretextTask.ne(int64_t(t)).nonzero().squeeze(1);
                settings.replayInputs = pretextInputs.index_select(0, others);
                if (replayTargets.defined()) settings.replayTargets = replayTargets.index_select(0, others);
            }
            auto finetuned = model::VisionParams::fromTensors(config, pretrainedTensors, torch::kCPU, /*copy=*/true);
            auto frozenHead = head.classEmbeddings.clone();
            settings.seed = deriveSeed(recipe.seed, "finetune/" + task.id);
            const TrainStats stats = trainClassifier(config, finetuned, frozenHead, /*trainHead=*/false, recipe.headScale(),
                                                     inputs, labels, settings, callbacks, "finetune " + task.displayName);
            model::saveCheckpoint((staging / "finetuned" / task.id).string(), config, preprocess, finetuned.toTensors(),
                                  {{"mergescope_role", "finetuned"}, {"mergescope_task", task.id}});

            pool::TaskEntry entry;
            entry.name = task.id;
            entry.displayName = task.displayName;
            entry.analog = task.analog;
            entry.checkpoint = (staging / "finetuned" / task.id).string();
            entry.head = (staging / "heads" / (task.id + ".safetensors")).string();
            entry.classNames = split.classNames;
            entry.testData = (staging / "data" / task.id / "test.safetensors").string();
            entry.trainData = (staging / "data" / task.id / "train.safetensors").string();
            entry.color = pool::taskPalette()[t % pool::taskPalette().size()];
            manifest.tasks.push_back(entry);
            result.log["finetune"][task.id] = statsJson(stats);
            result.log["finetune"][task.id]["source"] = split.sourceDescription;
            if (drawsPretext) result.log["finetune"][task.id]["replay_images"] = settings.replayInputs.size(0);
            stageDone("finetune " + task.displayName, taskStart);
        }

        result.totalSeconds = secondsSince(start);
        result.log["stages"] = nlohmann::json::array();
        for (const auto& s : result.stages) result.log["stages"].push_back({{"stage", s.stage}, {"seconds", s.seconds}});
        result.log["total_seconds"] = result.totalSeconds;
        result.log["threads"] = torch::get_num_threads();
        manifest.provenance = {{"builder", "mergescope-cli zoo build"},
                               {"versions", versionString()},
                               {"recipe", recipe.toJson()},
                               {"build_seconds", result.totalSeconds}};
        if (!options.pretrainedFrom.empty()) manifest.provenance["pretrained_from"] = result.log["pretrain"]["reused_from"];
        manifest.save((staging / pool::kManifestFileName).string());
        writeFileAtomically((staging / "build_log.json").string(), result.log.dump(2) + "\n");
    } catch (...) {
        fs::remove_all(staging, ec);
        throw;
    }

    // Swap the finished zoo into place; the previous one (with --force) goes only after that.
    const fs::path previous = out.string() + ".previous";
    fs::remove_all(previous, ec);
    if (fs::exists(out, ec)) fs::rename(out, previous, ec);
    if (ec) throw Error(out.string(), "cannot move the previous zoo aside: " + ec.message());
    fs::rename(staging, out, ec);
    if (ec) throw Error(out.string(), "cannot move the new zoo into place: " + ec.message());
    fs::remove_all(previous, ec);
    result.manifestPath = (out / pool::kManifestFileName).string();
    return result;
}

}  // namespace ms::zoo
