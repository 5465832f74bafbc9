#include "core/data/synth/glyphs.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace ms::data::synth {

namespace {

constexpr std::array<int, 8> kHersheyFaces = {
    cv::FONT_HERSHEY_SIMPLEX,        cv::FONT_HERSHEY_PLAIN,         cv::FONT_HERSHEY_DUPLEX,
    cv::FONT_HERSHEY_COMPLEX,        cv::FONT_HERSHEY_TRIPLEX,       cv::FONT_HERSHEY_COMPLEX_SMALL,
    cv::FONT_HERSHEY_SCRIPT_SIMPLEX, cv::FONT_HERSHEY_SCRIPT_COMPLEX};

// Font scale whose cap height (getTextSize's height above the baseline) is about capHeight.
double scaleForCapHeight(int fontFace, double capHeight, int thickness) {
    int baseline = 0;
    const cv::Size unit = cv::getTextSize("H", fontFace, 1.0, 1, &baseline);
    return std::max(0.1, (capHeight - thickness) / std::max(1, unit.height - 1));
}

}  // namespace

GlyphStyle randomGlyphStyle(Rng& rng, double italicProbability, int thicknessMin, int thicknessMax,
                            double heightMin, double heightMax) {
    GlyphStyle style;
    style.fontFace = kHersheyFaces[size_t(rng.integer(0, int64_t(kHersheyFaces.size()) - 1))];
    if (rng.chance(italicProbability)) style.fontFace |= cv::FONT_ITALIC;
    style.thickness = int(rng.integer(thicknessMin, thicknessMax));
    style.inkHeight = rng.uniform(heightMin, heightMax);
    return style;
}

GlyphRow drawGlyphRow(const std::string& centre, const std::string& left, const std::string& right,
                      const GlyphStyle& style, double gap) {
    // Drawn near the final size so that the stroke width stays close to style.thickness once
    // the caller rescales the ink to style.inkHeight.
    const double scale = scaleForCapHeight(style.fontFace, style.inkHeight, style.thickness);
    int baseline = 0;
    auto advance = [&](const std::string& text) {
        return text.empty()
                   ? 0
                   : cv::getTextSize(text, style.fontFace, scale, style.thickness, &baseline).width;
    };
    const int widthLeft = advance(left), widthCentre = advance(centre), widthRight = advance(right);
    const int pad = int(std::ceil(style.inkHeight)) + style.thickness;
    const int gapPx = int(std::lround(gap));
    const int canvasWidth = widthLeft + widthCentre + widthRight + 2 * gapPx + 2 * pad;
    const int canvasHeight = 3 * pad;
    const int baselineY = 2 * pad;

    GlyphRow row;
    row.mask = cv::Mat::zeros(canvasHeight, canvasWidth, CV_8UC1);
    const int centreX = pad + widthLeft + (left.empty() ? 0 : gapPx);
    cv::putText(row.mask, centre, cv::Point(centreX, baselineY), style.fontFace, scale,
                cv::Scalar(255), style.thickness, cv::LINE_AA);
    row.inkBox = cv::boundingRect(row.mask);
    if (row.inkBox.area() == 0)
        row.inkBox = cv::Rect(centreX, baselineY - int(style.inkHeight), std::max(1, widthCentre),
                              int(style.inkHeight));
    if (!left.empty())
        cv::putText(row.mask, left, cv::Point(pad, baselineY), style.fontFace, scale,
                    cv::Scalar(255), style.thickness, cv::LINE_AA);
    if (!right.empty())
        cv::putText(row.mask, right, cv::Point(centreX + widthCentre + gapPx, baselineY),
                    style.fontFace, scale, cv::Scalar(255), style.thickness, cv::LINE_AA);
    return row;
}

void drawTextCentred(cv::Mat& image, const std::string& text, cv::Point2d centre, double capHeight,
                     int fontFace, int thickness, const cv::Scalar& colour) {
    const double scale = scaleForCapHeight(fontFace, capHeight, thickness);
    int baseline = 0;
    const cv::Size size = cv::getTextSize(text, fontFace, scale, thickness, &baseline);
    const cv::Point origin(int(std::lround(centre.x - size.width / 2.0)),
                           int(std::lround(centre.y + size.height / 2.0)));
    cv::putText(image, text, origin, fontFace, scale, colour, thickness, cv::LINE_AA);
}

}  // namespace ms::data::synth
