#pragma once
// An image-folder dataset: one sub-folder per class, class names sorted as the folder names sort
// (the torchvision ImageFolder convention, so labels agree with models trained on it).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/data/image_batch.h"

namespace ms::data {

struct ImageFolder {
    std::string root;
    std::vector<std::string> classNames;
    std::vector<std::string> files;  // absolute paths
    std::vector<int64_t> labels;
};

// Lists the classes and files without decoding anything. Throws ms::Error when the root is
// missing, has no class folders, a class folder holds no image, or holds a file that is not an
// image (hidden files are skipped). With `expectedClasses`, the folder names must match it.
ImageFolder scanImageFolder(const std::string& root, const std::vector<std::string>& expectedClasses = {});

// Decodes every image (errors name the file), applies CLIP's resize and centre crop to `size`.
// `progress(done, total)` is called now and then.
ImageBatch loadImageFolder(const ImageFolder& folder, int size,
                           const std::function<void(int64_t, int64_t)>& progress = {});

// Decodes every file and returns one "path: problem" line per file that cannot be read (in
// folder order), so a dataset can be checked in full before anything is trained or scored on it.
std::vector<std::string> findUnreadableImages(const ImageFolder& folder,
                                              const std::function<void(int64_t, int64_t)>& progress = {});

}  // namespace ms::data
