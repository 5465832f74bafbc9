#pragma once
// A model pool on disk (DESIGN.md "Model pools and files"): a JSON manifest naming the pretrained
// checkpoint and, per task, its fine-tuned checkpoint, head, class names and data. Paths are
// relative to the manifest. Torch-free: the GUI reads manifests without touching a tensor.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ms::pool {

inline constexpr const char* kManifestFormat = "mergescope-pool-1";
inline constexpr const char* kManifestFileName = "pool.json";

// Whether `location` names a pool rather than a checkpoint: a folder holding pool.json, or a .json
// file (PoolManifest::load says what is wrong with it, if anything).
bool isPoolLocation(const std::string& location);

struct TaskEntry {
    std::string name;         // identifier used on the command line, e.g. "syn_digits"
    std::string displayName;  // e.g. "SynDigits"
    std::string analog;       // the paper task it stands in for, e.g. "SVHN" (optional)
    std::string checkpoint;   // absolute: a .safetensors file or a folder with model.safetensors
    std::string head;         // absolute: the head .safetensors
    std::vector<std::string> classNames;  // may be empty: then the head's metadata names them
    std::string testData;     // absolute: a shard (.safetensors) or an image folder; may be empty
    std::string trainData;    // optional, same forms
    std::string color;        // "#RRGGBB"; a fixed palette colour by position when absent
};

struct PoolManifest {
    std::string path;  // the manifest file, absolute
    std::string name;
    std::string description;
    std::string pretrained;  // absolute
    std::vector<TaskEntry> tasks;
    nlohmann::json provenance = nlohmann::json::object();  // e.g. how the demo zoo was built

    const TaskEntry* findTask(const std::string& name) const;
    // Names separated by commas → entries in pool order; unknown names throw, listing the known.
    std::vector<const TaskEntry*> selectTasks(const std::string& commaSeparated) const;
    std::vector<std::string> taskNames() const;
    std::string folder() const;

    // Parses and validates: every referenced path must exist, names must be unique. `location` is
    // the manifest file or a folder holding pool.json.
    static PoolManifest load(const std::string& location);
    // Writes paths relative to the manifest's folder, atomically.
    void save(const std::string& path) const;
};

// Task names become file names (finetuned/NAME/, heads/NAME.safetensors, result columns), so they
// may use only letters, digits, '_', '-' and '.', must not start with '.' and are at most 64
// characters: no name can reach outside the pool's or a result's folder. Throws ms::Error(where).
void checkTaskName(const std::string& name, const std::string& where);

// Colour-blind-safe task colours (Okabe–Ito), used in a fixed order in every view.
const std::vector<std::string>& taskPalette();

// Where the demo zoo lives unless told otherwise: $MERGESCOPE_ZOO, else
// $XDG_DATA_HOME/mergescope/zoo, else ~/.local/share/mergescope/zoo.
std::string defaultZooFolder();

}  // namespace ms::pool
