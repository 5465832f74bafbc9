// mergescope-cli merge | adapt: run a merge method on a pool's tasks and save the result folder
// (core/run/merge_result.h): static methods write an HF-layout checkpoint, adaptive ones learn
// their coefficients or routers by test-time adaptation first.
#include <cstdio>

#include "accuracy_report.h"
#include "cli_args.h"
#include "commands.h"
#include "core/eval/pool_evaluator.h"
#include "core/merge/merge_method.h"
#include "core/pool/pool_manifest.h"
#include "core/run/device.h"
#include "core/run/merge_result.h"
#include "core/util/error.h"

namespace ms::cli {

namespace {

const char* kMergeUsage = R"(Usage: mergescope-cli merge --method M --out DIR [--pool P] [--tasks a,b,...]
                           [--params name=value,...] [--seed N] [--eval] [--recipe FILE]

Merges the pool's fine-tuned experts with a static method and writes DIR/model (an HF-layout
checkpoint) and DIR/recipe.json. Methods: average, task_arithmetic, ties, dare
('mergescope-cli methods' lists their parameters). --eval also prints the accuracy per task.
--recipe FILE reruns a saved recipe (its checkpoints must still have the recorded SHA-256).
--pool defaults to the demo zoo.
)";

const char* kAdaptUsage = R"(Usage: mergescope-cli adapt --method M --out DIR [--pool P] [--tasks a,b,...]
                           [--params name=value,...] [--steps N] [--lr X] [--seed N] [--eval]
                           [--recipe FILE] [--resume] [--checkpoint-every N]

Test-time adaptation (entropy minimisation on the unlabeled test images) of an adaptive method:
wemoe, e_wemoe or adamerging. Writes DIR/learned_state.safetensors (routers or λ by documented
names), DIR/resume.safetensors, DIR/loss_log.csv, DIR/recipe.json and, for AdaMerging, DIR/model.
Ctrl-C stops between steps and saves what was learned so far. DIR is also saved, atomically,
at the start, every N steps (--checkpoint-every, default 100) and at least once a minute, so a
run that is killed or loses power continues with --resume where its last save left it, and ends
with the same learned state as a run that was never stopped. --resume continues DIR as its
recipe.json says; --steps N with --resume extends a run (constant learning rate only) to N steps.
--corruption ID --severity 1..5 adapts (and --eval tests) on corrupted test images (motion_blur,
impulse_noise, gaussian_noise, pixelate, spatter, contrast, jpeg): the paper's robustness study.
)";

const char* kMethodsUsage = R"(Usage: mergescope-cli methods [--json]

Lists the merge methods with their parameters, defaults, ranges and papers.
)";

std::vector<std::string> chosenTasks(const std::string& poolPath, const std::string& list) {
    const auto manifest = pool::PoolManifest::load(poolPath);
    std::vector<std::string> names;
    for (const auto* t : manifest.selectTasks(list)) names.push_back(t->name);
    return names;
}

run::Recipe recipeFromArgs(const Args& args, const std::string& device, bool adaptive) {
    if (args.has("recipe")) {
        auto recipe = run::Recipe::load(args.get("recipe"));
        const auto changed = run::changedCheckpoints(recipe);
        if (!changed.empty() && !args.has("ignore-hashes")) {
            std::string list;
            for (const auto& c : changed) list += (list.empty() ? "" : ", ") + c;
            throw Error(args.get("recipe"), "the checkpoints of " + list +
                                                " changed since this recipe was made (--ignore-hashes runs it anyway)");
        }
        recipe.device = device;
        recipe.created = run::nowIso8601();
        if (args.has("corruption")) throw UsageError("--recipe brings its own test corruption");
        recipe.outcome = nlohmann::json::object();
        return recipe;
    }
    const std::string method = args.require("method");
    const auto& info = merge::findMethod(method).info();
    if ((info.kind == merge::MethodKind::Adaptive) != adaptive)
        throw UsageError("'" + method + "' is " + (adaptive ? "a static merge: use 'merge'" : "adaptive: use 'adapt'"));
    auto params = merge::parseParamList(args.get("params"));
    if (args.has("steps")) params["steps"] = args.getInt("steps", 0);
    if (args.has("lr")) params["lr"] = args.getDouble("lr", 0.0);
    const std::string poolPath = args.get("pool", pool::defaultZooFolder());
    auto recipe = run::makeRecipe(method, params, poolPath, chosenTasks(poolPath, args.get("tasks")),
                                  args.getUint64("seed", 0), device);
    const auto corruption = corruptionOption(args);
    recipe.corruption = corruption.id;
    recipe.severity = corruption.severity;
    return recipe;
}

void evaluateInto(run::LoadedMerge& merged, eval::PoolEvaluator& evaluator, const Args& args) {
    const auto row = evaluator.evaluateModel(merged.method->info().name, *merged.model);
    auto& outcome = merged.recipe.outcome;
    outcome["accuracy_average"] = row.average();
    for (const auto& t : row.tasks) outcome["accuracy"][t.task] = t.accuracy();
    std::printf("%s", accuracyTable({row}, "accuracy (%) of " + row.method).render(outputFormat(args)).c_str());
}

// --resume continues DIR exactly as its recipe.json says; only --steps may change it, and only
// upwards for a constant learning rate (a cosine schedule's rates depend on the total).
void applyResumeOptions(const Args& args, const std::string& out, run::LoadedMerge& merged) {
    for (const char* fixed : {"method", "pool", "tasks", "params", "seed", "recipe", "lr", "corruption", "severity"})
        if (args.has(fixed))
            throw UsageError(std::string("--resume continues ") + out + " as its recipe.json says; --" + fixed +
                             " cannot change it (start a new run in another folder)");
    if (!args.has("steps")) return;
    auto& params = merged.recipe.parameters;
    const int64_t planned = params.value("steps", int64_t(0));
    const int64_t wanted = args.getInt("steps", planned);
    if (wanted == planned) return;
    if (const int64_t done = run::stepsDoneIn(out); wanted < done)
        throw Error(out, "has already done " + std::to_string(done) + " steps; --steps " + std::to_string(wanted) +
                             " cannot undo them (resume without --steps, or start a new run)");
    if (params.value("schedule", std::string()) == "cosine")
        throw Error(out, "was planned for " + std::to_string(planned) +
                             " steps with a cosine schedule, whose learning rates depend on the total; resume it "
                             "without --steps, or start a new run");
    params["steps"] = wanted;
}

int runMergeOrAdapt(const std::vector<std::string>& argv, bool adaptive) {
    const Args args(argv, withCommonValues({"method", "out", "pool", "tasks", "params", "seed", "recipe", "steps", "lr",
                                            "max-images", "format", "corruption", "severity", "checkpoint-every"}),
                    withCommonFlags({"eval", "resume", "ignore-hashes"}));
    if (args.has("help")) {
        std::fputs(adaptive ? kAdaptUsage : kMergeUsage, stdout);
        return kOk;
    }
    if (!args.positional().empty()) throw UsageError("takes no positional arguments");
    const std::string out = args.require("out");
    const std::string deviceName = applyCommon(args);
    const torch::Device device = parseDevice(deviceName);
    const auto callbacks = consoleCallbacks(args.has("quiet") || args.has("json"));

    std::unique_ptr<run::LoadedMerge> merged;
    std::unique_ptr<adapt::EntropyAdapter> adapter;
    if (adaptive && args.has("resume")) {
        merged = run::loadResult(out, device, callbacks);
        merged->recipe.device = deviceName;
        applyResumeOptions(args, out, *merged);
    } else {
        merged = run::prepareMerge(recipeFromArgs(args, deviceName, adaptive), device, callbacks);
    }
    auto settings = merged->evalSettings();
    settings.maxImages = args.getInt("max-images", 0);
    eval::PoolEvaluator evaluator(merged->pool, settings, callbacks);
    if (adaptive) {
        adapter = std::make_unique<adapt::EntropyAdapter>(
            *merged->model, evaluator.adaptationTasks(), merged->pool.pretrained.preprocess,
            adapt::AdaptSettings::fromParams(merged->recipe.parameters, merged->recipe.seed));
        if (args.has("resume")) {
            adapter->restore(model::readAllTensors(out + "/resume.safetensors"), run::loadLossLog(out + "/loss_log.csv"));
            if (adapter->stepsDone() >= adapter->settings().steps)
                callbacks.info(out + " has already done all " + std::to_string(adapter->settings().steps) +
                               " steps; nothing to adapt ('--resume --steps N' extends it)");
        }
        const int64_t every = args.getInt("checkpoint-every", 100);
        if (every < 1) throw UsageError("--checkpoint-every must be at least 1");
        run::PeriodicSave periodic(every, /*seconds*/ 60.0);
        // Saved before the first step: a run killed at any moment leaves a folder to resume, and a
        // resumed run's extended plan (--steps) is on disk before it takes a step.
        if (adapter->stepsDone() < adapter->settings().steps) run::saveResult(out, *merged, adapter.get());
        try {
            adapter->run(callbacks, [&](const adapt::StepRecord& record) {
                if (periodic.due(record.step)) run::saveResult(out, *merged, adapter.get());
            });
        } catch (const Cancelled&) {
            run::saveResult(out, *merged, adapter.get());
            std::fprintf(stderr, "cancelled after %lld of %lld steps; saved to %s ('adapt --out %s --resume' continues)\n",
                         (long long)adapter->stepsDone(), (long long)adapter->settings().steps, out.c_str(), out.c_str());
            return kCancelled;
        }
        if (!adapter->history().empty())
            callbacks.info("final loss " + std::to_string(adapter->history().back().loss) + " after " +
                           std::to_string(adapter->stepsDone()) + " steps");
    }
    if (args.has("eval")) evaluateInto(*merged, evaluator, args);
    run::saveResult(out, *merged, adapter.get());
    if (!args.has("quiet") && !args.has("json")) std::fprintf(stderr, "saved %s\n", out.c_str());
    return kOk;
}

}  // namespace

int runMerge(const std::vector<std::string>& args) { return runMergeOrAdapt(args, false); }
int runAdapt(const std::vector<std::string>& args) { return runMergeOrAdapt(args, true); }

int runMethods(const std::vector<std::string>& argv) {
    const Args args(argv, withCommonValues({}), withCommonFlags({}));
    if (args.has("help")) {
        std::fputs(kMethodsUsage, stdout);
        return kOk;
    }
    nlohmann::json all = nlohmann::json::array();
    for (const auto* m : merge::allMethods()) {
        const auto& info = m->info();
        nlohmann::json j{{"id", info.id}, {"name", info.name}, {"paper", info.paper}, {"url", info.paperUrl},
                         {"formula", info.formula}, {"adaptive", info.kind == merge::MethodKind::Adaptive},
                         {"defaults", info.defaults()}};
        for (const auto& p : info.parameters) {
            nlohmann::json pj{{"id", p.id}, {"label", p.label}, {"default", p.defaultJson()}, {"tooltip", p.tooltip}};
            if (p.type == merge::ParamType::Real || p.type == merge::ParamType::Integer) pj["range"] = {p.minimum, p.maximum};
            if (p.type == merge::ParamType::Choice) pj["choices"] = p.choices;
            j["parameters"].push_back(pj);
        }
        all.push_back(j);
        if (!args.has("json")) {
            std::printf("%-16s %s%s — %s\n  %s\n", info.id.c_str(), info.name.c_str(),
                        info.kind == merge::MethodKind::Adaptive ? " (adaptive)" : "", info.paper.c_str(),
                        info.formula.c_str());
            for (const auto& p : info.parameters)
                std::printf("    %-14s default %-10s %s\n", p.id.c_str(), p.defaultJson().dump().c_str(), p.label.c_str());
        }
    }
    if (args.has("json")) std::printf("%s\n", all.dump(2).c_str());
    return kOk;
}

}  // namespace ms::cli
