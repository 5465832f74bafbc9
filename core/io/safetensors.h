#pragma once
// Reads and writes Hugging Face safetensors files: an 8-byte little-endian header length N,
// N bytes of JSON header mapping each tensor name to {"dtype", "shape", "data_offsets"}
// (offsets relative to the data buffer that follows), an optional "__metadata__" object of
// strings, then the raw little-endian tensor bytes.
//
// The reader memory-maps the file and hands out pointers into the map, so a 350 MB checkpoint
// is never copied. Every offset and size is checked against the file before any pointer is
// handed out; a broken file is reported as an ms::Error naming the file and the problem.
//
//     auto file = ms::io::SafetensorsFile::open("vit_b32_cars.safetensors");
//     const auto& weight = file->at("visual.conv1.weight");
//     const uint8_t* bytes = file->data(weight);   // valid while `file` (or a copy) lives
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace ms::io {

enum class DType { F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL };

size_t dtypeSize(DType dtype);
// The name used in the file: "F32", "BF16", "BOOL", ...
const char* dtypeName(DType dtype);
// nullopt for a name this reader does not support (e.g. "F8_E4M3").
std::optional<DType> parseDType(const std::string& name);

// "[768, 3, 32, 32]"; "[]" for a scalar.
std::string describeShape(const std::vector<int64_t>& shape);

struct TensorInfo {
    std::string name;
    DType dtype = DType::F32;
    std::vector<int64_t> shape;
    // Byte range [begin, end) within the data buffer (not the file; see dataOffset()).
    uint64_t begin = 0, end = 0;

    int64_t numel() const;
    uint64_t nbytes() const;  // numel() * dtypeSize(dtype)
};

class SafetensorsFile {
public:
    // Throws ms::Error naming the path when the file is missing, unreadable or malformed.
    static std::shared_ptr<const SafetensorsFile> open(const std::string& path);
    ~SafetensorsFile();

    SafetensorsFile(const SafetensorsFile&) = delete;
    SafetensorsFile& operator=(const SafetensorsFile&) = delete;

    const std::string& path() const { return path_; }
    uint64_t fileSize() const { return fileSize_; }
    // Ascending by begin offset (ties by end, then name).
    const std::vector<TensorInfo>& tensors() const { return tensors_; }
    // nullptr when there is no tensor of that name.
    const TensorInfo* find(const std::string& name) const;
    // Throws ms::Error(path, "missing tensor 'name'").
    const TensorInfo& at(const std::string& name) const;
    // Points into the read-only map; valid as long as this object lives. No alignment beyond
    // what the file's offsets give is promised (files written by writeSafetensors() or Python's
    // safetensors start the data buffer 8-byte aligned).
    const uint8_t* data(const TensorInfo& tensor) const;
    const std::map<std::string, std::string>& metadata() const { return metadata_; }
    // Where the data buffer starts in the file: 8 + header length.
    uint64_t dataOffset() const { return dataOffset_; }

private:
    explicit SafetensorsFile(const std::string& path);
    void mapFile();
    void parseHeader();
    uint64_t dataBufferBytes() const { return fileSize_ - dataOffset_; }

    std::string path_;
    const uint8_t* map_ = nullptr;
    uint64_t fileSize_ = 0;
    uint64_t dataOffset_ = 0;
    std::vector<TensorInfo> tensors_;
    std::unordered_map<std::string, size_t> indexByName_;
    std::map<std::string, std::string> metadata_;
};

struct TensorToWrite {
    std::string name;
    DType dtype = DType::F32;
    std::vector<int64_t> shape;
    const void* data = nullptr;  // little-endian bytes, nbytes long
    uint64_t nbytes = 0;
};

// Writes through AtomicFile, so `path` is never left half-written. Header keys keep the given
// order (metadata first, when any); tensor bytes are laid out back to back in the given order,
// and the header is padded with spaces so the data buffer starts at an 8-byte aligned offset.
// Throws ms::Error naming the path when nbytes does not match a shape, a name repeats, or the
// file cannot be written.
void writeSafetensors(const std::string& path, const std::vector<TensorToWrite>& tensors,
                      const std::map<std::string, std::string>& metadata = {});

}  // namespace ms::io
