#include "core/run/recipe.h"

#include <ctime>
#include <fstream>

#include <torch/version.h>

#include "core/model/checkpoint.h"
#include "core/pool/pool_manifest.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/sha256.h"

namespace ms::run {

namespace {
constexpr const char* kFormat = "mergescope-recipe-1";
}

nlohmann::json Recipe::toJson() const {
    nlohmann::json j;
    j["format"] = kFormat;
    j["method"] = method;
    j["parameters"] = parameters;
    j["pool"] = pool;
    j["tasks"] = tasks;
    j["checkpoint_sha256"] = checkpointSha256;
    j["seed"] = seed;
    j["device"] = device;
    if (!corruption.empty()) j["test_corruption"] = {{"id", corruption}, {"severity", severity}};
    j["versions"] = versions;
    j["created"] = created;
    j["outcome"] = outcome;
    return j;
}

Recipe Recipe::fromJson(const nlohmann::json& j, const std::string& source) {
    try {
        if (j.value("format", "") != kFormat)
            throw Error(source, "is not a MergeScope recipe (format '" + j.value("format", "") + "', expected " + kFormat + ")");
        Recipe r;
        r.method = j.at("method").get<std::string>();
        r.parameters = j.value("parameters", nlohmann::json::object());
        r.pool = j.at("pool").get<std::string>();
        r.tasks = j.at("tasks").get<std::vector<std::string>>();
        r.checkpointSha256 = j.value("checkpoint_sha256", std::map<std::string, std::string>{});
        r.seed = j.value("seed", uint64_t(0));
        r.device = j.value("device", "cpu");
        if (j.contains("test_corruption")) {
            r.corruption = j.at("test_corruption").at("id").get<std::string>();
            r.severity = j.at("test_corruption").at("severity").get<int>();
        }
        r.versions = j.value("versions", std::map<std::string, std::string>{});
        r.created = j.value("created", "");
        r.outcome = j.value("outcome", nlohmann::json::object());
        return r;
    } catch (const nlohmann::json::exception& e) {
        throw Error(source, std::string("is not a valid recipe: ") + e.what());
    }
}

Recipe Recipe::load(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw Error(path, "cannot be opened");
    try {
        return fromJson(nlohmann::json::parse(in), path);
    } catch (const nlohmann::json::parse_error& e) {
        throw Error(path, std::string("is not valid JSON: ") + e.what());
    }
}

void Recipe::save(const std::string& path) const { writeFileAtomically(path, toJson().dump(2) + "\n"); }

std::string nowIso8601() {
    const std::time_t now = std::time(nullptr);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    return buffer;
}

std::map<std::string, std::string> checkpointHashes(const std::string& poolManifest,
                                                    const std::vector<std::string>& tasks) {
    const auto manifest = pool::PoolManifest::load(poolManifest);
    std::map<std::string, std::string> out;
    out["pretrained"] = sha256FileCached(model::checkpointFile(manifest.pretrained));
    for (const auto& name : tasks)
        for (const auto& t : manifest.tasks)
            if (t.name == name) out[name] = sha256FileCached(model::checkpointFile(t.checkpoint));
    return out;
}

std::vector<std::string> changedCheckpoints(const Recipe& recipe) {
    std::vector<std::string> changed;
    const auto now = checkpointHashes(recipe.pool, recipe.tasks);
    for (const auto& [name, hash] : recipe.checkpointSha256) {
        auto it = now.find(name);
        if (it == now.end() || it->second != hash) changed.push_back(name);
    }
    return changed;
}

}  // namespace ms::run
