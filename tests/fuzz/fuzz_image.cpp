// Image decoding (core/data/image_file): OpenCV's decoders behind readImageRgb, then the resize and
// centre crop every image goes through before a model sees it (the zoo's 32 px; CLIP's is 224).
#include <opencv2/core.hpp>

#include "core/data/image_file.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    // The decoder is chosen by content, not by name: one name serves every format.
    const std::string path = ms::fuzz::writeInput("input.png", data, size);
    ms::fuzz::parsesOrRefuses(path, [&] {
        const cv::Mat rgb = ms::data::readImageRgb(path);
        if (rgb.channels() != 3 || rgb.depth() != CV_8U) ms::fuzz::fail("readImageRgb did not give 8-bit RGB");
        const cv::Mat crop = ms::data::resizeAndCrop(rgb, 32, 32);
        if (crop.rows != 32 || crop.cols != 32) ms::fuzz::fail("resizeAndCrop did not give 32 x 32");
    });
    return 0;
}
