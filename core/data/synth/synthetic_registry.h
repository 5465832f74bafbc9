#pragma once
// The built-in procedural data sets, by id.
//
//   for (const auto& id : ms::data::syntheticGeneratorIds()) {
//       auto generator = ms::data::makeSyntheticGenerator(id);
//       ms::data::ImageBatch train = ms::data::generate(*generator, 5000, 1000 + task);
//   }
#include <memory>
#include <string>
#include <vector>

#include "core/data/synth/image_generator.h"

namespace ms::data {

// In the order of the demo zoo: syn_digits, syn_signs, syn_textures, syn_land_cover,
// syn_aerial, syn_scenes, then the pretraining set pretrain36.
std::vector<std::string> syntheticGeneratorIds();

// Throws ms::Error("unknown generator 'x'; known: a, b, ...") for an unknown id.
std::unique_ptr<ImageGenerator> makeSyntheticGenerator(const std::string& id);

}  // namespace ms::data
