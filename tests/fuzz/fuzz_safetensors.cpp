// The safetensors reader (core/io/safetensors): header JSON, dtypes, shapes, offsets, metadata.
// Every tensor it accepts is read end to end, so an offset that points outside the map is an
// AddressSanitizer report, not a silent wrong number.
#include "core/io/safetensors.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string path = ms::fuzz::writeInput("input.safetensors", data, size);
    ms::fuzz::parsesOrRefuses(path, [&] {
        auto file = ms::io::SafetensorsFile::open(path);
        uint64_t checksum = 0;
        for (const auto& t : file->tensors()) {
            if (t.nbytes() != t.end - t.begin) ms::fuzz::fail("accepted a tensor whose byte range does not match its shape");
            const uint8_t* bytes = file->data(t);
            for (uint64_t i = 0; i < t.nbytes(); i += 4096) checksum += bytes[i];
            if (t.nbytes() > 0) checksum += bytes[t.nbytes() - 1];
            const auto* found = file->find(t.name);
            if (found == nullptr || (found != &t && found->begin != t.begin))
                ms::fuzz::fail("find() disagrees with tensors() for '" + t.name + "'");
        }
        for (const auto& [key, value] : file->metadata()) checksum += key.size() + value.size();
        volatile uint64_t sink = checksum;
        (void)sink;
    });
    return 0;
}
