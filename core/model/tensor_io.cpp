#include "core/model/tensor_io.h"

#include <torch/torch.h>

#include "core/util/error.h"

namespace ms::model {

io::DType toFileDType(torch::ScalarType type) {
    switch (type) {
        case torch::kFloat64: return io::DType::F64;
        case torch::kFloat32: return io::DType::F32;
        case torch::kFloat16: return io::DType::F16;
        case torch::kBFloat16: return io::DType::BF16;
        case torch::kInt64: return io::DType::I64;
        case torch::kInt32: return io::DType::I32;
        case torch::kInt16: return io::DType::I16;
        case torch::kInt8: return io::DType::I8;
        case torch::kUInt8: return io::DType::U8;
        case torch::kBool: return io::DType::BOOL;
        default: throw Error(std::string("tensor dtype ") + c10::toString(type) + " cannot be saved as safetensors");
    }
}

torch::ScalarType toTorchDType(io::DType type) {
    switch (type) {
        case io::DType::F64: return torch::kFloat64;
        case io::DType::F32: return torch::kFloat32;
        case io::DType::F16: return torch::kFloat16;
        case io::DType::BF16: return torch::kBFloat16;
        case io::DType::I64: return torch::kInt64;
        case io::DType::I32: return torch::kInt32;
        case io::DType::I16: return torch::kInt16;
        case io::DType::I8: return torch::kInt8;
        case io::DType::U8: return torch::kUInt8;
        case io::DType::BOOL: return torch::kBool;
    }
    throw Error("unknown safetensors dtype");
}

std::string describeNonFinite(const torch::Tensor& tensor) {
    if (!tensor.is_floating_point() || tensor.numel() == 0) return "";
    const auto bad = torch::logical_not(torch::isfinite(tensor)).reshape(-1);
    if (!bad.any().item<bool>()) return "";
    const int64_t nans = torch::isnan(tensor).sum().item<int64_t>();
    const int64_t infinite = bad.sum().item<int64_t>() - nans;
    const int64_t first = bad.nonzero().index({0, 0}).item<int64_t>();
    return "holds " + std::to_string(nans) + " NaN and " + std::to_string(infinite) +
           " infinite values (the first at flat index " + std::to_string(first) + ")";
}

torch::Tensor viewTensor(const std::shared_ptr<const io::SafetensorsFile>& file, const io::TensorInfo& info) {
    const auto type = toTorchDType(info.dtype);
    auto* data = const_cast<uint8_t*>(file->data(info));
    const auto options = torch::TensorOptions().dtype(type);
    const size_t alignment = io::dtypeSize(info.dtype);
    if (info.nbytes() == 0) return torch::empty(info.shape, options);
    if (reinterpret_cast<uintptr_t>(data) % alignment != 0)  // misaligned: one copy is unavoidable
        return torch::from_blob(data, info.shape, options).clone();
    auto keepAlive = file;  // the deleter owns a reference: the map lives as long as the tensor
    return torch::from_blob(data, info.shape, [keepAlive](void*) mutable { keepAlive.reset(); }, options);
}

TensorMap readAllTensors(const std::string& path, std::map<std::string, std::string>* metadata) {
    const auto file = io::SafetensorsFile::open(path);
    TensorMap tensors;
    for (const auto& info : file->tensors()) tensors.emplace(info.name, viewTensor(file, info));
    if (metadata) *metadata = file->metadata();
    return tensors;
}

void writeTensors(const std::string& path, const std::vector<std::pair<std::string, torch::Tensor>>& tensors,
                  const std::map<std::string, std::string>& metadata) {
    std::vector<torch::Tensor> keep;  // contiguous CPU copies must outlive the write
    std::vector<io::TensorToWrite> items;
    keep.reserve(tensors.size());
    items.reserve(tensors.size());
    for (const auto& [name, tensor] : tensors) {
        keep.push_back(tensor.detach().to(torch::kCPU).contiguous());
        const auto& t = keep.back();
        items.push_back({name, toFileDType(t.scalar_type()),
                         std::vector<int64_t>(t.sizes().begin(), t.sizes().end()), t.data_ptr(),
                         uint64_t(t.numel()) * t.element_size()});
    }
    io::writeSafetensors(path, items, metadata);
}

}  // namespace ms::model
