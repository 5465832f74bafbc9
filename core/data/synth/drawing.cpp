#include "core/data/synth/drawing.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace ms::data::synth {

namespace {

// Round half up and clip. Written with a truncating cast rather than std::floor (a libm call
// on baseline x86-64) because it runs for every pixel; for v + 0.5 >= 0 both agree.
inline uint8_t clipToByte(double v) {
    if (!(v >= 0.0)) return 0;
    if (v >= 254.5) return 255;
    return static_cast<uint8_t>(v + 0.5);
}

// Catmull-Rom weights for the four grid values around fractional position t.
void catmullRomWeights(double t, double w[4]) {
    const double t2 = t * t, t3 = t2 * t;
    w[0] = 0.5 * (-t3 + 2.0 * t2 - t);
    w[1] = 0.5 * (3.0 * t3 - 5.0 * t2 + 2.0);
    w[2] = 0.5 * (-3.0 * t3 + 4.0 * t2 + t);
    w[3] = 0.5 * (t3 - t2);
}

// Builds the inverse map of a projective transform and remaps. dst(x, y) = src(inv * (x, y, 1)).
cv::Mat remapWithInverse(const cv::Mat& src, const cv::Matx33d& inverse, cv::Size dstSize,
                         int borderMode, const cv::Scalar& borderValue) {
    cv::Mat map(dstSize, CV_32FC2);
    for (int y = 0; y < dstSize.height; ++y) {
        auto* row = map.ptr<cv::Vec2f>(y);
        for (int x = 0; x < dstSize.width; ++x) {
            const double sx = inverse(0, 0) * x + inverse(0, 1) * y + inverse(0, 2);
            const double sy = inverse(1, 0) * x + inverse(1, 1) * y + inverse(1, 2);
            const double sw = inverse(2, 0) * x + inverse(2, 1) * y + inverse(2, 2);
            const double w = std::abs(sw) > 1e-12 ? 1.0 / sw : 0.0;
            row[x] = cv::Vec2f(float(sx * w), float(sy * w));
        }
    }
    cv::Mat dst;
    cv::remap(src, dst, map, cv::noArray(), cv::INTER_LINEAR, borderMode, borderValue);
    return dst;
}

}  // namespace

double level(const cv::Scalar& meanRgb) { return (meanRgb[0] + meanRgb[1] + meanRgb[2]) / 3.0; }

Colour randomColour(Rng& rng) {
    Colour c;
    for (int k = 0; k < 3; ++k) c[k] = uint8_t(rng.integer(0, 255));
    return c;
}

cv::Point randomPixel(int size, Rng& rng) {
    const int x = int(rng.integer(0, size - 1));
    const int y = int(rng.integer(0, size - 1));
    return {x, y};
}

cv::Point2d jitteredCentre(double centre, double maxX, double maxY, Rng& rng) {
    const double x = centre + rng.uniform(-maxX, maxX);
    const double y = centre + rng.uniform(-maxY, maxY);
    return {x, y};
}

Colour jitterColour(Colour c, double lo, double hi, Rng& rng) {
    Colour out;
    for (int k = 0; k < 3; ++k) out[k] = clipToByte(c[k] * rng.uniform(lo, hi));
    return out;
}

Colour jitterColourNormal(Colour c, double sd, Rng& rng) {
    Colour out;
    for (int k = 0; k < 3; ++k) out[k] = clipToByte(c[k] + rng.normal(0.0, sd));
    return out;
}

Colour contrastColour(const cv::Scalar& backgroundMean, Rng& rng) {
    const double backgroundLevel = level(backgroundMean);
    for (int attempt = 0; attempt < 30; ++attempt) {
        const Colour c = randomColour(rng);
        const double dr = c[0] - backgroundMean[0], dg = c[1] - backgroundMean[1],
                     db = c[2] - backgroundMean[2];
        if (std::sqrt(dr * dr + dg * dg + db * db) > 90.0 &&
            std::abs(level(c) - backgroundLevel) > 45.0)
            return c;
    }
    return backgroundLevel > 127.5 ? Colour(0, 0, 0) : Colour(255, 255, 255);
}

cv::Mat valueNoise(int height, int width, double cellSize, Rng& rng) {
    cellSize = std::max(cellSize, 1.0);
    const double offsetX = rng.uniform(0.0, cellSize), offsetY = rng.uniform(0.0, cellSize);
    // One extra cell before and two after each axis feed the 4-tap interpolation.
    const int gridW = int(std::ceil((width + offsetX) / cellSize)) + 3;
    const int gridH = int(std::ceil((height + offsetY) / cellSize)) + 3;
    std::vector<double> grid(size_t(gridW * gridH));
    for (double& v : grid) v = rng.uniform01();

    // Separable: interpolate along x for every grid row, then along y.
    std::vector<double> rowsAlongX(size_t(gridH * width));
    for (int x = 0; x < width; ++x) {
        const double gx = (x + offsetX) / cellSize + 1.0;
        const int ix = int(gx);
        double w[4];
        catmullRomWeights(gx - ix, w);
        for (int gy = 0; gy < gridH; ++gy) {
            const double* g = &grid[size_t(gy * gridW + ix - 1)];
            rowsAlongX[size_t(gy * width + x)] =
                w[0] * g[0] + w[1] * g[1] + w[2] * g[2] + w[3] * g[3];
        }
    }
    cv::Mat out(height, width, CV_32F);
    for (int y = 0; y < height; ++y) {
        const double gy = (y + offsetY) / cellSize + 1.0;
        const int iy = int(gy);
        double w[4];
        catmullRomWeights(gy - iy, w);
        float* row = out.ptr<float>(y);
        for (int x = 0; x < width; ++x) {
            const double* g = &rowsAlongX[size_t((iy - 1) * width + x)];
            const double v =
                w[0] * g[0] + w[1] * g[width] + w[2] * g[2 * width] + w[3] * g[3 * width];
            row[x] = float(std::clamp(v, 0.0, 1.0));
        }
    }
    return out;
}

cv::Mat fbm(int height, int width, double baseCell, int octaves, Rng& rng) {
    // Plain loops rather than cv::Mat arithmetic: OpenCV's float kernels may use FMA on some
    // CPUs and not on others, which would change the last bit and, rarely, a pixel.
    std::vector<double> sum(size_t(height) * size_t(width), 0.0);
    double weight = 1.0, cell = baseCell;
    for (int octave = 0; octave < octaves; ++octave) {
        const cv::Mat layer = valueNoise(height, width, cell, rng);
        const float* v = layer.ptr<float>(0);
        for (size_t i = 0; i < sum.size(); ++i) sum[i] += weight * v[i];
        weight *= 0.5;
        cell = std::max(1.0, cell * 0.5);
    }
    const auto [lo, hi] = std::minmax_element(sum.begin(), sum.end());
    const double low = *lo, range = *hi - *lo;
    cv::Mat out(height, width, CV_32F, cv::Scalar(0.5));
    if (range < 1e-9) return out;
    float* o = out.ptr<float>(0);
    for (size_t i = 0; i < sum.size(); ++i) o[i] = float((sum[i] - low) / range);
    return out;
}

cv::Mat blendColours(const cv::Mat& weight, Colour c0, Colour c1) {
    cv::Mat out(weight.size(), CV_8UC3);
    for (int y = 0; y < weight.rows; ++y) {
        const float* w = weight.ptr<float>(y);
        auto* o = out.ptr<cv::Vec3b>(y);
        for (int x = 0; x < weight.cols; ++x)
            for (int k = 0; k < 3; ++k) o[x][k] = clipToByte(c0[k] + (c1[k] - c0[k]) * w[x]);
    }
    return out;
}

cv::Mat randomBackground(int size, Rng& rng) {
    const double unit = size / 64.0;  // parameters below are given at the 64-px render
    switch (rng.integer(0, 3)) {
    case 0: return cv::Mat(size, size, CV_8UC3, toScalar(randomColour(rng)));
    case 1: {
        const Colour a = randomColour(rng), b = randomColour(rng);
        const double angle = rng.uniform(0.0, 2.0 * M_PI);
        const double dx = std::cos(angle), dy = std::sin(angle), half = size / 2.0;
        cv::Mat t(size, size, CV_32F);
        for (int y = 0; y < size; ++y)
            for (int x = 0; x < size; ++x)
                t.at<float>(y, x) = float(
                    std::clamp(0.5 + ((x - half) * dx + (y - half) * dy) / (1.4 * size), 0.0, 1.0));
        return blendColours(t, a, b);
    }
    case 2: {
        const Colour a = randomColour(rng), b = randomColour(rng);
        return blendColours(valueNoise(size, size, rng.uniform(4.0, 24.0) * unit, rng), a, b);
    }
    default: {
        cv::Mat out(size, size, CV_8UC3, toScalar(randomColour(rng)));
        const int items = int(rng.integer(3, 9));
        for (int i = 0; i < items; ++i) {
            const Colour c = randomColour(rng);
            const cv::Point p = randomPixel(size, rng);
            if (rng.chance(0.5)) {
                cv::circle(out, p, int(rng.integer(3, 19) * unit), toScalar(c), cv::FILLED,
                           cv::LINE_AA);
            } else {
                const cv::Point q = randomPixel(size, rng);
                cv::line(out, p, q, toScalar(c), std::max(1, int(rng.integer(1, 5) * unit)),
                         cv::LINE_AA);
            }
        }
        return out;
    }
    }
}

void paintMask(cv::Mat& rgb, const cv::Mat& alpha, Colour colour) {
    CV_Assert(rgb.type() == CV_8UC3 && alpha.type() == CV_8UC1 && rgb.size() == alpha.size());
    for (int y = 0; y < rgb.rows; ++y) {
        auto* o = rgb.ptr<cv::Vec3b>(y);
        const uint8_t* a = alpha.ptr<uint8_t>(y);
        for (int x = 0; x < rgb.cols; ++x) {
            if (a[x] == 0) continue;
            for (int k = 0; k < 3; ++k)
                o[x][k] = uint8_t((o[x][k] * (255 - a[x]) + colour[k] * a[x] + 127) / 255);
        }
    }
}

void paintLayer(cv::Mat& rgb, const cv::Mat& layer, const cv::Mat& alpha) {
    CV_Assert(rgb.type() == CV_8UC3 && layer.type() == CV_8UC3 && alpha.type() == CV_8UC1 &&
              rgb.size() == alpha.size() && layer.size() == alpha.size());
    for (int y = 0; y < rgb.rows; ++y) {
        auto* o = rgb.ptr<cv::Vec3b>(y);
        const auto* l = layer.ptr<cv::Vec3b>(y);
        const uint8_t* a = alpha.ptr<uint8_t>(y);
        for (int x = 0; x < rgb.cols; ++x) {
            if (a[x] == 0) continue;
            for (int k = 0; k < 3; ++k)
                o[x][k] = uint8_t((o[x][k] * (255 - a[x]) + l[x][k] * a[x] + 127) / 255);
        }
    }
}

cv::Mat warpAffineExact(const cv::Mat& src, const cv::Matx23d& forward, cv::Size dstSize,
                        int borderMode, const cv::Scalar& borderValue) {
    const cv::Matx33d full(forward(0, 0), forward(0, 1), forward(0, 2), forward(1, 0),
                           forward(1, 1), forward(1, 2), 0.0, 0.0, 1.0);
    return remapWithInverse(src, full.inv(), dstSize, borderMode, borderValue);
}

cv::Mat warpPerspectiveExact(const cv::Mat& src, const cv::Matx33d& forward, cv::Size dstSize,
                             int borderMode, const cv::Scalar& borderValue) {
    return remapWithInverse(src, forward.inv(), dstSize, borderMode, borderValue);
}

cv::Matx23d placementTransform(cv::Point2d from, cv::Point2d to, double angleDegrees, double scale,
                               double shearX) {
    // Screen y points down, so a counter-clockwise turn on screen is a negative math angle.
    const double a = -angleDegrees * M_PI / 180.0;
    const double c = std::cos(a) * scale, s = std::sin(a) * scale;
    // Linear part = rotation*scale * shear, where shear = [1 shearX; 0 1].
    const double m00 = c, m01 = c * shearX - s, m10 = s, m11 = s * shearX + c;
    return cv::Matx23d(m00, m01, to.x - m00 * from.x - m01 * from.y,  //
                       m10, m11, to.y - m10 * from.x - m11 * from.y);
}

cv::Matx23d rotationAboutCentre(int size, double angleDegrees, double scale) {
    const cv::Point2d centre((size - 1) / 2.0, (size - 1) / 2.0);
    return placementTransform(centre, centre, angleDegrees, scale);
}

void adjustBrightness(cv::Mat& rgb, double gain, double offset) {
    // By hand rather than convertTo, whose SIMD path may round ties differently per CPU.
    CV_Assert(rgb.type() == CV_8UC3);
    for (int y = 0; y < rgb.rows; ++y) {
        uint8_t* p = rgb.ptr<uint8_t>(y);
        for (int i = 0; i < rgb.cols * 3; ++i) p[i] = clipToByte(p[i] * gain + offset);
    }
}

cv::Mat finish(const cv::Mat& rgb, const FinishParams& params, Rng& rng) {
    cv::Mat work = rgb;
    if (rng.chance(params.blurProbability)) {
        const double sigma = rng.uniform(0.5, 1.5);
        cv::GaussianBlur(rgb, work, cv::Size(0, 0), sigma, sigma, cv::BORDER_REFLECT_101);
    }
    cv::Mat small;
    cv::resize(work, small, cv::Size(32, 32), 0, 0, cv::INTER_AREA);
    const double sd = rng.uniform(params.noiseSdMin, params.noiseSdMax);
    uint8_t* p = small.ptr<uint8_t>(0);  // fresh from resize, hence continuous
    for (size_t i = 0, n = small.total() * 3; i < n; ++i)
        p[i] = clipToByte(p[i] + rng.normal(0.0, sd));
    return small;
}

}  // namespace ms::data::synth
