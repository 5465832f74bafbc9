#pragma once
// Peak resident memory of a stretch of code, for the benchmarks: Linux resets the high-water
// mark (VmHWM) when "5" is written to /proc/self/clear_refs.
#include <cstdint>

namespace ms::cli {

int64_t residentBytes();  // VmRSS now
int64_t peakBytes();      // VmHWM since the last reset
void resetPeak();         // false-free no-op where the kernel does not allow it

}  // namespace ms::cli
