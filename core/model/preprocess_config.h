#pragma once
// How images become model inputs, as in a Hugging Face preprocessor_config.json (CLIPImageProcessor):
// short-side resize, centre crop, scale 1/255, normalise. The demo zoo adds one documented
// extension, per-image standardisation, which tiny ViTs trained from scratch need (DATA.md §5).
#include <array>
#include <string>

#include <nlohmann/json.hpp>

namespace ms::model {

struct PreprocessConfig {
    int shortestEdge = 224;
    int cropSize = 224;
    std::array<float, 3> mean{0.48145466f, 0.4578275f, 0.40821073f};
    std::array<float, 3> std{0.26862954f, 0.26130258f, 0.27577711f};
    // Instead of mean/std: (x - mean(x)) / max(std(x), 1e-3) over all C×H×W of each image.
    bool perImageStandardize = false;

    static PreprocessConfig clipDefaults(int imageSize);
    static PreprocessConfig fromJson(const nlohmann::json& json, const std::string& source, int imageSize);
    nlohmann::json toJson() const;
};

}  // namespace ms::model
