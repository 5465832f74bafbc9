#pragma once
// Drawing helpers shared by the generators: value noise, backgrounds, colour choice under the
// contrast rule, mask compositing, geometric warps, and the common finishing step.
//
// All images are RGB (channel 0 = red). Every random choice comes from the Rng argument.
// Geometric warps go through warpAffineExact/warpPerspectiveExact (a map built in plain C++
// plus cv::remap, which uses fixed-point bilinear interpolation) rather than cv::warpPerspective,
// whose SIMD paths compute coordinates in float and may differ by one pixel level per CPU.
#include <opencv2/core.hpp>

#include "core/data/synth/rng.h"

namespace ms::data::synth {

using Colour = cv::Vec3b;  // RGB

// The resolution every generator draws at before finish() halves it to 32x32.
constexpr int kRenderSize = 64;

inline cv::Scalar toScalar(Colour c) { return cv::Scalar(c[0], c[1], c[2]); }
// Mean of the three channels: the "luminance" of the contrast rule. Per-image standardisation
// in the model sees roughly this, so it is what must differ between glyph and background.
inline double level(Colour c) { return (c[0] + c[1] + c[2]) / 3.0; }
double level(const cv::Scalar& meanRgb);

// NOTE for every generator: C++ leaves the order of evaluation of function arguments
// unspecified, so never write two Rng draws in one call's argument list (f(rng.x(), rng.y())):
// GCC and Clang would consume the stream in different orders. Use one draw per statement, or
// the helpers below, which sequence their draws.
Colour randomColour(Rng& rng);
// A random pixel of a size x size image.
cv::Point randomPixel(int size, Rng& rng);
// (centre + U(-maxX, maxX), centre + U(-maxY, maxY)), x drawn first.
cv::Point2d jitteredCentre(double centre, double maxX, double maxY, Rng& rng);
// Multiplies each channel by U(lo, hi) and clips.
Colour jitterColour(Colour c, double lo, double hi, Rng& rng);
// Adds N(0, sd) to each channel and clips.
Colour jitterColourNormal(Colour c, double sd, Rng& rng);

// A colour that stands out from a background of mean `backgroundMean`: random draws until
// the RGB distance exceeds 90 and the level differs by more than 45; black or white (the
// farther one) when 30 draws fail.
Colour contrastColour(const cv::Scalar& backgroundMean, Rng& rng);

// Value noise in [0, 1], CV_32F: random values on a grid of `cellSize` pixels with a random
// sub-cell offset, interpolated by Catmull-Rom.
cv::Mat valueNoise(int height, int width, double cellSize, Rng& rng);
// Fractal sum of `octaves` value noises (cell sizes baseCell, baseCell/2, ...; weights 1, 1/2,
// ...), stretched to [0, 1].
cv::Mat fbm(int height, int width, double baseCell, int octaves, Rng& rng);
// Per pixel c0 * (1 - w) + c1 * w for a CV_32F weight in [0, 1].
cv::Mat blendColours(const cv::Mat& weight, Colour c0, Colour c1);

// One of four backgrounds with equal odds: flat colour, linear gradient at a random angle,
// two colours mixed through value noise, or a flat colour with 3-9 random circles and lines.
cv::Mat randomBackground(int size, Rng& rng);

// Paints `colour` into `rgb` through an 8-bit alpha mask of the same size.
void paintMask(cv::Mat& rgb, const cv::Mat& alpha, Colour colour);
// Paints an RGB layer into `rgb` through an 8-bit alpha mask.
void paintLayer(cv::Mat& rgb, const cv::Mat& layer, const cv::Mat& alpha);

// Deterministic bilinear warps: `forward` maps source pixel coordinates to destination ones.
cv::Mat warpAffineExact(const cv::Mat& src, const cv::Matx23d& forward, cv::Size dstSize,
                        int borderMode, const cv::Scalar& borderValue = cv::Scalar());
cv::Mat warpPerspectiveExact(const cv::Mat& src, const cv::Matx33d& forward, cv::Size dstSize,
                             int borderMode, const cv::Scalar& borderValue = cv::Scalar());

// Forward transform that moves `from` to `to`, after shearing x by `shearX` (x += shearX * y),
// rotating by `angleDegrees` (counter-clockwise on screen) and scaling by `scale`, all about
// `from`.
cv::Matx23d placementTransform(cv::Point2d from, cv::Point2d to, double angleDegrees, double scale,
                               double shearX = 0.0);
// Rotation by `angleDegrees` and scaling about the centre of a `size` square.
cv::Matx23d rotationAboutCentre(int size, double angleDegrees, double scale);

// Multiplies every channel by `gain`, adds `offset`, clips.
void adjustBrightness(cv::Mat& rgb, double gain, double offset);

struct FinishParams {
    double blurProbability = 0.0;  // GaussianBlur sigma U(0.5, 1.5) with this probability
    double noiseSdMin = 2.0;       // per-channel N(0, sd) noise at 32x32, sd ~ U(min, max)
    double noiseSdMax = 8.0;
};
// The last step of every generator: optional blur, INTER_AREA resize of the kRenderSize
// square to 32x32, Gaussian noise, clip. Returns a new continuous 32x32 CV_8UC3.
cv::Mat finish(const cv::Mat& rgb, const FinishParams& params, Rng& rng);

}  // namespace ms::data::synth
