#include "core/run/merge_result.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <torch/torch.h>
#include <torch/version.h>

#include "core/model/checkpoint.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace fs = std::filesystem;

namespace ms::run {

namespace {

std::string joinTasks(const std::vector<std::string>& tasks) {
    std::string out;
    for (const auto& t : tasks) out += (out.empty() ? "" : ",") + t;
    return out;
}

std::string lossLogCsv(const std::vector<adapt::StepRecord>& history, const std::vector<std::string>& tasks) {
    std::ostringstream out;
    out.precision(9);
    out << "step,loss,learning_rate,seconds";
    for (const auto& t : tasks) out << ",entropy_" << t;
    out << "\n";
    for (const auto& r : history) {
        out << r.step << "," << r.loss << "," << r.learningRate << "," << r.seconds;
        for (double l : r.taskLosses) out << "," << l;
        out << "\n";
    }
    return out.str();
}

}  // namespace

eval::EvalSettings LoadedMerge::evalSettings() const {
    eval::EvalSettings settings;
    settings.device = inputs.device;
    settings.corruption = recipe.corruption;
    settings.severity = recipe.severity;
    settings.corruptionSeed = recipe.seed;
    return settings;
}

Recipe makeRecipe(const std::string& method, const nlohmann::json& parameters, const std::string& poolManifest,
                  const std::vector<std::string>& tasks, uint64_t seed, const std::string& device) {
    Recipe r;
    r.method = method;
    r.parameters = merge::findMethod(method).info().resolve(parameters);
    r.pool = fs::absolute(poolManifest).lexically_normal().string();
    r.tasks = tasks;
    r.checkpointSha256 = checkpointHashes(r.pool, tasks);
    r.seed = seed;
    r.device = device;
    r.versions = {{"mergescope", MERGESCOPE_VERSION}, {"libtorch", TORCH_VERSION}};
    r.created = nowIso8601();
    return r;
}

std::unique_ptr<LoadedMerge> prepareMerge(const Recipe& recipe, const torch::Device& device, const Callbacks& callbacks) {
    auto m = std::make_unique<LoadedMerge>();
    m->recipe = recipe;
    m->method = &merge::findMethod(recipe.method);
    m->pool = model::loadPoolModels(recipe.pool, joinTasks(recipe.tasks), true);
    m->inputs = merge::MergeInputs::fromPool(m->pool, device, recipe.seed);
    m->model = m->method->build(m->inputs, recipe.parameters, callbacks);
    return m;
}

void saveResult(const std::string& folder, LoadedMerge& merge, const adapt::EntropyAdapter* adapter) {
    const fs::path target(folder);
    const fs::path staging = target.string() + ".partial";
    std::error_code ignored;
    fs::remove_all(staging, ignored);
    fs::create_directories(staging);
    try {
        auto recipe = merge.recipe;
        if (auto dense = merge.model->denseWeights())
            model::saveCheckpoint((staging / "model").string(), merge.pool.config(), merge.pool.pretrained.preprocess,
                                  *dense, {{"mergescope_method", recipe.method}});
        if (adapter) {
            std::vector<std::pair<std::string, torch::Tensor>> learned;
            for (auto& [name, t] : merge.model->learnedState()) learned.emplace_back(name, t);
            model::writeTensors((staging / "learned_state.safetensors").string(), learned,
                                {{"mergescope_method", recipe.method},
                                 {"tasks", nlohmann::json(recipe.tasks).dump()},
                                 {"parameters", recipe.parameters.dump()}});
            std::vector<std::pair<std::string, torch::Tensor>> resume;
            for (auto& [name, t] : adapter->resumeState()) resume.emplace_back(name, t);
            model::writeTensors((staging / "resume.safetensors").string(), resume);
            writeFileAtomically((staging / "loss_log.csv").string(), lossLogCsv(adapter->history(), recipe.tasks));
            recipe.outcome["steps_done"] = adapter->stepsDone();
            if (!adapter->history().empty()) recipe.outcome["final_loss"] = adapter->history().back().loss;
        }
        recipe.save((staging / "recipe.json").string());
        const fs::path previous = target.string() + ".previous";
        fs::remove_all(previous, ignored);
        if (fs::exists(target)) fs::rename(target, previous);
        fs::rename(staging, target);
        fs::remove_all(previous, ignored);
    } catch (...) {
        fs::remove_all(staging, ignored);
        throw;
    }
}

namespace {

// A save killed between its two renames leaves only "<folder>.previous": take it back.
void recoverInterruptedSave(const fs::path& root, const Callbacks& callbacks) {
    const fs::path previous = root.string() + ".previous";
    if (fs::exists(root) || !fs::is_directory(previous)) return;
    fs::rename(previous, root);
    callbacks.info(root.string() + ": its last save was interrupted; continuing from the one before");
}

double steadySeconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

PeriodicSave::PeriodicSave(int64_t everySteps, double everySeconds)
    : everySteps_(std::max<int64_t>(1, everySteps)), everySeconds_(everySeconds), lastSave_(steadySeconds()) {}

bool PeriodicSave::due(int64_t step) {
    const double now = steadySeconds();
    if (step % everySteps_ != 0 && now - lastSave_ < everySeconds_) return false;
    lastSave_ = now;
    return true;
}

int64_t stepsDoneIn(const std::string& folder) {
    recoverInterruptedSave(folder, {});
    const std::string path = (fs::path(folder) / "resume.safetensors").string();
    if (!fs::exists(path)) throw Error(folder, "has no resume.safetensors: it is not an adaptation that can be resumed");
    const auto state = model::readAllTensors(path);
    const auto it = state.find("adapt.steps_done");
    if (it == state.end() || it->second.numel() != 1) throw Error(path, "has no 'adapt.steps_done'");
    return it->second.to(torch::kInt64).item<int64_t>();
}

std::unique_ptr<LoadedMerge> loadResult(const std::string& folder, const torch::Device& device, const Callbacks& callbacks) {
    const fs::path root(folder);
    recoverInterruptedSave(root, callbacks);
    if (!fs::is_directory(root)) throw Error(folder, "is not a result folder (no such directory)");
    auto merge = prepareMerge(Recipe::load((root / "recipe.json").string()), device, callbacks);
    if (!merge->model->trainable().empty()) {
        const auto statePath = (root / "learned_state.safetensors").string();
        if (!fs::exists(statePath)) throw Error(folder, "has no learned_state.safetensors for its adaptive method");
        try {
            merge->model->loadLearnedState(model::readAllTensors(statePath));
        } catch (const Error& e) {
            throw Error(statePath, e.what());
        }
    }
    return merge;
}

std::vector<adapt::StepRecord> loadLossLog(const std::string& csvPath) {
    std::ifstream in(csvPath);
    if (!in) throw Error(csvPath, "cannot be opened");
    std::vector<adapt::StepRecord> out;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        std::stringstream cells(line);
        std::string cell;
        std::vector<double> values;
        while (std::getline(cells, cell, ',')) values.push_back(std::stod(cell));
        if (values.size() < 4) throw Error(csvPath, "has a malformed row: " + line);
        adapt::StepRecord r;
        r.step = int64_t(values[0]);
        r.loss = values[1];
        r.learningRate = values[2];
        r.seconds = values[3];
        r.taskLosses.assign(values.begin() + 4, values.end());
        out.push_back(r);
    }
    return out;
}

}  // namespace ms::run
