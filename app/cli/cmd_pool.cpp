// mergescope-cli pool new and heads build: pools and zero-shot heads from real CLIP checkpoints,
// with CLIP's own text tower and tokenizer (no Python, no file made elsewhere).
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "cli_args.h"
#include "commands.h"
#include "core/model/checkpoint.h"
#include "core/model/zero_shot_head.h"
#include "core/run/new_pool.h"
#include "core/text/task_prompts.h"
#include "core/util/error.h"

namespace ms::cli {

namespace {

const char* kPoolUsage = R"(Usage: mergescope-cli pool new --pretrained DIR --expert NAME=DIR [--expert NAME=DIR ...]
                              [--test NAME=DIR ...] [--classes NAME=FILE ...] [--templates NAME=FILE ...]
                              [--head NAME=FILE ...] [--name TEXT] --out DIR|FILE [--overwrite] [--json]

Writes a pool manifest (pool.json; --out names it or its folder) for a pretrained CLIP model and one
fine-tuned vision tower per task, with each task's zero-shot head built from the pretrained model's
text tower (heads/NAME.safetensors beside the manifest).

  --pretrained DIR  the Hugging Face CLIPModel folder, e.g. openai/clip-vit-base-patch32:
                    model.safetensors with both towers, config.json, vocab.json, merges.txt
  --expert NAME=DIR a fine-tuned vision tower (HF layout), e.g. sun397=.../clip-vit-base-patch32_sun397
  --test NAME=DIR   the task's test images, one sub-folder per class (labels: folders sorted by name)

Class names: NAME sun397, cars (stanford_cars), resisc45, eurosat, svhn, gtsrb, mnist or dtd takes
that dataset's shipped names and CLIP templates ('heads tasks' lists them), matched to the class
folders (folders named 0..C-1 take the names by number). Other tasks use their folder names
('_' as a space) and "a photo of a {}.", or --classes / --templates files (one entry per line,
templates with {} where the class name goes). --head uses an existing head instead.
Nothing is written unless every checkpoint, folder and head is good.
)";

const char* kHeadsUsage = R"(Usage: mergescope-cli heads build --model DIR (--task NAME | --classes FILE) [--templates FILE]
                                --out FILE [--json]
       mergescope-cli heads tasks

build: CLIP's zero-shot head: each class name in every template, encoded by the text tower of the
CLIPModel folder DIR (with vocab.json, merges.txt), normalised and averaged; the logit scale from
the checkpoint. --task takes one of the shipped datasets' class names and templates.
tasks: the shipped datasets, with their class and template counts.
)";

// "NAME=VALUE" options in the order given, each NAME once.
std::vector<std::pair<std::string, std::string>> namedValuesInOrder(const Args& args, const std::string& option) {
    std::vector<std::pair<std::string, std::string>> out;
    std::set<std::string> names;
    for (const auto& item : args.getAll(option)) {
        const auto eq = item.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == item.size())
            throw UsageError("--" + option + " takes NAME=PATH, not '" + item + "'");
        if (!names.insert(item.substr(0, eq)).second)
            throw UsageError("--" + option + " names task '" + item.substr(0, eq) + "' twice");
        out.emplace_back(item.substr(0, eq), item.substr(eq + 1));
    }
    return out;
}

std::map<std::string, std::string> namedValues(const Args& args, const std::string& option) {
    const auto ordered = namedValuesInOrder(args, option);
    return {ordered.begin(), ordered.end()};
}

int poolNew(const std::vector<std::string>& argv) {
    const Args args(argv,
                    withCommonValues({"pretrained", "expert", "test", "classes", "templates", "head", "name", "out"}),
                    withCommonFlags({"overwrite"}));
    if (args.has("help")) {
        std::fputs(kPoolUsage, stdout);
        return kOk;
    }
    applyCommon(args);
    run::NewPoolSpec spec;
    spec.pretrained = args.require("pretrained");
    spec.manifestPath = args.require("out");
    spec.name = args.get("name");
    spec.overwrite = args.has("overwrite");
    const auto experts = namedValuesInOrder(args, "expert");
    if (experts.empty()) throw UsageError("give at least one --expert NAME=DIR");
    const auto tests = namedValues(args, "test"), classes = namedValues(args, "classes"),
               templates = namedValues(args, "templates"), heads = namedValues(args, "head");
    for (const auto& [name, checkpoint] : experts) {
        auto value = [&](const std::map<std::string, std::string>& m) {
            auto it = m.find(name);
            return it == m.end() ? std::string() : it->second;
        };
        spec.tasks.push_back({name, checkpoint, value(tests), value(classes), value(templates), value(heads)});
    }
    const std::map<std::string, std::string> known(experts.begin(), experts.end());
    for (const auto* m : {&tests, &classes, &templates, &heads})
        for (const auto& [name, path] : *m)
            if (!known.count(name)) throw UsageError("'" + name + "=" + path + "' names no --expert");

    const bool quiet = args.has("quiet") || args.has("json");
    auto callbacks = consoleCallbacks(quiet);
    if (!quiet) callbacks.log = [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); };
    const auto manifest = run::createPool(spec, callbacks);
    if (args.has("json")) {
        nlohmann::json tasks = nlohmann::json::array();
        for (const auto& t : manifest.tasks)
            tasks.push_back({{"name", t.name}, {"head", t.head}, {"classes", t.classNames.size()}, {"test", t.testData}});
        std::printf("%s\n", nlohmann::json{{"manifest", manifest.path}, {"tasks", tasks}}.dump(2).c_str());
        return kOk;
    }
    std::printf("wrote %s (%zu tasks)\n", manifest.path.c_str(), manifest.tasks.size());
    std::printf("next: mergescope-cli eval --pool %s   or   mergescope-cli compare --pool %s\n", manifest.path.c_str(),
                manifest.path.c_str());
    return kOk;
}

int headsBuild(const std::vector<std::string>& argv) {
    const Args args(argv, withCommonValues({"model", "task", "classes", "templates", "out"}), withCommonFlags({}));
    if (args.has("help")) {
        std::fputs(kHeadsUsage, stdout);
        return kOk;
    }
    applyCommon(args);
    const std::string modelLocation = args.require("model"), out = args.require("out");
    if (args.has("task") == args.has("classes")) throw UsageError("give either --task NAME or --classes FILE");
    text::PromptSet prompts;
    std::string taskName;
    if (args.has("task")) {
        const auto* builtin = text::findBuiltinTask(args.get("task"));
        if (!builtin) {
            std::string names;
            for (const auto& t : text::builtinTasks()) names += (names.empty() ? "" : ", ") + t.id;
            throw UsageError("no shipped task '" + args.get("task") + "' (shipped: " + names + "); use --classes FILE");
        }
        prompts = builtin->prompts;
        taskName = builtin->id;
    } else {
        prompts.classNames = text::readClassNames(args.get("classes"));
        prompts.templates = text::defaultTemplates();
    }
    if (args.has("templates")) prompts.templates = text::readTemplates(args.get("templates"));

    const auto tower = model::loadTextTower(modelLocation);
    const auto folder = std::filesystem::path(model::checkpointFile(modelLocation)).parent_path().string();
    const auto tokenizer = text::ClipTokenizer::fromFolder(folder);
    const bool quiet = args.has("quiet") || args.has("json");
    const auto head = model::buildZeroShotHead(tower, tokenizer, prompts, consoleCallbacks(quiet));
    model::saveHead(out, head, taskName, model::zeroShotHeadMetadata(tower, prompts));
    if (args.has("json")) {
        std::printf("%s\n", nlohmann::json{{"head", out},
                                           {"classes", head.numClasses()},
                                           {"templates", prompts.templates.size()},
                                           {"dim", head.embeddingDim()},
                                           {"logit_scale", head.logitScale}}
                                .dump(2)
                                .c_str());
        return kOk;
    }
    std::printf("wrote %s: %lld classes x %zu templates, %lld-dimensional, logit scale %.2f%s\n", out.c_str(),
                (long long)head.numClasses(), prompts.templates.size(), (long long)head.embeddingDim(),
                head.logitScale, tower.logitScaleFromFile ? "" : " (no logit_scale in the checkpoint: CLIP's 100)");
    return kOk;
}

int headsTasks() {
    std::printf("%-10s %-15s %8s %10s  aliases\n", "id", "dataset", "classes", "templates");
    for (const auto& t : text::builtinTasks()) {
        std::string aliases;
        for (const auto& a : t.aliases) aliases += (aliases.empty() ? "" : ", ") + a;
        std::printf("%-10s %-15s %8zu %10zu  %s\n", t.id.c_str(), t.displayName.c_str(), t.prompts.classNames.size(),
                    t.prompts.templates.size(), aliases.c_str());
    }
    return kOk;
}

}  // namespace

int runPool(const std::vector<std::string>& args) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        std::fputs(kPoolUsage, args.empty() ? stderr : stdout);
        return args.empty() ? kUsage : kOk;
    }
    if (args[0] == "new") return poolNew({args.begin() + 1, args.end()});
    throw UsageError("unknown pool command '" + args[0] + "' (pool new)");
}

int runHeads(const std::vector<std::string>& args) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        std::fputs(kHeadsUsage, args.empty() ? stderr : stdout);
        return args.empty() ? kUsage : kOk;
    }
    if (args[0] == "build") return headsBuild({args.begin() + 1, args.end()});
    if (args[0] == "tasks") return headsTasks();
    throw UsageError("unknown heads command '" + args[0] + "' (heads build, heads tasks)");
}

}  // namespace ms::cli
