#pragma once
// Reading one image file for the model: any format OpenCV decodes, grayscale replicated, alpha
// dropped, returned as 8-bit RGB. Errors name the file.
#include <string>

#include <opencv2/core.hpp>

namespace ms::data {

// File name extensions treated as images when scanning folders (lower case, with the dot).
bool hasImageExtension(const std::string& path);

cv::Mat readImageRgb(const std::string& path);

// CLIP's geometry on 8-bit RGB: resize the short side to `shortestEdge` (bicubic), centre crop
// to `cropSize` × `cropSize`.
cv::Mat resizeAndCrop(const cv::Mat& rgb, int shortestEdge, int cropSize);

}  // namespace ms::data
