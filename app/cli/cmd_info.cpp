// mergescope-cli info: what a file or folder holds.
#include <cstdio>
#include <filesystem>

#include "cli_args.h"
#include "commands.h"
#include "core/data/image_folder.h"
#include "core/data/shard.h"
#include "core/io/safetensors.h"
#include "core/model/checkpoint.h"
#include "core/model/classification_head.h"
#include "core/pool/pool_manifest.h"
#include "core/util/error.h"
#include "core/util/sha256.h"
#include "table.h"

namespace fs = std::filesystem;

namespace ms::cli {

namespace {

const char* kInfoUsage = R"(Usage: mergescope-cli info <location> [--no-hash] [--json]

<location> is one of:
  a checkpoint: a .safetensors file or a folder with model.safetensors (+ config.json)
  a head file (.safetensors with class_embeddings), a data shard (.safetensors with images)
  a pool: a folder with pool.json, or the manifest itself
  an image folder (one sub-folder per class)
Prints dimensions, parameter count, dtypes, file size and SHA-256 (skip it with --no-hash).
)";

std::string humanBytes(uint64_t bytes) {
    char text[32];
    if (bytes >= (1ull << 20)) std::snprintf(text, sizeof text, "%.1f MiB", double(bytes) / double(1ull << 20));
    else std::snprintf(text, sizeof text, "%.1f KiB", double(bytes) / 1024.0);
    return text;
}

nlohmann::ordered_json checkpointJson(const model::Checkpoint& ckpt, bool hash) {
    const auto& c = ckpt.config;
    nlohmann::ordered_json j{{"kind", "checkpoint"},
                     {"path", ckpt.path},
                     {"architecture", c.name()},
                     {"hidden_size", c.hiddenSize},
                     {"intermediate_size", c.intermediateSize},
                     {"layers", c.numLayers},
                     {"heads", c.numHeads},
                     {"patch_size", c.patchSize},
                     {"image_size", c.imageSize},
                     {"tokens", c.numTokens()},
                     {"projection_dim", c.projectionDim},
                     {"parameters", ckpt.parameterCount()},
                     {"dtypes", ckpt.dtypeCounts()},
                     {"config", ckpt.configFromFile ? "config.json" : "inferred from tensor shapes"},
                     {"vision_model_prefix", ckpt.hadVisionModelPrefix},
                     {"has_projection", ckpt.hasProjection()},
                     {"file_bytes", fs::file_size(ckpt.path)}};
    if (hash) j["sha256"] = sha256File(ckpt.path);
    return j;
}

void printKeyValues(const nlohmann::ordered_json& j) {
    for (const auto& [key, value] : j.items())
        std::printf("%-20s %s\n", (key + ":").c_str(), value.is_string() ? value.get<std::string>().c_str() : value.dump().c_str());
}

nlohmann::json poolJson(const pool::PoolManifest& pool) {
    nlohmann::json tasks = nlohmann::json::array();
    for (const auto& t : pool.tasks) {
        nlohmann::json item{{"name", t.name}, {"display_name", t.displayName}, {"analog", t.analog},
                            {"classes", t.classNames.size()}, {"color", t.color}, {"checkpoint", t.checkpoint},
                            {"head", t.head}, {"test", t.testData}};
        if (!t.testData.empty() && fs::is_regular_file(t.testData)) {
            const auto shard = io::SafetensorsFile::open(t.testData);
            item["test_images"] = shard->at("images").shape.at(0);
        }
        tasks.push_back(item);
    }
    return {{"kind", "pool"}, {"path", pool.path}, {"name", pool.name}, {"pretrained", pool.pretrained}, {"tasks", tasks}};
}

}  // namespace

int runInfo(const std::vector<std::string>& argv) {
    const Args args(argv, withCommonValues({}), withCommonFlags({"no-hash"}));
    if (args.has("help")) {
        std::fputs(kInfoUsage, stdout);
        return kOk;
    }
    if (args.positional().size() != 1) throw UsageError("info takes exactly one location");
    applyCommon(args);
    const std::string location = args.positional()[0];
    const bool json = args.has("json"), hash = !args.has("no-hash");
    std::error_code ec;
    if (!fs::exists(location, ec)) throw Error(location, "no such file or folder");

    if (pool::isPoolLocation(location)) {
        const auto pool = pool::PoolManifest::load(location);
        const auto j = poolJson(pool);
        if (json) {
            std::printf("%s\n", j.dump(2).c_str());
            return kOk;
        }
        std::printf("pool:      %s\nmanifest:  %s\npretrained: %s\n\n", pool.name.c_str(), pool.path.c_str(),
                    pool.pretrained.c_str());
        Table table;
        table.columns = {"task", "name", "stands for", "classes", "test images"};
        for (const auto& t : j.at("tasks"))
            table.rows.push_back({t.at("name"), t.at("display_name"), t.at("analog"), std::to_string(t.at("classes").get<int>()),
                                  t.contains("test_images") ? t.at("test_images").dump() : "-"});
        std::printf("%s", table.toText().c_str());
        return kOk;
    }
    if (fs::is_directory(location, ec) && !fs::exists(fs::path(location) / "model.safetensors", ec)) {
        const auto folder = data::scanImageFolder(location);
        const auto unreadable = data::findUnreadableImages(folder);  // every file decoded, not only listed
        nlohmann::ordered_json j{{"kind", "image_folder"}, {"path", folder.root}, {"classes", folder.classNames},
                         {"images", folder.files.size() - unreadable.size()}};
        if (json) {
            if (!unreadable.empty()) j["unreadable"] = unreadable;
            std::printf("%s\n", j.dump(2).c_str());
        } else {
            printKeyValues(j);
            for (const auto& line : unreadable) std::printf("unreadable:          %s\n", line.c_str());
        }
        if (unreadable.empty()) return kOk;
        throw Error(folder.root, std::to_string(unreadable.size()) + " of " + std::to_string(folder.files.size()) +
                                     " files cannot be decoded; the first: " + unreadable.front());
    }

    const std::string file = model::checkpointFile(location);
    const auto header = io::SafetensorsFile::open(file);
    nlohmann::ordered_json j;
    if (header->find("class_embeddings")) {
        const auto head = model::loadHead(file);
        j = {{"kind", "head"}, {"path", file}, {"classes", head.numClasses()}, {"embedding_dim", head.embeddingDim()},
             {"logit_scale", head.logitScale}, {"class_names", head.classNames}};
        if (hash) j["sha256"] = sha256File(file);
    } else if (header->find("images") && header->find("labels")) {
        const auto& images = header->at("images");
        j = {{"kind", "shard"}, {"path", file}, {"images", images.shape.at(0)}, {"shape", images.shape},
             {"file_bytes", header->fileSize()}};
        std::vector<std::string> classNames;
        data::readShard(file, &classNames);  // validates, and names the file when something is off
        j["class_names"] = classNames;
    } else {
        j = checkpointJson(model::loadCheckpoint(location), hash);
        if (!json) j["file_bytes"] = humanBytes(j.at("file_bytes").get<uint64_t>());
    }
    if (json) std::printf("%s\n", j.dump(2).c_str());
    else printKeyValues(j);
    return kOk;
}

}  // namespace ms::cli
