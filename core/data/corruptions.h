#pragma once
// Image corruptions for robustness checks, after the ImageNet-C benchmark (Hendrycks &
// Dietterich, ICLR 2019) as used by WEMoE (Tang et al., ICML 2024): a merged model is tested on
// corrupted test images to see whether its routing still holds when the input shifts.
//
// Each corruption has five severities. The ImageNet-C constants are kept where they do not
// depend on the image size (noise levels, contrast factor, pixelate scale); lengths that do
// (motion-blur radius, droplet size) are given for 224x224 and scaled with the shorter side,
// so the demo zoo's 32x32 images get the same look, not a 7x stronger one.
//
// Determinism: every random draw comes from ms::data::Rng (splitmix64, hand-written
// distributions), so a seed means the same bytes under any standard library and thread count.
// The severities of one corruption share their random draws (same noise field, same blur
// angle, same droplet positions), so severity 4 is severity 3 made stronger, not a new sample.
#include <cstdint>
#include <string>
#include <vector>

#include "core/data/image_batch.h"

namespace ms::data {

enum class Corruption { MotionBlur, ImpulseNoise, GaussianNoise, Pixelate, Spatter, Contrast, Jpeg };

constexpr int kMinSeverity = 1;
constexpr int kMaxSeverity = 5;

// Every corruption, in a fixed order (the order of the enum) for tables and menus.
const std::vector<Corruption>& allCorruptions();

// Stable id for files, JSON and the CLI: "motion_blur", "impulse_noise", "gaussian_noise",
// "pixelate", "spatter", "contrast", "jpeg".
std::string corruptionId(Corruption corruption);
// Human label: "Motion blur", "Impulse noise", ...
std::string corruptionLabel(Corruption corruption);
// The parameters a severity stands for, for figure captions, e.g. "σ = 0.18·255" or
// "quality 58". Throws ms::Error for a severity outside 1..5.
std::string corruptionSetting(Corruption corruption, int severity);
// Inverse of corruptionId. Throws ms::Error "<id>: unknown corruption; valid ids are ...".
Corruption parseCorruption(const std::string& id);

// Corrupts one RGB (HWC, uint8, rows packed) image in place. Throws ms::Error
// "<corruption id>: severity N outside 1..5" or for a non-positive size.
void corruptImage(uint8_t* rgb, int height, int width, Corruption corruption, int severity,
                  uint64_t seed);

// A corrupted copy of `batch`, labels unchanged. Image i is corrupted with seed
// Rng::streamSeed(seed, i), so the result does not depend on `threads` (<= 0 means
// std::thread::hardware_concurrency()). Throws ms::Error when the pixel buffer does not hold
// count() images of height x width.
ImageBatch corruptBatch(const ImageBatch& batch, Corruption corruption, int severity, uint64_t seed,
                        int threads = 1);

}  // namespace ms::data
