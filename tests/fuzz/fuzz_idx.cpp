// The IDX reader (core/data/idx_reader): MNIST's and Fashion-MNIST's files (magic, dimension count,
// big-endian sizes, gzip or not). The same input is read as images and as labels.
#include "core/data/idx_reader_detail.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string path = ms::fuzz::writeInput("input-idx3-ubyte", data, size);
    ms::fuzz::parsesOrRefuses(path, [&] {
        const auto gray = ms::data::detail::readIdxImagesGray(path);
        const auto rgb = ms::data::detail::grayToRgb(gray, std::vector<int64_t>(size_t(gray.count), 0), 32);
        if (rgb.count() != gray.count) ms::fuzz::fail("grayToRgb changed the image count");
    });
    ms::fuzz::parsesOrRefuses(path, [&] { ms::data::detail::readIdxLabels(path); });
    return 0;
}
