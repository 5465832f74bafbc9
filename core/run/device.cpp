#include "core/run/device.h"

#include <cstdlib>
#include <thread>

#include <torch/torch.h>

#include "core/util/error.h"

namespace ms {

torch::Device parseDevice(const std::string& name) {
    if (name.empty() || name == "auto") return torch::cuda::is_available() ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
    if (name == "cpu") return torch::kCPU;
    if (name.rfind("cuda", 0) == 0) {
        if (!torch::cuda::is_available())
            throw Error("--device " + name + ": this build of LibTorch has no CUDA, or no GPU is visible (use --device cpu)");
        try {
            return torch::Device(name);
        } catch (const c10::Error&) {
            throw Error("--device " + name + " is not a valid device name");
        }
    }
    throw Error("unknown device '" + name + "' (use cpu, cuda, cuda:N or auto)");
}

void setThreadCount(int threads) {
    if (const char* env = std::getenv("MERGESCOPE_THREADS"); env && *env) threads = std::atoi(env);
    if (threads <= 0) threads = int(std::max(1u, std::thread::hardware_concurrency()));
    torch::set_num_threads(threads);
}

int threadCount() { return torch::get_num_threads(); }

}  // namespace ms
