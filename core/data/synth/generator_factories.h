#pragma once
// Factories of the built-in generators, one per file. Internal to core/data/synth: callers go
// through synthetic_registry.h.
#include <memory>

#include "core/data/synth/image_generator.h"

namespace ms::data::synth {

std::unique_ptr<ImageGenerator> makeSynDigits();
std::unique_ptr<ImageGenerator> makeSynSigns();
std::unique_ptr<ImageGenerator> makeSynTextures();
std::unique_ptr<ImageGenerator> makeSynLandCover();
std::unique_ptr<ImageGenerator> makeSynAerial();
std::unique_ptr<ImageGenerator> makeSynScenes();
std::unique_ptr<ImageGenerator> makePretrain36();

}  // namespace ms::data::synth
