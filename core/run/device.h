#pragma once
// Device choice shared by the CLI and the GUI.
#include <string>

#include <torch/types.h>

#include "core/run/threads.h"

namespace ms {

// "cpu", "cuda", "cuda:1" or "auto" (CUDA when available). Throws ms::Error when CUDA is asked
// for and this LibTorch has none.
torch::Device parseDevice(const std::string& name);

}  // namespace ms
