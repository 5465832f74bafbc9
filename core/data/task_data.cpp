#include "core/data/task_data.h"

#include <filesystem>

#include "core/data/image_folder.h"
#include "core/data/shard.h"
#include "core/util/error.h"

namespace ms::data {

ImageBatch loadTaskImages(const std::string& location, int imageSize, const std::vector<std::string>& expectedClasses,
                          std::vector<std::string>* classNames) {
    std::error_code ec;
    if (std::filesystem::is_directory(location, ec)) {
        const ImageFolder folder = scanImageFolder(location, expectedClasses);
        if (classNames) *classNames = folder.classNames;
        return loadImageFolder(folder, imageSize);
    }
    std::vector<std::string> names;
    ImageBatch batch = readShard(location, &names);
    if (!expectedClasses.empty() && !names.empty() && names != expectedClasses)
        throw Error(location, "the shard's class names differ from the task's (" + std::to_string(names.size()) +
                                  " vs " + std::to_string(expectedClasses.size()) + " classes)");
    const int64_t classes = int64_t(!expectedClasses.empty() ? expectedClasses.size() : names.size());
    for (int64_t label : batch.labels)
        if (classes > 0 && label >= classes)
            throw Error(location, "label " + std::to_string(label) + " is out of range for " + std::to_string(classes) +
                                      " classes");
    if (batch.height != imageSize || batch.width != imageSize)
        throw Error(location, "shard images are " + std::to_string(batch.height) + "x" + std::to_string(batch.width) +
                                  " but the model takes " + std::to_string(imageSize) + "x" + std::to_string(imageSize));
    if (classNames) *classNames = names;
    return batch;
}

}  // namespace ms::data
