#pragma once
// A recipe is a merge as data (STYLE.md): method, resolved parameters, the pool and tasks, the
// SHA-256 of every checkpoint, seed, device and versions. It is saved beside every result, and
// `--recipe FILE` reruns it; a checkpoint whose hash changed since is reported, not silently used.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ms::run {

struct Recipe {
    std::string method;
    nlohmann::json parameters = nlohmann::json::object();  // resolved: every parameter present
    std::string pool;                                       // absolute path of the pool manifest
    std::vector<std::string> tasks;                         // the merged tasks, pool order
    std::map<std::string, std::string> checkpointSha256;    // "pretrained" and each task name
    uint64_t seed = 0;
    std::string device = "cpu";
    std::string corruption;  // adapted on corrupted test images (data::corruptionId); empty: clean
    int severity = 3;
    std::map<std::string, std::string> versions;            // "mergescope", "libtorch"
    std::string created;                                    // ISO 8601, UTC
    nlohmann::json outcome = nlohmann::json::object();      // e.g. steps done, final loss

    nlohmann::json toJson() const;
    static Recipe fromJson(const nlohmann::json& json, const std::string& source);
    static Recipe load(const std::string& path);
    void save(const std::string& path) const;  // atomically
};

std::string nowIso8601();
// Hashes of the pool's pretrained checkpoint and of each task's fine-tuned one.
std::map<std::string, std::string> checkpointHashes(const std::string& poolManifest,
                                                    const std::vector<std::string>& tasks);
// Names of the checkpoints whose current hash differs from the recipe's.
std::vector<std::string> changedCheckpoints(const Recipe& recipe);

}  // namespace ms::run
