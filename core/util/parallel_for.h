#pragma once
// Splits [0, count) into `threads` contiguous ranges and runs `body(begin, end)` on each, on its
// own std::thread (inline when threads <= 1). The first exception any range throws is rethrown
// here after every thread has finished, so a failing image never leaves a thread running.
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace ms {

inline void parallelFor(int64_t count, int threads, const std::function<void(int64_t begin, int64_t end)>& body) {
    std::exception_ptr firstError;
    std::mutex errorMutex;
    auto guarded = [&](int64_t begin, int64_t end) {
        try {
            body(begin, end);
        } catch (...) {
            std::lock_guard<std::mutex> lock(errorMutex);
            if (!firstError) firstError = std::current_exception();
        }
    };
    if (threads <= 1 || count <= 1) {
        guarded(0, count);
    } else {
        std::vector<std::thread> workers;
        workers.reserve(size_t(threads));
        for (int t = 0; t < threads; ++t) workers.emplace_back(guarded, count * t / threads, count * (t + 1) / threads);
        for (auto& worker : workers) worker.join();
    }
    if (firstError) std::rethrow_exception(firstError);
}

}  // namespace ms
