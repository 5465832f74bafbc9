#pragma once
// A task's labelled images from either form a pool may name: a shard file (.safetensors) or an
// image folder (one sub-folder per class), brought to the model's input size.
#include <string>
#include <vector>

#include "core/data/image_batch.h"

namespace ms::data {

// `imageSize` is the model's crop size; image folders are resized and centre-cropped to it, shards
// must already hold images of that size. `expectedClasses` (may be empty)
// is checked against the shard's or folder's class names. Errors name the file.
ImageBatch loadTaskImages(const std::string& location, int imageSize,
                          const std::vector<std::string>& expectedClasses = {},
                          std::vector<std::string>* classNames = nullptr);

}  // namespace ms::data
