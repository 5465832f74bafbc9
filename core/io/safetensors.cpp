#include "core/io/safetensors.h"

#include "core/util/atomic_file.h"
#include "core/util/error.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <limits>
#include <system_error>
#include <unordered_set>

// Tensor bytes are handed over as stored, and safetensors stores them little-endian.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "safetensors I/O assumes a little-endian host");

namespace ms::io {
namespace {

using nlohmann::json;

constexpr uint64_t kLengthFieldBytes = 8;
// Real headers are kilobytes; a larger length means the file is something else, and we
// should not try to parse (or allocate for) gigabytes of "JSON".
constexpr uint64_t kMaxHeaderBytes = 100ull * 1000 * 1000;
constexpr uint64_t kDataAlignment = 8;
constexpr const char* kMetadataKey = "__metadata__";
constexpr DType kAllDTypes[] = {DType::F64, DType::F32, DType::F16, DType::BF16, DType::I64,
                                DType::I32, DType::I16, DType::I8,  DType::U8,   DType::BOOL};

std::string errnoText(int error) { return std::generic_category().message(error); }

std::string quoted(const std::string& name) { return "'" + name + "'"; }

std::string supportedDTypeList() {
    std::string list;
    for (DType dtype : kAllDTypes) list += (list.empty() ? "" : ", ") + std::string(dtypeName(dtype));
    return list;
}

// Element count, or nullopt when it does not fit in int64 (what torch and numel() use).
std::optional<uint64_t> checkedElementCount(const std::vector<int64_t>& shape) {
    uint64_t count = 1;
    for (int64_t dim : shape) {
        if (dim < 0 || __builtin_mul_overflow(count, uint64_t(dim), &count)) return std::nullopt;
    }
    if (count > uint64_t(std::numeric_limits<int64_t>::max())) return std::nullopt;
    return count;
}

std::optional<uint64_t> checkedByteCount(const std::vector<int64_t>& shape, DType dtype) {
    const std::optional<uint64_t> count = checkedElementCount(shape);
    uint64_t bytes = 0;
    if (!count || __builtin_mul_overflow(*count, uint64_t(dtypeSize(dtype)), &bytes)) return std::nullopt;
    return bytes;
}

// A short rendering of a JSON value for messages. Only flat, short arrays are dumped in
// full: dump() recurses, and a hostile header may nest millions of levels deep.
std::string describeJsonValue(const json& value) {
    constexpr size_t kMaxChars = 80;
    const bool flatShortArray =
        value.is_array() && value.size() <= 8 &&
        std::all_of(value.begin(), value.end(), [](const json& item) { return item.is_primitive(); });
    if (!value.is_primitive() && !flatShortArray) return std::string("a JSON ") + value.type_name();
    const std::string text = value.dump();
    return text.size() <= kMaxChars ? text : text.substr(0, kMaxChars) + "...";
}

std::string jsonTypeWithArticle(const json& value) {
    const std::string type = value.type_name();
    if (value.is_null()) return "null";
    return (type == "object" || type == "array" ? "an " : "a ") + type;
}

// Closes the descriptor on every path out of mapFile(), exceptions included.
struct FileDescriptor {
    int fd = -1;
    ~FileDescriptor() {
        if (fd >= 0) ::close(fd);
    }
};

class HeaderEntryParser {
public:
    HeaderEntryParser(const std::string& path, uint64_t dataBufferBytes)
        : path_(path), dataBufferBytes_(dataBufferBytes) {}

    TensorInfo parse(const std::string& name, const json& entry) const {
        if (!entry.is_object())
            fail(name, "should be an object with \"dtype\", \"shape\" and \"data_offsets\", but it is " +
                           jsonTypeWithArticle(entry));
        TensorInfo tensor;
        tensor.name = name;
        tensor.dtype = parseDTypeField(name, field(name, entry, "dtype"));
        tensor.shape = parseShapeField(name, field(name, entry, "shape"));
        parseOffsetsField(name, field(name, entry, "data_offsets"), tensor);
        checkByteRange(tensor);
        return tensor;
    }

private:
    [[noreturn]] void fail(const std::string& name, const std::string& problem) const {
        throw Error(path_, "tensor " + quoted(name) + " " + problem);
    }

    const json& field(const std::string& name, const json& entry, const char* key) const {
        const auto it = entry.find(key);
        if (it == entry.end()) fail(name, std::string("has no \"") + key + "\" in the header");
        return *it;
    }

    DType parseDTypeField(const std::string& name, const json& value) const {
        if (!value.is_string())
            fail(name, "has a \"dtype\" that should be a string like \"F32\", but it is " + describeJsonValue(value));
        const std::string text = value.get<std::string>();
        const std::optional<DType> dtype = parseDType(text);
        if (!dtype)
            fail(name, "has dtype " + quoted(text) + ", which is not supported (supported: " +
                           supportedDTypeList() + ")");
        return *dtype;
    }

    std::vector<int64_t> parseShapeField(const std::string& name, const json& value) const {
        const auto isInteger = [](const json& item) { return item.is_number_integer(); };
        if (!value.is_array() || !std::all_of(value.begin(), value.end(), isInteger))
            fail(name, "has a \"shape\" that should be a list of integers, but it is " + describeJsonValue(value));
        std::vector<int64_t> shape;
        for (const json& item : value) {
            // Integers above int64's range arrive as unsigned; they can only overflow numel.
            if (item.is_number_unsigned() && item.get<uint64_t>() > uint64_t(std::numeric_limits<int64_t>::max()))
                fail(name, "has shape " + describeJsonValue(value) + " with more elements than fit in 64 bits");
            shape.push_back(item.get<int64_t>());
        }
        if (std::any_of(shape.begin(), shape.end(), [](int64_t dim) { return dim < 0; }))
            fail(name, "has a negative dimension in its shape " + describeShape(shape));
        if (!checkedElementCount(shape))
            fail(name, "has shape " + describeShape(shape) + " with more elements than fit in 64 bits");
        return shape;
    }

    void parseOffsetsField(const std::string& name, const json& value, TensorInfo& tensor) const {
        // Non-negative JSON integers parse as unsigned; negative ones and fractions do not.
        if (!value.is_array() || value.size() != 2 || !value[0].is_number_unsigned() || !value[1].is_number_unsigned())
            fail(name, "has \"data_offsets\" that should be two non-negative integers [begin, end], but it is " +
                           describeJsonValue(value));
        tensor.begin = value[0].get<uint64_t>();
        tensor.end = value[1].get<uint64_t>();
    }

    void checkByteRange(const TensorInfo& tensor) const {
        const std::string offsets = "[" + std::to_string(tensor.begin) + ", " + std::to_string(tensor.end) + "]";
        if (tensor.begin > tensor.end)
            fail(tensor.name, "has data_offsets " + offsets + " whose begin is after its end");
        if (tensor.end > dataBufferBytes_)
            throw Error(path_, "truncated file: tensor " + quoted(tensor.name) + " ends at byte " +
                                   std::to_string(tensor.end) + " of the data buffer, but the file holds only " +
                                   std::to_string(dataBufferBytes_) + " bytes of data after the header");
        const std::optional<uint64_t> needed = checkedByteCount(tensor.shape, tensor.dtype);
        if (!needed)
            fail(tensor.name, "has shape " + describeShape(tensor.shape) + " of " + dtypeName(tensor.dtype) +
                                  " whose byte size does not fit in 64 bits");
        if (tensor.end - tensor.begin != *needed)
            fail(tensor.name, "has " + std::to_string(tensor.end - tensor.begin) + " bytes of data (data_offsets " +
                                  offsets + "), but shape " + describeShape(tensor.shape) + " of " +
                                  dtypeName(tensor.dtype) + " needs " + std::to_string(*needed) + " bytes");
    }

    const std::string& path_;
    uint64_t dataBufferBytes_;
};

std::map<std::string, std::string> parseMetadata(const std::string& path, const json& value) {
    // Python's reader accepts null here (metadata is optional there), so we do too.
    if (value.is_null()) return {};
    if (!value.is_object())
        throw Error(path, "\"__metadata__\" should be an object of text values, but it is " + jsonTypeWithArticle(value));
    std::map<std::string, std::string> metadata;
    for (const auto& [key, item] : value.items()) {
        if (!item.is_string())
            throw Error(path, "\"__metadata__\" entry " + quoted(key) + " should be text, but it is " +
                                  jsonTypeWithArticle(item));
        metadata.emplace(key, item.get<std::string>());
    }
    return metadata;
}

// Expects tensors sorted by begin. Empty ranges share no bytes, so they never overlap.
void checkNoOverlap(const std::string& path, const std::vector<TensorInfo>& tensors) {
    const TensorInfo* furthest = nullptr;  // the earlier tensor reaching furthest into the buffer
    for (const TensorInfo& tensor : tensors) {
        if (tensor.begin == tensor.end) continue;
        if (furthest && tensor.begin < furthest->end)
            throw Error(path, "tensors " + quoted(furthest->name) + " and " + quoted(tensor.name) +
                                  " overlap: " + quoted(furthest->name) + " occupies bytes [" +
                                  std::to_string(furthest->begin) + ", " + std::to_string(furthest->end) +
                                  ") and " + quoted(tensor.name) + " bytes [" + std::to_string(tensor.begin) +
                                  ", " + std::to_string(tensor.end) + ") of the data buffer");
        if (!furthest || tensor.end > furthest->end) furthest = &tensor;
    }
}

}  // namespace

size_t dtypeSize(DType dtype) {
    switch (dtype) {
        case DType::F64: return 8;
        case DType::F32: return 4;
        case DType::F16: return 2;
        case DType::BF16: return 2;
        case DType::I64: return 8;
        case DType::I32: return 4;
        case DType::I16: return 2;
        case DType::I8: return 1;
        case DType::U8: return 1;
        case DType::BOOL: return 1;
    }
    return 0;
}

const char* dtypeName(DType dtype) {
    switch (dtype) {
        case DType::F64: return "F64";
        case DType::F32: return "F32";
        case DType::F16: return "F16";
        case DType::BF16: return "BF16";
        case DType::I64: return "I64";
        case DType::I32: return "I32";
        case DType::I16: return "I16";
        case DType::I8: return "I8";
        case DType::U8: return "U8";
        case DType::BOOL: return "BOOL";
    }
    return "?";
}

std::optional<DType> parseDType(const std::string& name) {
    for (DType dtype : kAllDTypes) {
        if (name == dtypeName(dtype)) return dtype;
    }
    return std::nullopt;
}

std::string describeShape(const std::vector<int64_t>& shape) {
    std::string text = "[";
    for (size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + "]";
}

int64_t TensorInfo::numel() const {
    int64_t count = 1;
    for (int64_t dim : shape) count *= dim;
    return count;
}

uint64_t TensorInfo::nbytes() const { return uint64_t(numel()) * dtypeSize(dtype); }

std::shared_ptr<const SafetensorsFile> SafetensorsFile::open(const std::string& path) {
    // Owned by the shared_ptr from the start, so a throw from parsing still unmaps.
    std::shared_ptr<SafetensorsFile> file(new SafetensorsFile(path));
    file->mapFile();
    file->parseHeader();
    return file;
}

SafetensorsFile::SafetensorsFile(const std::string& path) : path_(path) {}

SafetensorsFile::~SafetensorsFile() {
    if (map_) ::munmap(const_cast<uint8_t*>(map_), size_t(fileSize_));
}

void SafetensorsFile::mapFile() {
    FileDescriptor file{::open(path_.c_str(), O_RDONLY | O_CLOEXEC)};
    if (file.fd < 0) {
        const int error = errno;
        if (error == ENOENT) throw Error(path_, "file not found");
        throw Error(path_, "cannot open file (" + errnoText(error) + ")");
    }
    struct stat info {};
    if (::fstat(file.fd, &info) != 0) throw Error(path_, "cannot read file (" + errnoText(errno) + ")");
    if (S_ISDIR(info.st_mode)) throw Error(path_, "is a folder, not a safetensors file");
    if (!S_ISREG(info.st_mode)) throw Error(path_, "is not a regular file");

    fileSize_ = uint64_t(info.st_size);
    if (fileSize_ < kLengthFieldBytes)
        throw Error(path_, "not a safetensors file: it is only " + std::to_string(fileSize_) +
                               " bytes long, shorter than the 8-byte header length every safetensors file starts with");
    void* map = ::mmap(nullptr, size_t(fileSize_), PROT_READ, MAP_PRIVATE, file.fd, 0);
    if (map == MAP_FAILED) throw Error(path_, "cannot memory-map file (" + errnoText(errno) + ")");
    map_ = static_cast<const uint8_t*>(map);
}

void SafetensorsFile::parseHeader() {
    uint64_t headerBytes = 0;
    for (uint64_t i = 0; i < kLengthFieldBytes; ++i) headerBytes |= uint64_t(map_[i]) << (8 * i);
    const uint64_t bytesAfterLength = fileSize_ - kLengthFieldBytes;
    if (headerBytes == 0)
        throw Error(path_, "header length is 0; even a file without tensors has a JSON header \"{}\"");
    // Checked before truncation: a huge length usually means the file is not safetensors at all.
    if (headerBytes > kMaxHeaderBytes)
        throw Error(path_, "not a safetensors file: the header length field says " + std::to_string(headerBytes) +
                               " bytes, more than the 100 MB a real header could need");
    if (headerBytes > bytesAfterLength)
        throw Error(path_, "truncated file: header says " + std::to_string(headerBytes) +
                               " bytes of header but the file has only " + std::to_string(bytesAfterLength) +
                               " bytes after the length field");
    dataOffset_ = kLengthFieldBytes + headerBytes;

    const char* headerBegin = reinterpret_cast<const char*>(map_ + kLengthFieldBytes);
    json header;
    try {
        header = json::parse(headerBegin, headerBegin + headerBytes);
    } catch (const json::exception& e) {
        // Mostly parse_error, but a number too large for a double is an out_of_range error.
        throw Error(path_, std::string("header is not valid JSON: ") + e.what());
    }
    if (!header.is_object())
        throw Error(path_, "header should be a JSON object mapping tensor names to their entries, but it is " +
                               jsonTypeWithArticle(header));

    const HeaderEntryParser entryParser(path_, dataBufferBytes());
    for (const auto& [name, entry] : header.items()) {
        if (name == kMetadataKey)
            metadata_ = parseMetadata(path_, entry);
        else
            tensors_.push_back(entryParser.parse(name, entry));
    }
    std::sort(tensors_.begin(), tensors_.end(), [](const TensorInfo& a, const TensorInfo& b) {
        if (a.begin != b.begin) return a.begin < b.begin;
        if (a.end != b.end) return a.end < b.end;
        return a.name < b.name;
    });
    checkNoOverlap(path_, tensors_);
    for (size_t i = 0; i < tensors_.size(); ++i) indexByName_.emplace(tensors_[i].name, i);
}

const TensorInfo* SafetensorsFile::find(const std::string& name) const {
    const auto it = indexByName_.find(name);
    return it == indexByName_.end() ? nullptr : &tensors_[it->second];
}

const TensorInfo& SafetensorsFile::at(const std::string& name) const {
    const TensorInfo* tensor = find(name);
    if (!tensor) throw Error(path_, "missing tensor " + quoted(name));
    return *tensor;
}

const uint8_t* SafetensorsFile::data(const TensorInfo& tensor) const {
    // Guards against a TensorInfo from another file or edited by the caller.
    if (tensor.begin > tensor.end || tensor.end > dataBufferBytes())
        throw Error(path_, "tensor " + quoted(tensor.name) + " does not lie inside this file's data buffer");
    return map_ + dataOffset_ + tensor.begin;
}

void writeSafetensors(const std::string& path, const std::vector<TensorToWrite>& tensors,
                      const std::map<std::string, std::string>& metadata) {
    nlohmann::ordered_json header = nlohmann::ordered_json::object();
    if (!metadata.empty()) header[kMetadataKey] = metadata;

    std::unordered_set<std::string> names;
    uint64_t offset = 0;
    for (const TensorToWrite& tensor : tensors) {
        if (tensor.name == kMetadataKey)
            throw Error(path, "a tensor cannot be named \"__metadata__\": the format reserves that key");
        if (!names.insert(tensor.name).second) throw Error(path, "two tensors are named " + quoted(tensor.name));
        const std::optional<uint64_t> needed = checkedByteCount(tensor.shape, tensor.dtype);
        if (!needed)
            throw Error(path, "tensor " + quoted(tensor.name) + " has shape " + describeShape(tensor.shape) +
                                  ", which has a negative dimension or too many elements");
        if (*needed != tensor.nbytes)
            throw Error(path, "tensor " + quoted(tensor.name) + " comes with " + std::to_string(tensor.nbytes) +
                                  " bytes, but shape " + describeShape(tensor.shape) + " of " +
                                  dtypeName(tensor.dtype) + " needs " + std::to_string(*needed) + " bytes");
        if (tensor.nbytes > 0 && !tensor.data)
            throw Error(path, "tensor " + quoted(tensor.name) + " has no data");
        header[tensor.name] = {{"dtype", dtypeName(tensor.dtype)},
                               {"shape", tensor.shape},
                               {"data_offsets", {offset, offset + tensor.nbytes}}};
        offset += tensor.nbytes;
    }

    std::string headerText;
    try {
        headerText = header.dump();
    } catch (const nlohmann::json::exception& e) {
        // dump() refuses names and metadata that are not valid UTF-8.
        throw Error(path, std::string("cannot write the header: ") + e.what());
    }
    // Spaces are JSON whitespace, so readers ignore them; Python's safetensors pads the same way.
    const uint64_t misalignment = (kLengthFieldBytes + headerText.size()) % kDataAlignment;
    if (misalignment) headerText.append(size_t(kDataAlignment - misalignment), ' ');

    std::array<uint8_t, kLengthFieldBytes> lengthField;
    for (uint64_t i = 0; i < kLengthFieldBytes; ++i) lengthField[i] = uint8_t(uint64_t(headerText.size()) >> (8 * i));

    AtomicFile file(path);
    file.write(lengthField.data(), lengthField.size());
    file.write(headerText.data(), headerText.size());
    for (const TensorToWrite& tensor : tensors) {
        if (tensor.nbytes > 0) file.write(tensor.data, size_t(tensor.nbytes));
    }
    file.commit();
}

}  // namespace ms::io
