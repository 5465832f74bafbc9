#pragma once
// Safetensors <-> LibTorch. Reading is zero-copy where the dtype and alignment allow it: the
// returned tensors point into the memory map and keep the file mapped while they live, so a
// 350 MB checkpoint is mapped once and never copied by the loader.
#include <map>
#include <string>
#include <vector>

#include <torch/types.h>

#include "core/io/safetensors.h"

namespace ms::model {

using TensorMap = std::map<std::string, torch::Tensor>;

// A read-only view of one tensor of an open file (dtype as stored). Do not write into it.
torch::Tensor viewTensor(const std::shared_ptr<const io::SafetensorsFile>& file,
                         const io::TensorInfo& info);

// Every tensor of the file, by name, as views.
TensorMap readAllTensors(const std::string& path, std::map<std::string, std::string>* metadata = nullptr);

// Writes the tensors (any supported dtype, any device; made contiguous on the CPU) atomically.
void writeTensors(const std::string& path, const std::vector<std::pair<std::string, torch::Tensor>>& tensors,
                  const std::map<std::string, std::string>& metadata = {});

// "" when every value of a floating-point tensor is finite; otherwise what is wrong, as in
// "holds 2 NaN and 1 infinite values (the first at flat index 17)". Integer tensors are always "".
std::string describeNonFinite(const torch::Tensor& tensor);

io::DType toFileDType(torch::ScalarType type);
torch::ScalarType toTorchDType(io::DType type);

}  // namespace ms::model
