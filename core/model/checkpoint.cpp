#include "core/model/checkpoint.h"

#include <filesystem>
#include <fstream>

#include <torch/torch.h>

#include "core/io/safetensors.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace fs = std::filesystem;

namespace ms::model {

namespace {

constexpr const char* kPrefix = "vision_model.";

std::optional<nlohmann::json> readJsonIfPresent(const fs::path& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return std::nullopt;
    std::ifstream in(path);
    if (!in) throw Error(path.string(), "cannot read file");
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw Error(path.string(), std::string("not valid JSON: ") + e.what());
    }
}

std::string describe(const std::vector<int64_t>& shape) { return io::describeShape(shape); }

}  // namespace

std::string checkpointFile(const std::string& location) {
    std::error_code ec;
    if (fs::is_directory(location, ec)) {
        const fs::path file = fs::path(location) / "model.safetensors";
        if (!fs::exists(file, ec))
            throw Error(location, "folder has no model.safetensors");
        return file.string();
    }
    if (!fs::exists(location, ec)) throw Error(location, "no such file or folder");
    return location;
}

std::string canonicalKey(const std::string& key, bool* hadPrefix) {
    std::string name = key;
    if (name.rfind(kPrefix, 0) == 0) {
        name = name.substr(std::char_traits<char>::length(kPrefix));
        if (hadPrefix) *hadPrefix = true;
    }
    if (name == "embeddings.position_ids") return "";
    if (name.rfind("text_model.", 0) == 0 || name == "text_projection.weight" || name == "logit_scale")
        return "";
    return name;
}

std::string describeForeignLayout(const io::SafetensorsFile& file) {
    bool openClip = false, timm = false;
    for (const auto& info : file.tensors()) {
        const std::string& key = info.name;
        openClip |= key.rfind("visual.transformer.resblocks.", 0) == 0 || key == "visual.conv1.weight" ||
                    key.rfind("transformer.resblocks.", 0) == 0 || key == "token_embedding.weight" ||
                    key == "positional_embedding";
        timm |= key.rfind("blocks.", 0) == 0 && key.find(".attn.qkv.") != std::string::npos;
    }
    const std::string expected =
        "MergeScope reads the Hugging Face CLIP layout ('vision_model.encoder.layers.N.…', "
        "'text_model.…', 'visual_projection.weight', 'text_projection.weight', 'logit_scale')";
    if (openClip)
        return "is an OpenAI/open_clip state dict ('visual.transformer.resblocks.…', 'transformer.resblocks.…'); " +
               expected + ": convert it with transformers' convert_clip_original_pytorch_to_hf.py, or use the "
                          "Hugging Face export of the same model";
    if (timm) return "is a timm ViT ('blocks.N.attn.qkv.…'); " + expected;
    return "";
}

int64_t Checkpoint::parameterCount() const {
    int64_t n = 0;
    for (const auto& [name, t] : tensors) n += t.numel();
    return n;
}

std::map<std::string, int> Checkpoint::dtypeCounts() const {
    std::map<std::string, int> counts;
    for (const auto& [name, t] : tensors) ++counts[io::dtypeName(toFileDType(t.scalar_type()))];
    return counts;
}

Checkpoint loadCheckpoint(const std::string& location) {
    Checkpoint ckpt;
    ckpt.path = checkpointFile(location);
    const auto file = io::SafetensorsFile::open(ckpt.path);
    if (const auto foreign = describeForeignLayout(*file); !foreign.empty()) throw Error(ckpt.path, foreign);
    ckpt.metadata = file->metadata();

    std::map<std::string, std::vector<int64_t>> shapes;
    for (const auto& info : file->tensors()) {
        bool prefixed = false;
        const std::string name = canonicalKey(info.name, &prefixed);
        if (name.empty()) continue;
        ckpt.hadVisionModelPrefix |= prefixed;
        if (info.dtype != io::DType::F32 && info.dtype != io::DType::F16 && info.dtype != io::DType::BF16)
            throw Error(ckpt.path, "tensor '" + info.name + "' has dtype " + io::dtypeName(info.dtype) +
                                       "; model weights must be F32, F16 or BF16");
        if (shapes.count(name))
            throw Error(ckpt.path, "tensor '" + name + "' appears both with and without the 'vision_model.' prefix");
        shapes[name] = info.shape;
        ckpt.tensors.emplace(name, viewTensor(file, info));
    }

    const fs::path folder = fs::path(ckpt.path).parent_path();
    const fs::path configPath = folder / "config.json";
    if (auto json = readJsonIfPresent(configPath)) {
        ckpt.config = VisionConfig::fromJson(*json, configPath.string());
        ckpt.configFromFile = true;
    } else {
        if (!shapes.count("visual_projection.weight"))  // nothing to infer the projection from
            shapes["visual_projection.weight"] = {ckpt.config.projectionDim, shapes.count("pre_layrnorm.weight") ? shapes["pre_layrnorm.weight"][0] : 0};
        ckpt.config = VisionConfig::fromShapes(shapes, ckpt.path);
    }

    for (const auto& [name, expected] : ckpt.config.expectedShapes()) {
        auto it = ckpt.tensors.find(name);
        if (it == ckpt.tensors.end()) {
            if (name == "visual_projection.weight") continue;  // optional, see hasProjection()
            throw Error(ckpt.path, "missing tensor '" + name + "' (expected " + describe(expected) + " for " +
                                       ckpt.config.name() + ")");
        }
        const std::vector<int64_t> actual(it->second.sizes().begin(), it->second.sizes().end());
        if (actual != expected)
            throw Error(ckpt.path, "tensor '" + name + "' has shape " + describe(actual) + " but the config (" +
                                       ckpt.config.name() + ") says " + describe(expected));
    }
    const auto expectedShapes = ckpt.config.expectedShapes();
    for (const auto& [name, t] : ckpt.tensors)
        if (!expectedShapes.count(name))
            throw Error(ckpt.path, "unexpected tensor '" + name + "': not part of a " + ckpt.config.name() +
                                       " vision tower (more layers than the config says?)");

    // A diverged fine-tuning run or a damaged file would otherwise evaluate as if nothing were
    // wrong: every merge that touches the tensor turns into NaN logits and a chance-level score.
    for (const auto& [name, t] : ckpt.tensors)
        if (const auto problem = describeNonFinite(t); !problem.empty())
            throw Error(ckpt.path, "tensor '" + name + "' " + problem +
                                       "; the checkpoint is damaged or its training diverged");

    const fs::path preprocessPath = folder / "preprocessor_config.json";
    if (auto json = readJsonIfPresent(preprocessPath))
        ckpt.preprocess = PreprocessConfig::fromJson(*json, preprocessPath.string(), ckpt.config.imageSize);
    else
        ckpt.preprocess = PreprocessConfig::clipDefaults(ckpt.config.imageSize);
    return ckpt;
}

void adoptUninferableDimensions(Checkpoint& checkpoint, const VisionConfig& reference) {
    if (checkpoint.configFromFile) return;
    checkpoint.config.numHeads = reference.numHeads;
    if (!checkpoint.hasProjection()) checkpoint.config.projectionDim = reference.projectionDim;
}

void saveCheckpoint(const std::string& folder, const VisionConfig& config, const PreprocessConfig& preprocess,
                    const TensorMap& tensors, const std::map<std::string, std::string>& metadata) {
    std::vector<std::pair<std::string, torch::Tensor>> ordered;
    for (const auto& name : canonicalTensorNames(config)) {
        auto it = tensors.find(name);
        if (it == tensors.end()) {
            if (name == "visual_projection.weight") continue;
            throw Error(folder, "cannot save: tensor '" + name + "' is missing");
        }
        const std::string key = name == "visual_projection.weight" ? name : kPrefix + name;
        ordered.emplace_back(key, it->second);
    }
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) throw Error(folder, "cannot create folder: " + ec.message());
    auto meta = metadata;
    meta.emplace("format", "pt");  // what transformers expects in a safetensors checkpoint
    writeTensors((fs::path(folder) / "model.safetensors").string(), ordered, meta);
    writeFileAtomically((fs::path(folder) / "config.json").string(), config.toJson().dump(2) + "\n");
    writeFileAtomically((fs::path(folder) / "preprocessor_config.json").string(), preprocess.toJson().dump(2) + "\n");
}

}  // namespace ms::model
