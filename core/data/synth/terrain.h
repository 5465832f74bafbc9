#pragma once
// Ground seen from above, shared by SynLandCover and SynAerial on purpose: related tasks that
// share low-level statistics interfere when merged, as EuroSAT and RESISC45 do in the paper.
#include <opencv2/core.hpp>

#include "core/data/synth/drawing.h"

namespace ms::data::synth {

// Two earthy colours (grass, dry grass, soil, scrub, bare) jittered per channel, mixed
// through fBm with a cell of U(8, 24) * size / 64 pixels.
cv::Mat randomGround(int size, Rng& rng);

// Two colours mixed through fBm of `baseCell` pixels, each colour jittered by N(0, jitterSd).
cv::Mat mixedTexture(int size, Colour first, Colour second, double baseCell, double jitterSd,
                     Rng& rng);

}  // namespace ms::data::synth
