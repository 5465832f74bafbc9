#pragma once
// Hershey-font glyph drawing shared by SynDigits, Pretrain36 and the signs. Hershey fonts are
// compiled into OpenCV, so rendering needs no font files and is the same on every machine.
#include <string>

#include <opencv2/core.hpp>

#include "core/data/synth/rng.h"

namespace ms::data::synth {

struct GlyphStyle {
    int fontFace = 0;       // cv::HersheyFonts value, possibly | cv::FONT_ITALIC
    int thickness = 2;      // stroke width in render pixels
    double inkHeight = 32;  // wanted height of the centre glyph's ink, render pixels
};

// One of the eight Hershey faces (italic with probability italicProbability), a thickness in
// [thicknessMin, thicknessMax] and an ink height in [heightMin, heightMax).
GlyphStyle randomGlyphStyle(Rng& rng, double italicProbability, int thicknessMin, int thicknessMax,
                            double heightMin, double heightMax);

// A row of up to three strings in one style, drawn white on a black 8-bit canvas big enough
// for all of them. `inkBox` is the bounding box of the centre string's ink alone, which the
// caller maps to where it wants the glyph. Neighbours sit `gap` pixels left and right of the
// centre string's advance box; pass "" for none.
struct GlyphRow {
    cv::Mat mask;
    cv::Rect inkBox;
};
GlyphRow drawGlyphRow(const std::string& centre, const std::string& left, const std::string& right,
                      const GlyphStyle& style, double gap);

// Draws `text` so that its metric box (cap height, advance width) is centred on `centre`,
// with a cap height of about `capHeight` pixels. For labels inside signs.
void drawTextCentred(cv::Mat& image, const std::string& text, cv::Point2d centre, double capHeight,
                     int fontFace, int thickness, const cv::Scalar& colour);

}  // namespace ms::data::synth
