#pragma once
// A merge from recipe to result folder, shared by the CLI and the GUI.
//
// Result folder (what `merge` and `adapt` write, what `eval --result` and `route` read):
//   recipe.json                 the recipe (core/run/recipe.h), with the outcome filled in
//   model/                      an HF-layout checkpoint, for methods with dense weights
//                               (static merges, AdaMerging): model.safetensors + configs
//   learned_state.safetensors   adaptive methods: the trained tensors by their documented names
//                               ("routers.<layer>.fc1.weight" …, "lambdas"); metadata holds the
//                               method, the tasks (JSON list) and the resolved parameters
//   resume.safetensors          Adam moments ("optimizer.<name>.exp_avg[_sq]") and "adapt.steps_done"
//   loss_log.csv                step, loss, learning rate, seconds, then the entropy of each task
#include <memory>
#include <string>
#include <vector>

#include "core/adapt/entropy_adaptation.h"
#include "core/eval/accuracy.h"
#include "core/merge/merge_inputs.h"
#include "core/merge/merge_method.h"
#include "core/merge/merged_model.h"
#include "core/model/pool_models.h"
#include "core/run/recipe.h"

namespace ms::run {

struct LoadedMerge {
    Recipe recipe;
    model::PoolModels pool;
    merge::MergeInputs inputs;  // points into pool
    const merge::MergeMethod* method = nullptr;
    std::unique_ptr<merge::MergedModel> model;

    LoadedMerge() = default;
    LoadedMerge(const LoadedMerge&) = delete;
    LoadedMerge& operator=(const LoadedMerge&) = delete;

    // Settings for evaluating or adapting on this merge's test images: the recipe's corruption.
    eval::EvalSettings evalSettings() const;
};

// Completes a recipe (resolved parameters, hashes, versions, time) for a pool and tasks.
Recipe makeRecipe(const std::string& method, const nlohmann::json& parameters, const std::string& poolManifest,
                  const std::vector<std::string>& tasks, uint64_t seed, const std::string& device);

// Loads the pool and builds the recipe's model (adaptive methods: their initial state).
std::unique_ptr<LoadedMerge> prepareMerge(const Recipe& recipe, const torch::Device& device,
                                          const Callbacks& callbacks = {});

// Writes a result folder atomically: everything goes to "<folder>.partial" first; the old
// <folder> is renamed to "<folder>.previous", the new one takes its place, and the old one is
// removed. A process killed at any moment leaves a complete folder under one of the two names,
// and loadResult() takes the previous one back when the swap was cut short. `adapter` may be
// null (static merges).
void saveResult(const std::string& folder, LoadedMerge& merge, const adapt::EntropyAdapter* adapter);

// Rebuilds a saved result: the recipe's model with its learned state.
std::unique_ptr<LoadedMerge> loadResult(const std::string& folder, const torch::Device& device,
                                        const Callbacks& callbacks = {});
// The saved loss log and resume state of an adaptive result, to continue it.
std::vector<adapt::StepRecord> loadLossLog(const std::string& csvPath);
// "adapt.steps_done" of <folder>/resume.safetensors (after recovering an interrupted save).
int64_t stepsDoneIn(const std::string& folder);

// When a long run saves itself: every `everySteps` steps and whenever `everySeconds` have passed
// since the last save, whichever comes first.
class PeriodicSave {
public:
    PeriodicSave(int64_t everySteps, double everySeconds);
    bool due(int64_t step);  // true means "save now"; the clock restarts

private:
    int64_t everySteps_;
    double everySeconds_;
    double lastSave_;  // seconds on a steady clock
};

}  // namespace ms::run
