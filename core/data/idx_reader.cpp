#include "core/data/idx_reader.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <vector>

#include <zlib.h>

#include "core/data/idx_reader_detail.h"
#include "core/data/synth/rng.h"
#include "core/util/error.h"

namespace ms::data {

namespace {

constexpr uint32_t kImageMagic = 0x00000803;
constexpr uint32_t kLabelMagic = 0x00000801;
constexpr uint32_t kMaxSide = 4096;  // anything larger is a corrupt header, not an image

std::string hex32(uint32_t v) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%08x", v);
    return text;
}

// A gzip-or-plain file read through zlib, closed on scope exit.
class IdxFile {
public:
    explicit IdxFile(const std::string& path) : path_(path) {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec))
            throw ms::Error(
                path, std::filesystem::exists(path, ec) ? "not a regular file" : "file not found");
        errno = 0;
        file_ = gzopen(path.c_str(), "rb");
        if (!file_)
            throw ms::Error(path, std::string("cannot open: ") +
                                      (errno ? std::strerror(errno) : "out of memory"));
        gzbuffer(file_, 1 << 17);
    }
    ~IdxFile() {
        if (file_) gzclose(file_);
    }
    IdxFile(const IdxFile&) = delete;
    IdxFile& operator=(const IdxFile&) = delete;

    // Reads up to `size` bytes; returns how many arrived (fewer at end of file).
    size_t read(uint8_t* out, size_t size) {
        size_t done = 0;
        while (done < size) {
            const unsigned chunk = unsigned(std::min<size_t>(size - done, 1 << 20));
            const int got = gzread(file_, out + done, chunk);
            if (got < 0) {
                int code = 0;
                const char* message = gzerror(file_, &code);
                throw ms::Error(path_, std::string("read error: ") + (message ? message : "?"));
            }
            if (got == 0) break;
            done += size_t(got);
        }
        return done;
    }

    uint32_t readBigEndian32(const char* what) {
        uint8_t b[4];
        if (read(b, 4) != 4) throw ms::Error(path_, std::string("truncated header (") + what + ")");
        return uint32_t(b[0]) << 24 | uint32_t(b[1]) << 16 | uint32_t(b[2]) << 8 | uint32_t(b[3]);
    }

    // Reads exactly `size` payload bytes, growing the buffer as data arrives so that a corrupt
    // header announcing gigabytes fails on truncation before it allocates them.
    std::vector<uint8_t> readPayload(uint64_t size, const char* what) {
        std::vector<uint8_t> data;
        constexpr uint64_t kStep = 1u << 20;
        while (data.size() < size) {
            const size_t before = data.size();
            const size_t want = size_t(std::min<uint64_t>(kStep, size - before));
            data.resize(before + want);
            const size_t got = read(data.data() + before, want);
            if (got < want)
                throw ms::Error(path_, std::string("truncated ") + what + ": expected " +
                                           std::to_string(size) + " bytes, found " +
                                           std::to_string(before + got));
        }
        return data;
    }

private:
    std::string path_;
    gzFile file_ = nullptr;
};

void checkMagic(const std::string& path, uint32_t magic, uint32_t expected, const char* kind) {
    if (magic == expected) return;
    std::string hint;
    if (magic == kImageMagic) hint = " (this is an IDX image file)";
    if (magic == kLabelMagic) hint = " (this is an IDX label file)";
    if ((magic >> 16) == 0x1f8b) hint = " (gzip data that zlib could not unpack)";
    throw ms::Error(path, std::string("not an IDX ") + kind + " file: magic " + hex32(magic) +
                              ", expected " + hex32(expected) + hint);
}

}  // namespace

namespace detail {

IdxGray readIdxImagesGray(const std::string& path) {
    IdxFile file(path);
    checkMagic(path, file.readBigEndian32("magic"), kImageMagic, "image");
    IdxGray gray;
    const uint32_t count = file.readBigEndian32("image count");
    const uint32_t rows = file.readBigEndian32("rows");
    const uint32_t cols = file.readBigEndian32("columns");
    if (count == 0) throw ms::Error(path, "contains no images");
    if (rows == 0 || cols == 0 || rows > kMaxSide || cols > kMaxSide)
        throw ms::Error(path,
                        "bad image size " + std::to_string(rows) + "x" + std::to_string(cols));
    gray.count = count;
    gray.rows = int(rows);
    gray.cols = int(cols);
    gray.pixels = file.readPayload(uint64_t(count) * rows * cols, "pixel data");
    return gray;
}

std::vector<int64_t> readIdxLabels(const std::string& path) {
    IdxFile file(path);
    checkMagic(path, file.readBigEndian32("magic"), kLabelMagic, "label");
    const uint32_t count = file.readBigEndian32("label count");
    if (count == 0) throw ms::Error(path, "contains no labels");
    const std::vector<uint8_t> raw = file.readPayload(count, "labels");
    return std::vector<int64_t>(raw.begin(), raw.end());
}

ImageBatch grayToRgb(const IdxGray& gray, std::vector<int64_t> labels, int size) {
    ImageBatch batch;
    batch.height = std::max(size, gray.rows);
    batch.width = std::max(size, gray.cols);
    const int top = (batch.height - gray.rows) / 2, left = (batch.width - gray.cols) / 2;
    batch.labels = std::move(labels);
    batch.pixels.assign(size_t(gray.count * batch.imageBytes()), 0);
    for (int64_t i = 0; i < gray.count; ++i) {
        const uint8_t* src = gray.pixels.data() + i * gray.rows * gray.cols;
        uint8_t* dst = batch.image(i);
        for (int y = 0; y < gray.rows; ++y)
            for (int x = 0; x < gray.cols; ++x) {
                uint8_t* px = dst + (size_t(y + top) * batch.width + size_t(x + left)) * 3;
                px[0] = px[1] = px[2] = src[y * gray.cols + x];
            }
    }
    return batch;
}

ImageBatch readIdxPairPadded(const std::string& imagesPath, const std::string& labelsPath,
                             int size) {
    const IdxGray gray = readIdxImagesGray(imagesPath);
    std::vector<int64_t> labels = readIdxLabels(labelsPath);
    if (int64_t(labels.size()) != gray.count)
        throw ms::Error(labelsPath, "has " + std::to_string(labels.size()) + " labels but " +
                                        imagesPath + " has " + std::to_string(gray.count) +
                                        " images");
    return grayToRgb(gray, std::move(labels), size);
}

}  // namespace detail

ImageBatch readIdxPair(const std::string& imagesPath, const std::string& labelsPath) {
    return detail::readIdxPairPadded(imagesPath, labelsPath, 0);
}

ImageBatch padToSize(const ImageBatch& batch, int size) {
    if (batch.height > size || batch.width > size)
        throw ms::Error("cannot pad " + std::to_string(batch.height) + "x" +
                        std::to_string(batch.width) + " images to " + std::to_string(size) + "x" +
                        std::to_string(size) + ": they are larger");
    ImageBatch out;
    out.height = size;
    out.width = size;
    out.labels = batch.labels;
    out.pixels.assign(size_t(batch.count() * out.imageBytes()), 0);
    const int top = (size - batch.height) / 2, left = (size - batch.width) / 2;
    const size_t rowBytes = size_t(batch.width) * 3;
    for (int64_t i = 0; i < batch.count(); ++i)
        for (int y = 0; y < batch.height; ++y)
            std::memcpy(out.image(i) + (size_t(y + top) * size + left) * 3,
                        batch.image(i) + y * rowBytes, rowBytes);
    return out;
}

ImageBatch stratifiedSubset(const ImageBatch& batch, int64_t count, uint64_t seed) {
    if (count < 0) throw ms::Error("stratified subset: negative count " + std::to_string(count));
    const int64_t total = batch.count();
    std::map<int64_t, std::vector<int64_t>> byClass;  // ordered by label: the tie-break order
    for (int64_t i = 0; i < total; ++i) byClass[batch.labels[size_t(i)]].push_back(i);

    std::vector<int64_t> chosen;
    if (count >= total) {
        for (int64_t i = 0; i < total; ++i) chosen.push_back(i);
    } else {
        // Largest remainder: floor(count * n_c / total), then +1 for the biggest fractions.
        struct Share {
            int64_t label, quota, remainder;
        };
        std::vector<Share> shares;
        int64_t assigned = 0;
        for (const auto& [label, members] : byClass) {
            const int64_t exact = count * int64_t(members.size());  // < 2^63 for any real batch
            shares.push_back({label, exact / total, exact % total});
            assigned += exact / total;
        }
        std::vector<size_t> order(shares.size());
        for (size_t k = 0; k < order.size(); ++k) order[k] = k;
        std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
            return shares[a].remainder > shares[b].remainder;
        });
        for (size_t k = 0; assigned < count; ++k, ++assigned) ++shares[order[k]].quota;

        Rng rng(seed);
        for (const Share& share : shares) {
            std::vector<int64_t> members = byClass[share.label];
            // Partial Fisher–Yates: the first `quota` slots become a uniform sample.
            for (int64_t k = 0; k < share.quota; ++k) {
                const int64_t j = rng.integer(k, int64_t(members.size()) - 1);
                std::swap(members[size_t(k)], members[size_t(j)]);
            }
            chosen.insert(chosen.end(), members.begin(), members.begin() + share.quota);
        }
        std::sort(chosen.begin(), chosen.end());
    }

    ImageBatch out;
    out.height = batch.height;
    out.width = batch.width;
    out.pixels.resize(size_t(int64_t(chosen.size()) * batch.imageBytes()));
    for (size_t k = 0; k < chosen.size(); ++k) {
        out.labels.push_back(batch.labels[size_t(chosen[k])]);
        std::memcpy(out.image(int64_t(k)), batch.image(chosen[k]), size_t(batch.imageBytes()));
    }
    return out;
}

}  // namespace ms::data
