// mergescope-cli eval: accuracy per task of the pretrained model, the individual experts, or any
// checkpoint (a merged one, say) with the pool's heads.
#include <cstdio>

#include "cli_args.h"
#include "commands.h"
#include "core/eval/pool_evaluator.h"
#include "core/model/pool_models.h"
#include "core/run/device.h"
#include "core/pool/pool_manifest.h"
#include "core/run/merge_result.h"
#include "core/util/error.h"
#include "accuracy_report.h"

namespace ms::cli {

namespace {

const char* kEvalUsage = R"(Usage: mergescope-cli eval [--pool P] [--checkpoint C | --result DIR] [--tasks a,b,...]
                          [--max-images N] [--batch-size N] [--device cpu|cuda]
                          [--format text|csv|markdown|json]

Accuracy per task on the pool's test sets, with each task's frozen head.
Without --checkpoint: the pretrained model and each individual fine-tuned expert.
With --checkpoint C (a .safetensors file or a folder): that one model on every chosen task.
With --result DIR (what 'merge' or 'adapt' wrote): that merge, rebuilt from its recipe and learned
state, on its tasks; test images of all tasks are mixed in every batch. --eval-tasks a,b evaluates
it on other tasks of its pool instead (generalization to unseen tasks, with their own heads).
--corruption ID [--severity 1..5] tests on corrupted images (motion_blur, impulse_noise,
gaussian_noise, pixelate, spatter, contrast, jpeg); a result adapted on corrupted images is
tested on the same corruption unless told otherwise.
--entropy adds how sure each model is: the mean prediction entropy on all, right and wrong images
(the quantity test-time adaptation minimises; JSON always carries it per task).
)";

void applyEvalOptions(const Args& args, eval::EvalSettings& settings) {
    settings.maxImages = args.getInt("max-images", 0);
    settings.batchSize = args.getInt("batch-size", 256);
    if (settings.batchSize < 1 || settings.maxImages < 0) throw UsageError("--batch-size must be >= 1, --max-images >= 0");
    if (const auto corruption = corruptionOption(args); !corruption.id.empty()) {
        settings.corruption = corruption.id;
        settings.severity = corruption.severity;
    }
}

std::string describe(const eval::EvalSettings& settings) {
    return settings.corruption.empty() ? "" : " on " + settings.corruption + " (severity " + std::to_string(settings.severity) + ")";
}

}  // namespace

int runEval(const std::vector<std::string>& argv) {
    const Args args(argv, withCommonValues({"pool", "checkpoint", "result", "tasks", "eval-tasks", "max-images", "batch-size",
                                            "format", "corruption", "severity"}),
                    withCommonFlags({"entropy"}));
    if (args.has("help")) {
        std::fputs(kEvalUsage, stdout);
        return kOk;
    }
    if (!args.positional().empty()) throw UsageError("eval takes no positional arguments");
    const torch::Device device = parseDevice(applyCommon(args));
    if (args.has("result")) {
        if (args.has("checkpoint") || args.has("tasks")) throw UsageError("--result takes its pool and tasks from its recipe");
        const auto callbacks = consoleCallbacks(args.has("quiet") || args.has("json"));
        auto merged = run::loadResult(args.get("result"), device, callbacks);
        auto settings = merged->evalSettings();
        applyEvalOptions(args, settings);
        // Generalization: the merge evaluated on other tasks of its pool, with their own heads.
        const auto unseen = args.has("eval-tasks") ? model::loadPoolModels(merged->recipe.pool, args.get("eval-tasks"), false)
                                                   : model::PoolModels{};
        eval::PoolEvaluator evaluator(args.has("eval-tasks") ? unseen : merged->pool, settings, callbacks);
        const auto row = evaluator.evaluateModel(merged->method->info().name, *merged->model);
        std::printf("%s", renderAccuracy({row}, "accuracy (%) of " + args.get("result") + describe(settings), outputFormat(args),
                                         args.has("entropy")).c_str());
        return kOk;
    }
    const auto models = model::loadPoolModels(args.get("pool", pool::defaultZooFolder()), args.get("tasks"), !args.has("checkpoint"));
    eval::EvalSettings settings;
    settings.device = device;
    applyEvalOptions(args, settings);
    eval::PoolEvaluator evaluator(models, settings, consoleCallbacks(args.has("quiet") || args.has("json")));

    std::vector<eval::AccuracyRow> rows;
    if (args.has("checkpoint")) {
        auto ckpt = model::loadCheckpoint(args.get("checkpoint"));
        model::adoptUninferableDimensions(ckpt, models.config());
        if (!ckpt.config.sameArchitecture(models.config()))
            throw Error(ckpt.path, "is a " + ckpt.config.name() + " but the pool's models are " + models.config().name());
        if (!ckpt.hasProjection())
            ckpt.tensors["visual_projection.weight"] = models.pretrained.tensors.at("visual_projection.weight");
        rows.push_back(evaluator.evaluateShared(ckpt.path, ckpt.tensors));
    } else {
        rows.push_back(evaluator.evaluateShared("Pretrained", models.pretrained.tensors));
        rows.push_back(evaluator.evaluateIndividual());
    }

    const std::string title = args.has("checkpoint") ? "accuracy (%) of " + rows[0].method : "accuracy (%)";
    std::printf("%s", renderAccuracy(rows, title, outputFormat(args), args.has("entropy")).c_str());
    return kOk;
}

}  // namespace ms::cli
