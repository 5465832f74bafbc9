#include "core/model/preprocess_config.h"

#include "core/util/error.h"

namespace ms::model {

PreprocessConfig PreprocessConfig::clipDefaults(int imageSize) {
    PreprocessConfig c;
    c.shortestEdge = imageSize;
    c.cropSize = imageSize;
    return c;
}

namespace {

int readSize(const nlohmann::json& json, const char* key, int fallback, const std::string& source) {
    if (!json.contains(key)) return fallback;
    const auto& v = json.at(key);
    // Transformers has written both `224` and `{"shortest_edge": 224}` / `{"height":…,"width":…}`.
    if (v.is_number_integer()) return v.get<int>();
    if (v.is_object() && v.contains("shortest_edge")) return v.at("shortest_edge").get<int>();
    if (v.is_object() && v.contains("height")) return v.at("height").get<int>();
    throw Error(source, std::string("preprocessor field '") + key + "' is neither a size nor a size object");
}

std::array<float, 3> readTriple(const nlohmann::json& json, const char* key, std::array<float, 3> fallback,
                                const std::string& source) {
    if (!json.contains(key)) return fallback;
    const auto& v = json.at(key);
    if (!v.is_array() || v.size() != 3)
        throw Error(source, std::string("preprocessor field '") + key + "' must be a list of 3 numbers");
    return {v[0].get<float>(), v[1].get<float>(), v[2].get<float>()};
}

}  // namespace

PreprocessConfig PreprocessConfig::fromJson(const nlohmann::json& json, const std::string& source, int imageSize) {
    if (!json.is_object()) throw Error(source, "preprocessor config is not a JSON object");
    PreprocessConfig c = clipDefaults(imageSize);
    try {
        c.shortestEdge = readSize(json, "size", c.shortestEdge, source);
        c.cropSize = readSize(json, "crop_size", c.cropSize, source);
        c.mean = readTriple(json, "image_mean", c.mean, source);
        c.std = readTriple(json, "image_std", c.std, source);
        c.perImageStandardize = json.value("mergescope_per_image_standardize", false);
    } catch (const nlohmann::json::exception& e) {
        throw Error(source, std::string("malformed preprocessor config: ") + e.what());
    }
    if (c.shortestEdge <= 0 || c.cropSize <= 0 || c.cropSize > c.shortestEdge)
        throw Error(source, "preprocessor sizes must be positive and the crop no larger than the resize");
    for (float s : c.std)
        if (!(s > 0.f)) throw Error(source, "image_std must be positive");
    return c;
}

nlohmann::json PreprocessConfig::toJson() const {
    return nlohmann::json{{"image_processor_type", "CLIPImageProcessor"},
                          {"do_resize", true},
                          {"size", {{"shortest_edge", shortestEdge}}},
                          {"resample", 3},  // bicubic
                          {"do_center_crop", true},
                          {"crop_size", {{"height", cropSize}, {"width", cropSize}}},
                          {"do_rescale", true},
                          {"rescale_factor", 1.0 / 255.0},
                          {"do_normalize", true},
                          {"image_mean", mean},
                          {"image_std", std},
                          {"do_convert_rgb", true},
                          {"mergescope_per_image_standardize", perImageStandardize}};
}

}  // namespace ms::model
