#include "core/data/synth/synthetic_registry.h"

#include <functional>
#include <utility>

#include "core/data/synth/generator_factories.h"
#include "core/util/error.h"

namespace ms::data {

namespace {

using Factory = std::function<std::unique_ptr<ImageGenerator>()>;

const std::vector<std::pair<std::string, Factory>>& registry() {
    static const std::vector<std::pair<std::string, Factory>> entries = {
        {"syn_digits", synth::makeSynDigits},     {"syn_signs", synth::makeSynSigns},
        {"syn_textures", synth::makeSynTextures}, {"syn_land_cover", synth::makeSynLandCover},
        {"syn_aerial", synth::makeSynAerial},     {"syn_scenes", synth::makeSynScenes},
        {"pretrain36", synth::makePretrain36},
    };
    return entries;
}

}  // namespace

std::vector<std::string> syntheticGeneratorIds() {
    std::vector<std::string> ids;
    for (const auto& entry : registry()) ids.push_back(entry.first);
    return ids;
}

std::unique_ptr<ImageGenerator> makeSyntheticGenerator(const std::string& id) {
    for (const auto& entry : registry())
        if (entry.first == id) return entry.second();
    std::string known;
    for (const auto& entry : registry()) known += (known.empty() ? "" : ", ") + entry.first;
    throw ms::Error("unknown generator '" + id + "'; known: " + known);
}

}  // namespace ms::data
