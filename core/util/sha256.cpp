#include "core/util/sha256.h"

#include "core/util/error.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <atomic>
#include <map>
#include <mutex>
#include <system_error>
#include <vector>

namespace ms {
namespace {

constexpr std::array<uint32_t, 64> kRoundConstants = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

constexpr std::array<uint32_t, 8> kInitialState = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

// Large enough that syscalls are not the bottleneck, small enough to sit in L2.
constexpr size_t kFileChunkBytes = 1 << 20;

uint32_t rotateRight(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

uint32_t loadBigEndian(const uint8_t* p) {
    return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3]);
}

std::string errnoText(int error) { return std::generic_category().message(error); }

// Closes the descriptor on every path out of sha256File, exceptions included.
struct FileDescriptor {
    int fd = -1;
    ~FileDescriptor() {
        if (fd >= 0) ::close(fd);
    }
};

}  // namespace

Sha256::Sha256() : state_(kInitialState) {}

void Sha256::update(const void* data, size_t n) {
    if (n == 0) return;
    auto* bytes = static_cast<const uint8_t*>(data);
    totalBytes_ += n;

    if (pendingBytes_ > 0) {
        const size_t take = std::min(n, pending_.size() - pendingBytes_);
        std::memcpy(pending_.data() + pendingBytes_, bytes, take);
        pendingBytes_ += take;
        bytes += take;
        n -= take;
        if (pendingBytes_ < pending_.size()) return;
        compressBlock(pending_.data());
        pendingBytes_ = 0;
    }
    for (; n >= 64; bytes += 64, n -= 64) compressBlock(bytes);
    if (n > 0) {
        std::memcpy(pending_.data(), bytes, n);
        pendingBytes_ = n;
    }
}

void Sha256::compressBlock(const uint8_t* block) {
    std::array<uint32_t, 64> w;
    for (int i = 0; i < 16; ++i) w[i] = loadBigEndian(block + 4 * i);
    for (int i = 16; i < 64; ++i) {
        const uint32_t s0 = rotateRight(w[i - 15], 7) ^ rotateRight(w[i - 15], 18) ^ (w[i - 15] >> 3);
        const uint32_t s1 = rotateRight(w[i - 2], 17) ^ rotateRight(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }

    uint32_t a = state_[0], b = state_[1], c = state_[2], d = state_[3];
    uint32_t e = state_[4], f = state_[5], g = state_[6], h = state_[7];
    for (int i = 0; i < 64; ++i) {
        const uint32_t sum1 = rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25);
        const uint32_t choose = (e & f) ^ (~e & g);
        const uint32_t t1 = h + sum1 + choose + kRoundConstants[i] + w[i];
        const uint32_t sum0 = rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22);
        const uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
        const uint32_t t2 = sum0 + majority;
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    state_[0] += a;
    state_[1] += b;
    state_[2] += c;
    state_[3] += d;
    state_[4] += e;
    state_[5] += f;
    state_[6] += g;
    state_[7] += h;
}

std::array<uint8_t, 32> Sha256::digest() const {
    // Padding is applied to a copy so the caller can keep feeding this object.
    Sha256 tail = *this;
    const uint64_t bitLength = totalBytes_ * 8;
    const uint8_t marker = 0x80;
    tail.update(&marker, 1);
    // Pad with zeros until 8 bytes remain in the block, for the length.
    const std::array<uint8_t, 64> zeros{};
    tail.update(zeros.data(), (64 + 56 - tail.pendingBytes_) % 64);
    std::array<uint8_t, 8> lengthField;
    for (int i = 0; i < 8; ++i) lengthField[i] = uint8_t(bitLength >> (56 - 8 * i));
    tail.update(lengthField.data(), lengthField.size());

    std::array<uint8_t, 32> out;
    for (int i = 0; i < 8; ++i) {
        out[4 * i + 0] = uint8_t(tail.state_[i] >> 24);
        out[4 * i + 1] = uint8_t(tail.state_[i] >> 16);
        out[4 * i + 2] = uint8_t(tail.state_[i] >> 8);
        out[4 * i + 3] = uint8_t(tail.state_[i]);
    }
    return out;
}

std::string Sha256::hexDigest() const {
    static const char kHexDigits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(64);
    for (uint8_t byte : digest()) {
        hex.push_back(kHexDigits[byte >> 4]);
        hex.push_back(kHexDigits[byte & 0xf]);
    }
    return hex;
}

std::string sha256Hex(const void* data, size_t n) {
    Sha256 hash;
    hash.update(data, n);
    return hash.hexDigest();
}

std::string sha256File(const std::string& path) {
    FileDescriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
    if (file.fd < 0) {
        const int error = errno;
        if (error == ENOENT) throw Error(path, "file not found");
        throw Error(path, "cannot read file (" + errnoText(error) + ")");
    }
    struct stat info {};
    if (::fstat(file.fd, &info) != 0) throw Error(path, "cannot read file (" + errnoText(errno) + ")");
    if (S_ISDIR(info.st_mode)) throw Error(path, "is a folder, not a file");

    Sha256 hash;
    std::vector<uint8_t> chunk(kFileChunkBytes);
    for (;;) {
        const ssize_t got = ::read(file.fd, chunk.data(), chunk.size());
        if (got < 0) {
            if (errno == EINTR) continue;
            throw Error(path, "cannot read file (" + errnoText(errno) + ")");
        }
        if (got == 0) break;
        hash.update(chunk.data(), size_t(got));
    }
    return hash.hexDigest();
}

std::atomic<uint64_t> sha256CacheHitCount{0};

std::string sha256FileCached(const std::string& path) {
    struct Stamp {
        dev_t device;
        ino_t inode;
        off_t size;
        int64_t modifiedNs;
        int64_t changedNs;  // ctime: moves on every write and cannot be set back by tools (cp -p, tar)
        bool operator==(const Stamp& o) const {
            return device == o.device && inode == o.inode && size == o.size && modifiedNs == o.modifiedNs &&
                   changedNs == o.changedNs;
        }
    };
    auto stampOf = [&](Stamp& stamp) {
        struct stat info {};
        if (::stat(path.c_str(), &info) != 0 || S_ISDIR(info.st_mode)) return false;
        stamp = {info.st_dev, info.st_ino, info.st_size, int64_t(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec,
                 int64_t(info.st_ctim.tv_sec) * 1000000000 + info.st_ctim.tv_nsec};
        return true;
    };
    static std::mutex mutex;
    static std::map<std::string, std::pair<Stamp, std::string>> cache;
    Stamp before{};
    if (!stampOf(before)) return sha256File(path);  // throws the right message
    {
        std::lock_guard<std::mutex> lock(mutex);
        if (auto it = cache.find(path); it != cache.end() && it->second.first == before) {
            ++sha256CacheHitCount;
            return it->second.second;
        }
    }
    std::string hash = sha256File(path);
    Stamp after{};
    // Remember it only when the file did not change while it was read.
    if (stampOf(after) && after == before) {
        std::lock_guard<std::mutex> lock(mutex);
        cache[path] = {before, hash};
    }
    return hash;
}

}  // namespace ms
