#include "core/run/new_pool.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include <torch/torch.h>

#include "core/data/image_folder.h"
#include "core/model/checkpoint.h"
#include "core/model/zero_shot_head.h"
#include "core/util/error.h"

namespace fs = std::filesystem;

namespace ms::run {

namespace {

std::string absolute(const std::string& path) {
    return path.empty() ? path : fs::absolute(path).lexically_normal().string();
}

struct PlannedTask {
    const NewPoolTask* spec = nullptr;
    pool::TaskEntry entry;
    text::PromptSet prompts;
    std::optional<model::ClassificationHead> head;  // built here (empty when the user gave one)
    std::map<std::string, std::string> headMetadata;
};

// Class names and templates of one task, and a line saying where they came from.
PlannedTask plan(const NewPoolTask& task) {
    PlannedTask planned;
    planned.spec = &task;
    const text::BuiltinTask* builtin = text::findBuiltinTask(task.name);
    auto& e = planned.entry;
    e.name = task.name;
    e.displayName = builtin ? builtin->displayName : task.name;
    e.analog = builtin ? builtin->displayName : "";
    e.checkpoint = absolute(task.checkpoint);
    e.testData = absolute(task.testData);

    // Labels are the sorted class folders; the manifest keeps the folder names, so that opening the
    // pool checks the folders against them, and the head's prompts use the names below.
    std::vector<std::string> folders;
    std::error_code ec;
    if (!task.testData.empty() && fs::is_directory(task.testData, ec)) {
        folders = data::scanImageFolder(task.testData).classNames;
        e.classNames = folders;
    }
    std::string classesFrom;
    if (!task.classesFile.empty()) {
        planned.prompts.classNames = text::readClassNames(task.classesFile);
        if (!folders.empty() && folders.size() != planned.prompts.classNames.size())
            throw Error(task.classesFile, "lists " + std::to_string(planned.prompts.classNames.size()) +
                                              " classes, but the test folder " + task.testData + " has " +
                                              std::to_string(folders.size()));
        classesFrom = task.classesFile;
    } else if (!folders.empty()) {
        planned.prompts.classNames = text::classNamesForFolders(folders, builtin, task.testData, &classesFrom);
    } else if (builtin) {
        planned.prompts.classNames = builtin->prompts.classNames;
        classesFrom = builtin->displayName + "'s shipped class names";
    } else if (task.headFile.empty()) {
        throw Error(absolute(task.checkpoint), "task '" + task.name +
                                                   "' needs class names for its head: give its test folder (one "
                                                   "sub-folder per class) or a classes file");
    }
    if (!task.templatesFile.empty()) planned.prompts.templates = text::readTemplates(task.templatesFile);
    else if (builtin) planned.prompts.templates = builtin->prompts.templates;
    else planned.prompts.templates = text::defaultTemplates();
    if (e.classNames.empty()) e.classNames = planned.prompts.classNames;
    return planned;
}

std::string manifestFile(const std::string& location) {
    std::error_code ec;
    if (fs::is_directory(location, ec) || (!location.empty() && location.back() == '/'))
        return absolute((fs::path(location) / pool::kManifestFileName).string());
    return absolute(location);
}

}  // namespace

pool::PoolManifest createPool(const NewPoolSpec& spec, const Callbacks& callbacks) {
    if (spec.tasks.empty()) throw Error("a pool needs at least one task (an --expert NAME=DIR)");
    if (spec.pretrained.empty()) throw Error("a pool needs the pretrained checkpoint");
    const std::string manifestPath = manifestFile(spec.manifestPath.empty() ? "." : spec.manifestPath);
    const fs::path folder = fs::path(manifestPath).parent_path();
    std::error_code ec;
    if (!spec.overwrite && fs::exists(manifestPath, ec))
        throw Error(manifestPath, "already exists; choose another place or overwrite it");

    // The towers: every expert must be a copy of the pretrained architecture.
    callbacks.info("checking " + spec.pretrained);
    model::Checkpoint pretrained = model::loadCheckpoint(spec.pretrained);
    if (!pretrained.hasProjection())
        throw Error(pretrained.path, "has no visual_projection: a CLIPVisionModel export; the pool needs the full "
                                     "CLIPModel (or CLIPVisionModelWithProjection) folder as its pretrained model");
    std::set<std::string> names;
    std::vector<PlannedTask> planned;
    for (const auto& task : spec.tasks) {
        pool::checkTaskName(task.name, task.checkpoint.empty() ? "--expert" : task.checkpoint);
        if (!names.insert(task.name).second) throw Error("task '" + task.name + "' is given twice");
        if (task.checkpoint.empty()) throw Error("task '" + task.name + "' needs its fine-tuned checkpoint");
        callbacks.info("checking " + task.checkpoint);
        model::Checkpoint expert = model::loadCheckpoint(task.checkpoint);
        model::adoptUninferableDimensions(expert, pretrained.config);
        if (!expert.config.sameArchitecture(pretrained.config))
            throw Error(expert.path, "is a " + expert.config.name() + ", but the pretrained model is a " +
                                         pretrained.config.name() + ": an expert must be a fine-tuned copy of it");
        planned.push_back(plan(task));
    }

    // Heads from the text tower, all in memory first.
    const bool needTextTower = std::any_of(spec.tasks.begin(), spec.tasks.end(), [](const NewPoolTask& t) { return t.headFile.empty(); });
    if (needTextTower) {
        callbacks.info("reading the text tower of " + pretrained.path);
        const model::TextTower tower = model::loadTextTower(spec.pretrained);
        const fs::path checkpointFolder = fs::path(model::checkpointFile(spec.pretrained)).parent_path();
        for (const char* file : {"vocab.json", "merges.txt"})
            if (!fs::exists(checkpointFolder / file, ec))
                throw Error(checkpointFolder.string(), std::string("has no ") + file +
                                                           ": building zero-shot heads needs the CLIP tokenizer's "
                                                           "vocab.json and merges.txt beside the checkpoint");
        const auto tokenizer = text::ClipTokenizer::fromFolder(checkpointFolder.string());
        if (tower.config.projectionDim != pretrained.config.projectionDim)
            throw Error(tower.path, "the text projection is " + std::to_string(tower.config.projectionDim) +
                                        "-dimensional, the visual one " + std::to_string(pretrained.config.projectionDim));
        int64_t total = 0, done = 0;
        for (const auto& p : planned)
            if (p.spec->headFile.empty()) total += int64_t(p.prompts.classNames.size() * p.prompts.templates.size());
        for (auto& p : planned) {
            if (!p.spec->headFile.empty()) continue;
            Callbacks perTask;
            perTask.cancelled = callbacks.cancelled;
            perTask.progress = [&](int64_t encoded, int64_t, const std::string&) {
                callbacks.report(done + encoded, total, "zero-shot head of " + p.entry.name);
            };
            p.head = model::buildZeroShotHead(tower, tokenizer, p.prompts, perTask);
            p.headMetadata = model::zeroShotHeadMetadata(tower, p.prompts);
            done += int64_t(p.prompts.classNames.size() * p.prompts.templates.size());
        }
    }
    for (auto& p : planned) {
        const std::string templates = std::to_string(p.prompts.templates.size()) + " template" +
                                      (p.prompts.templates.size() == 1 ? "" : "s");
        callbacks.info(p.entry.name + ": " +
                       (p.head ? std::to_string(p.prompts.classNames.size()) + " classes, " + templates
                               : "head " + p.spec->headFile));
    }

    // Write: heads, then the manifest, which is read back as opening the pool will.
    pool::PoolManifest manifest;
    manifest.path = manifestPath;
    manifest.name = spec.name.empty() ? folder.filename().string() : spec.name;
    manifest.description = "Made by MergeScope's new-pool flow: zero-shot heads from the text tower of " +
                           absolute(model::checkpointFile(spec.pretrained));
    manifest.pretrained = absolute(spec.pretrained);
    fs::create_directories(folder / "heads", ec);
    if (ec) throw Error((folder / "heads").string(), "cannot create folder: " + ec.message());
    for (auto& p : planned) {
        if (p.head) {
            // Heads without a manifest are a failed run's leftovers: replaced.
            const std::string headPath = (folder / "heads" / (p.entry.name + ".safetensors")).string();
            model::saveHead(headPath, *p.head, p.entry.name, p.headMetadata);
            p.entry.head = headPath;
        } else {
            p.entry.head = absolute(p.spec->headFile);
        }
        manifest.tasks.push_back(p.entry);
    }
    manifest.provenance = nlohmann::json{{"made_by", "mergescope-cli pool new"}};
    manifest.save(manifestPath);
    return pool::PoolManifest::load(manifestPath);
}

}  // namespace ms::run
