#pragma once
// Compute threads, a user setting (CLI --threads, GUI --threads). Torch-free header.

namespace ms {

// 0 means every core; MERGESCOPE_THREADS overrides when set (tests run with 1).
void setThreadCount(int threads);
int threadCount();

}  // namespace ms
