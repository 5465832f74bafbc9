#include "core/data/contact_sheet.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/util/error.h"

namespace ms::data {

namespace {

// Lays out the images with the given indices (-1 = blank cell) row by row.
cv::Mat gridOf(const ImageBatch& batch, const std::vector<int64_t>& indices, int columns,
               int scale) {
    if (indices.empty()) return {};
    const int rows = int((int64_t(indices.size()) + columns - 1) / columns);
    const int cellW = batch.width * scale, cellH = batch.height * scale;
    cv::Mat sheet(rows * cellH + (rows - 1) * kContactSheetGap,
                  columns * cellW + (columns - 1) * kContactSheetGap, CV_8UC3,
                  cv::Scalar(255, 255, 255));
    for (size_t k = 0; k < indices.size(); ++k) {
        if (indices[k] < 0) continue;
        const cv::Mat image(batch.height, batch.width, CV_8UC3,
                            const_cast<uint8_t*>(batch.image(indices[k])));
        const int r = int(k) / columns, c = int(k) % columns;
        cv::Mat cell = sheet(
            cv::Rect(c * (cellW + kContactSheetGap), r * (cellH + kContactSheetGap), cellW, cellH));
        cv::resize(image, cell, cell.size(), 0, 0, cv::INTER_NEAREST);
    }
    return sheet;
}

void checkLayout(const ImageBatch& batch, int columns, int scale) {
    if (columns < 1 || scale < 1)
        throw ms::Error("contact sheet: columns and scale must be at least 1");
    if (batch.height <= 0 || batch.width <= 0 ||
        int64_t(batch.pixels.size()) != batch.count() * batch.imageBytes())
        throw ms::Error("contact sheet: image batch is empty or inconsistent");
}

}  // namespace

cv::Mat contactSheet(const ImageBatch& batch, int columns, int scale, int maxImages) {
    if (batch.count() == 0) return {};
    checkLayout(batch, columns, scale);
    const int64_t shown =
        maxImages > 0 ? std::min<int64_t>(batch.count(), maxImages) : batch.count();
    std::vector<int64_t> indices(static_cast<size_t>(shown));
    for (int64_t i = 0; i < shown; ++i) indices[size_t(i)] = i;
    return gridOf(batch, indices, columns, scale);
}

cv::Mat contactSheetByClass(const ImageBatch& batch, int classCount, int perClass, int scale) {
    if (batch.count() == 0 || classCount <= 0 || perClass <= 0) return {};
    checkLayout(batch, perClass, scale);
    std::vector<int64_t> indices(size_t(classCount) * size_t(perClass), -1);
    std::vector<int> filled(size_t(classCount), 0);
    for (int64_t i = 0; i < batch.count(); ++i) {
        const int64_t label = batch.labels[size_t(i)];
        if (label < 0 || label >= classCount || filled[size_t(label)] >= perClass) continue;
        indices[size_t(label * perClass + filled[size_t(label)]++)] = i;
    }
    return gridOf(batch, indices, perClass, scale);
}

void writePng(const cv::Mat& rgb, const std::string& path) {
    if (rgb.empty() || rgb.depth() != CV_8U || (rgb.channels() != 3 && rgb.channels() != 1))
        throw ms::Error(path, "cannot write PNG: expected a non-empty 8-bit RGB or gray image");
    cv::Mat bgr;
    if (rgb.channels() == 3)
        cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    else
        bgr = rgb;
    std::vector<uint8_t> encoded;
    try {
        if (!cv::imencode(".png", bgr, encoded)) throw ms::Error(path, "PNG encoding failed");
    } catch (const cv::Exception& e) {
        throw ms::Error(path, std::string("PNG encoding failed: ") + e.what());
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out)
        throw ms::Error(path, std::string("cannot open for writing: ") + std::strerror(errno));
    out.write(reinterpret_cast<const char*>(encoded.data()), std::streamsize(encoded.size()));
    out.close();
    if (!out) throw ms::Error(path, "write failed (disk full?)");
}

}  // namespace ms::data
