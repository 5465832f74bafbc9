#include "core/pool/pool_manifest.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace fs = std::filesystem;

namespace ms::pool {

namespace {

std::string requireString(const nlohmann::json& object, const char* key, const std::string& where,
                          const std::string& manifest) {
    if (!object.contains(key) || !object.at(key).is_string() || object.at(key).get<std::string>().empty())
        throw Error(manifest, where + " needs a non-empty string '" + key + "'");
    return object.at(key).get<std::string>();
}

std::string optionalString(const nlohmann::json& object, const char* key, const std::string& where,
                           const std::string& manifest) {
    if (!object.contains(key) || object.at(key).is_null()) return "";
    if (!object.at(key).is_string()) throw Error(manifest, where + ": '" + key + "' must be a string");
    return object.at(key).get<std::string>();
}

// Resolves a manifest path and checks that it points somewhere.
std::string resolveExisting(const std::string& relative, const fs::path& base, const std::string& what,
                            const std::string& manifest) {
    const fs::path full = (fs::path(relative).is_absolute() ? fs::path(relative) : base / relative).lexically_normal();
    std::error_code ec;
    if (!fs::exists(full, ec))
        throw Error(manifest, what + " '" + relative + "' points nowhere (" + full.string() + " does not exist)");
    return full.string();
}

std::string relativeTo(const std::string& path, const fs::path& base) {
    if (path.empty()) return path;
    const fs::path rel = fs::path(path).lexically_relative(base);
    return rel.empty() ? path : rel.generic_string();
}

}  // namespace

void checkTaskName(const std::string& name, const std::string& where) {
    const bool allowed = std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
    });
    if (name.empty() || !allowed || name.front() == '.' || name.size() > 64)
        throw Error(where, "task name '" + name +
                               "' is not a safe file name: use letters, digits, '_', '-' and '.', not first, "
                               "at most 64 characters");
}

const std::vector<std::string>& taskPalette() {
    static const std::vector<std::string> palette{"#E69F00", "#56B4E9", "#009E73", "#F0E442",
                                                  "#0072B2", "#D55E00", "#CC79A7", "#999999"};
    return palette;
}

std::string defaultZooFolder() {
    if (const char* env = std::getenv("MERGESCOPE_ZOO"); env && *env) return env;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        return (fs::path(xdg) / "mergescope" / "zoo").string();
    const char* home = std::getenv("HOME");
    return (fs::path(home && *home ? home : ".") / ".local" / "share" / "mergescope" / "zoo").string();
}

const TaskEntry* PoolManifest::findTask(const std::string& taskName) const {
    for (const auto& t : tasks)
        if (t.name == taskName) return &t;
    return nullptr;
}

std::vector<std::string> PoolManifest::taskNames() const {
    std::vector<std::string> names;
    for (const auto& t : tasks) names.push_back(t.name);
    return names;
}

std::vector<const TaskEntry*> PoolManifest::selectTasks(const std::string& commaSeparated) const {
    if (commaSeparated.empty()) {
        std::vector<const TaskEntry*> all;
        for (const auto& t : tasks) all.push_back(&t);
        return all;
    }
    std::set<std::string> wanted;
    size_t start = 0;
    while (start <= commaSeparated.size()) {
        const size_t comma = commaSeparated.find(',', start);
        const std::string item = commaSeparated.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!item.empty()) {
            if (!findTask(item)) {
                std::string known;
                for (const auto& t : tasks) known += (known.empty() ? "" : ", ") + t.name;
                throw Error(path, "no task named '" + item + "' in this pool; known tasks: " + known);
            }
            wanted.insert(item);
        }
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    std::vector<const TaskEntry*> selected;
    for (const auto& t : tasks)
        if (wanted.count(t.name)) selected.push_back(&t);
    return selected;
}

std::string PoolManifest::folder() const { return fs::path(path).parent_path().string(); }

bool isPoolLocation(const std::string& location) {
    std::error_code ec;
    const fs::path path(location);
    return (fs::is_directory(path, ec) && fs::exists(path / kManifestFileName, ec)) || path.extension() == ".json";
}

PoolManifest PoolManifest::load(const std::string& location) {
    std::error_code ec;
    fs::path file = location;
    if (fs::is_directory(file, ec)) file /= kManifestFileName;
    if (!fs::exists(file, ec)) throw Error(file.string(), "no such pool manifest");
    const std::string manifest = fs::absolute(file).lexically_normal().string();

    nlohmann::json root;
    {
        std::ifstream in(file);
        if (!in) throw Error(manifest, "cannot read the pool manifest");
        try {
            root = nlohmann::json::parse(in);
        } catch (const nlohmann::json::exception& e) {
            throw Error(manifest, std::string("the pool manifest is not valid JSON: ") + e.what());
        }
    }
    if (!root.is_object()) throw Error(manifest, "the pool manifest must be a JSON object");
    if (root.contains("format") && root.at("format") != kManifestFormat)
        throw Error(manifest, "unknown manifest format " + root.at("format").dump() + " (expected \"" +
                                  kManifestFormat + "\")");

    PoolManifest pool;
    pool.path = manifest;
    const fs::path base = fs::path(manifest).parent_path();
    pool.name = optionalString(root, "name", "the manifest", manifest);
    pool.description = optionalString(root, "description", "the manifest", manifest);
    pool.pretrained = resolveExisting(requireString(root, "pretrained", "the manifest", manifest), base,
                                      "the pretrained checkpoint", manifest);
    if (root.contains("provenance")) pool.provenance = root.at("provenance");

    if (!root.contains("tasks") || !root.at("tasks").is_array() || root.at("tasks").empty())
        throw Error(manifest, "the manifest needs a non-empty list 'tasks'");
    std::set<std::string> seen;
    for (const auto& item : root.at("tasks")) {
        if (!item.is_object()) throw Error(manifest, "every entry of 'tasks' must be an object");
        TaskEntry task;
        task.name = requireString(item, "name", "a task", manifest);
        checkTaskName(task.name, manifest);
        const std::string where = "task '" + task.name + "'";
        if (!seen.insert(task.name).second) throw Error(manifest, "two tasks are named '" + task.name + "'");
        task.displayName = optionalString(item, "display_name", where, manifest);
        if (task.displayName.empty()) task.displayName = task.name;
        task.analog = optionalString(item, "analog", where, manifest);
        task.checkpoint = resolveExisting(requireString(item, "checkpoint", where, manifest), base, where + ": checkpoint", manifest);
        task.head = resolveExisting(requireString(item, "head", where, manifest), base, where + ": head", manifest);
        if (auto test = optionalString(item, "test", where, manifest); !test.empty())
            task.testData = resolveExisting(test, base, where + ": test data", manifest);
        if (auto train = optionalString(item, "train", where, manifest); !train.empty())
            task.trainData = resolveExisting(train, base, where + ": train data", manifest);
        if (item.contains("classes")) {
            try {
                task.classNames = item.at("classes").get<std::vector<std::string>>();
            } catch (const nlohmann::json::exception&) {
                throw Error(manifest, where + ": 'classes' must be a list of strings");
            }
        }
        task.color = optionalString(item, "color", where, manifest);
        if (task.color.empty()) task.color = taskPalette()[pool.tasks.size() % taskPalette().size()];
        pool.tasks.push_back(std::move(task));
    }
    return pool;
}

void PoolManifest::save(const std::string& file) const {
    const fs::path base = fs::absolute(file).parent_path();
    nlohmann::ordered_json root;
    root["format"] = kManifestFormat;
    root["name"] = name;
    if (!description.empty()) root["description"] = description;
    root["pretrained"] = relativeTo(pretrained, base);
    root["tasks"] = nlohmann::ordered_json::array();
    for (const auto& t : tasks) {
        nlohmann::ordered_json item;
        item["name"] = t.name;
        item["display_name"] = t.displayName;
        if (!t.analog.empty()) item["analog"] = t.analog;
        item["checkpoint"] = relativeTo(t.checkpoint, base);
        item["head"] = relativeTo(t.head, base);
        if (!t.classNames.empty()) item["classes"] = t.classNames;
        if (!t.testData.empty()) item["test"] = relativeTo(t.testData, base);
        if (!t.trainData.empty()) item["train"] = relativeTo(t.trainData, base);
        if (!t.color.empty()) item["color"] = t.color;
        root["tasks"].push_back(item);
    }
    if (!provenance.empty()) root["provenance"] = provenance;
    writeFileAtomically(file, root.dump(2) + "\n");
}

}  // namespace ms::pool
