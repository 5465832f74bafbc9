#include "core/run/recipe.h"

#include <ctime>
#include <fstream>

#include "core/util/atomic_file.h"
#include "core/util/error.h"

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
    } catch (const nlohmann::json::exception& e) {
        // Mostly parse_error; a number too large for a double is out_of_range (found by fuzzing).
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

}  // namespace ms::run
