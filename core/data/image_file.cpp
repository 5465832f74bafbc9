#include "core/data/image_file.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/util/error.h"

namespace ms::data {

bool hasImageExtension(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    for (const char* known : {".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp", ".ppm", ".pgm", ".pbm"})
        if (ext == known) return true;
    return false;
}

cv::Mat readImageRgb(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) throw Error(path, "no such image file");
    cv::Mat decoded;
    try {
        decoded = cv::imread(path, cv::IMREAD_UNCHANGED);
    } catch (const cv::Exception& e) {
        throw Error(path, std::string("not a readable image: ") + e.what());
    }
    if (decoded.empty()) throw Error(path, "not a readable image (OpenCV cannot decode it)");
    if (decoded.depth() == CV_16U) decoded.convertTo(decoded, CV_8U, 1.0 / 257.0);
    if (decoded.depth() != CV_8U) throw Error(path, "unsupported image bit depth (expected 8 or 16 bits)");
    cv::Mat rgb;
    switch (decoded.channels()) {
        case 1: cv::cvtColor(decoded, rgb, cv::COLOR_GRAY2RGB); break;
        case 3: cv::cvtColor(decoded, rgb, cv::COLOR_BGR2RGB); break;
        case 4: cv::cvtColor(decoded, rgb, cv::COLOR_BGRA2RGB); break;
        default: throw Error(path, "unsupported number of image channels: " + std::to_string(decoded.channels()));
    }
    return rgb;
}

cv::Mat resizeAndCrop(const cv::Mat& rgb, int shortestEdge, int cropSize) {
    cv::Mat resized = rgb;
    const int shortSide = std::min(rgb.rows, rgb.cols);
    if (shortSide != shortestEdge) {
        const double scale = double(shortestEdge) / shortSide;
        const int width = std::max(shortestEdge, int(std::lround(rgb.cols * scale)));
        const int height = std::max(shortestEdge, int(std::lround(rgb.rows * scale)));
        cv::resize(rgb, resized, cv::Size(width, height), 0, 0, cv::INTER_CUBIC);
    }
    // Same rounding as torchvision's CenterCrop: the offset rounds to the nearest pixel.
    const int top = int(std::lround((resized.rows - cropSize) / 2.0));
    const int left = int(std::lround((resized.cols - cropSize) / 2.0));
    return resized(cv::Rect(left, top, cropSize, cropSize)).clone();
}

}  // namespace ms::data
