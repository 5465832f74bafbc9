#include "core/data/shard.h"

#include <cstring>

#include <nlohmann/json.hpp>

#include "core/io/safetensors.h"
#include "core/util/error.h"

namespace ms::data {

void writeShard(const std::string& path, const ImageBatch& batch, const std::vector<std::string>& classNames) {
    if (int64_t(batch.pixels.size()) != batch.count() * batch.imageBytes())
        throw Error(path, "cannot write shard: pixel buffer does not match the image count");
    const std::vector<io::TensorToWrite> tensors{
        {"images", io::DType::U8, {batch.count(), batch.height, batch.width, 3}, batch.pixels.data(),
         uint64_t(batch.pixels.size())},
        {"labels", io::DType::I64, {batch.count()}, batch.labels.data(), uint64_t(batch.labels.size() * 8)}};
    io::writeSafetensors(path, tensors,
                         {{"format", "mergescope-shard-1"}, {"class_names", nlohmann::json(classNames).dump()}});
}

ImageBatch readShard(const std::string& path, std::vector<std::string>* classNames) {
    const auto file = io::SafetensorsFile::open(path);
    const auto& images = file->at("images");
    const auto& labels = file->at("labels");
    if (images.dtype != io::DType::U8 || images.shape.size() != 4 || images.shape[3] != 3)
        throw Error(path, "'images' must be U8 [N, H, W, 3], found " + std::string(io::dtypeName(images.dtype)) + " " +
                              io::describeShape(images.shape));
    if (labels.dtype != io::DType::I64 || labels.shape.size() != 1 || labels.shape[0] != images.shape[0])
        throw Error(path, "'labels' must be I64 [N] with N = " + std::to_string(images.shape[0]) + ", found " +
                              io::dtypeName(labels.dtype) + " " + io::describeShape(labels.shape));
    // N = 0 gives an empty data range whatever H and W claim; an int must hold them all the same.
    constexpr int64_t kMaxSide = 1 << 16;
    if (images.shape[0] < 1 || images.shape[1] < 1 || images.shape[2] < 1 || images.shape[1] > kMaxSide ||
        images.shape[2] > kMaxSide)
        throw Error(path, "'images' " + io::describeShape(images.shape) +
                              " must hold at least one image of 1 to " + std::to_string(kMaxSide) +
                              " pixels a side");
    std::vector<std::string> names;
    if (auto it = file->metadata().find("class_names"); it != file->metadata().end()) {
        try {
            names = nlohmann::json::parse(it->second).get<std::vector<std::string>>();
        } catch (const nlohmann::json::exception& e) {
            throw Error(path, std::string("metadata 'class_names' is not a JSON list of strings: ") + e.what());
        }
    }
    ImageBatch batch;
    batch.height = int(images.shape[1]);
    batch.width = int(images.shape[2]);
    batch.labels.resize(size_t(labels.shape[0]));
    std::memcpy(batch.labels.data(), file->data(labels), labels.nbytes());
    batch.pixels.assign(file->data(images), file->data(images) + images.nbytes());
    for (int64_t label : batch.labels)
        if (label < 0 || (!names.empty() && label >= int64_t(names.size())))
            throw Error(path, "label " + std::to_string(label) + " is not a valid class index (" +
                                  std::to_string(names.size()) + " classes)");
    if (classNames) *classNames = std::move(names);
    return batch;
}

}  // namespace ms::data
