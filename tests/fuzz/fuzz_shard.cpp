// Image shards (core/data/shard): safetensors with `images` U8 [N, H, W, 3] and `labels` I64 [N]
// and class names in the metadata.
#include "core/data/shard.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string path = ms::fuzz::writeInput("shard.safetensors", data, size);
    ms::fuzz::parsesOrRefuses(path, [&] {
        std::vector<std::string> classNames;
        const auto batch = ms::data::readShard(path, &classNames);
        if (batch.pixels.size() != size_t(batch.count() * batch.imageBytes()))
            ms::fuzz::fail("a shard's pixels do not match its image count and size");
        for (int64_t label : batch.labels)
            if (label < 0 || (!classNames.empty() && label >= int64_t(classNames.size())))
                ms::fuzz::fail("accepted a label outside the class list: " + std::to_string(label));
    });
    return 0;
}
