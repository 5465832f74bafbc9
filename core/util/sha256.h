#pragma once
// SHA-256 of buffers and files. Recipes name the checkpoints they were made from by content
// hash, so a result can be traced to exact weights even after files are renamed or moved.
// Implemented here (FIPS 180-4) to keep core free of OpenSSL.
#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>

namespace ms {

class Sha256 {
public:
    Sha256();

    void update(const void* data, size_t n);

    // The hash of everything passed to update() so far. Does not disturb the state: more
    // update() calls may follow, and the digest can be read again.
    std::array<uint8_t, 32> digest() const;
    std::string hexDigest() const;

private:
    void compressBlock(const uint8_t* block);

    std::array<uint32_t, 8> state_;
    std::array<uint8_t, 64> pending_{};
    size_t pendingBytes_ = 0;
    uint64_t totalBytes_ = 0;
};

// Lower-case hex, 64 characters.
std::string sha256Hex(const void* data, size_t n);

// Streams the file in chunks, so a checkpoint of any size costs a fixed amount of memory.
// Throws ms::Error naming the path when the file cannot be read.
std::string sha256File(const std::string& path);

// sha256File(), remembered for the life of the process per file and checked against the file's
// device, inode, size, modification and status-change times, so a pool's checkpoints are hashed once however often
// recipes and views ask (a ViT-B/32 pool is 3 GB). Thread-safe. A file that changed is hashed again.
std::string sha256FileCached(const std::string& path);

// How many sha256FileCached() calls the cache has answered (for tests and diagnostics).
extern std::atomic<uint64_t> sha256CacheHitCount;

}  // namespace ms
