#pragma once
// The demo zoo's compact image shards: a safetensors file with `images` U8 [N, H, W, 3] (RGB) and
// `labels` I64 [N], class names in the metadata. Any safetensors tool can read them.
#include <string>
#include <vector>

#include "core/data/image_batch.h"

namespace ms::data {

void writeShard(const std::string& path, const ImageBatch& batch, const std::vector<std::string>& classNames);

// Validates shapes, dtypes and that every label is a valid class index.
ImageBatch readShard(const std::string& path, std::vector<std::string>* classNames = nullptr);

}  // namespace ms::data
