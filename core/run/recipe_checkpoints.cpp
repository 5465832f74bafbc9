// The recipe's link to the checkpoints it was made from: their hashes now, and which changed.
// Apart from recipe.cpp because it reads checkpoints (core/model); the recipe format itself does
// not, so its parser builds and is fuzzed without LibTorch (tests/fuzz/).
#include "core/model/checkpoint.h"
#include "core/pool/pool_manifest.h"
#include "core/run/recipe.h"
#include "core/util/sha256.h"

namespace ms::run {

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
