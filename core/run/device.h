#pragma once
// Device and thread settings shared by the CLI and the GUI.
#include <string>

#include <torch/types.h>

namespace ms {

// "cpu", "cuda", "cuda:1" or "auto" (CUDA when available). Throws ms::Error when CUDA is asked
// for and this LibTorch has none.
torch::Device parseDevice(const std::string& name);

// 0 means every core; MERGESCOPE_THREADS overrides when set (tests run with 1).
void setThreadCount(int threads);
int threadCount();

}  // namespace ms
