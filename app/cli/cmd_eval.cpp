// mergescope-cli eval: accuracy per task of the pretrained model, the individual experts, or any
// checkpoint (a merged one, say) with the pool's heads.
#include <cstdio>

#include "cli_args.h"
#include "commands.h"
#include "core/eval/pool_evaluator.h"
#include "core/model/pool_models.h"
#include "core/run/device.h"
#include "core/util/error.h"
#include "table.h"

namespace ms::cli {

namespace {

const char* kEvalUsage = R"(Usage: mergescope-cli eval --pool P [--checkpoint C] [--tasks a,b,...] [--max-images N]
                          [--batch-size N] [--device cpu|cuda] [--json]

Accuracy per task on the pool's test sets, with each task's frozen head.
Without --checkpoint: the pretrained model and each individual fine-tuned expert.
With --checkpoint C (a .safetensors file or a folder): that one model on every chosen task.
)";

}  // namespace

int runEval(const std::vector<std::string>& argv) {
    const Args args(argv, withCommonValues({"pool", "checkpoint", "tasks", "max-images", "batch-size"}), withCommonFlags({}));
    if (args.has("help")) {
        std::fputs(kEvalUsage, stdout);
        return kOk;
    }
    if (!args.positional().empty()) throw UsageError("eval takes no positional arguments");
    const torch::Device device = parseDevice(applyCommon(args));
    const auto models = model::loadPoolModels(args.require("pool"), args.get("tasks"), !args.has("checkpoint"));
    eval::EvalSettings settings;
    settings.device = device;
    settings.maxImages = args.getInt("max-images", 0);
    settings.batchSize = args.getInt("batch-size", 256);
    if (settings.batchSize < 1 || settings.maxImages < 0) throw UsageError("--batch-size must be >= 1, --max-images >= 0");
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

    if (args.has("json")) {
        nlohmann::json j{{"pool", models.manifest.path}};
        for (const auto& row : rows) {
            nlohmann::json r{{"method", row.method}, {"average", row.average()}};
            for (const auto& t : row.tasks)
                r["tasks"][t.task] = {{"accuracy", t.accuracy()}, {"correct", t.correct}, {"total", t.total}};
            j["rows"].push_back(r);
        }
        std::printf("%s\n", j.dump(2).c_str());
        return kOk;
    }
    Table table;
    table.columns = {"task", "images"};
    for (const auto& row : rows) table.columns.push_back(row.method == "Pretrained" || row.method == "Individual" ? row.method : "accuracy %");
    for (size_t t = 0; t < models.tasks.size(); ++t) {
        std::vector<std::string> cells{models.tasks[t]->name, std::to_string(rows[0].tasks[t].total)};
        for (const auto& row : rows) cells.push_back(percent(row.tasks[t].accuracy()));
        table.rows.push_back(cells);
    }
    std::vector<std::string> avg{"average", ""};
    for (const auto& row : rows) avg.push_back(percent(row.average()));
    table.rows.push_back(avg);
    if (args.has("checkpoint")) table.title = "checkpoint: " + rows[0].method;
    std::printf("%s", table.toText().c_str());
    return kOk;
}

}  // namespace ms::cli
