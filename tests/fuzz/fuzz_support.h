#pragma once
// What every harness shares. Each input is written to a file and the parser is given its path, as a
// user's file would be: the parsers read files (memory-mapped safetensors, OpenCV's decoders), and
// the file is what their messages must name.
//
// The contract each harness checks: a parser either succeeds or throws ms::Error whose message
// names the file. Any other exception escaping (std::bad_alloc, a JSON library error, out_of_range)
// reaches libFuzzer as a crash, and so do a message without the path, a sanitizer report and a leak.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/util/error.h"

namespace ms::fuzz {

// A private folder for this process, in memory where the system has one (/dev/shm).
inline const std::filesystem::path& scratchFolder() {
    static const std::filesystem::path folder = [] {
        std::error_code ec;
        std::filesystem::path base = std::filesystem::is_directory("/dev/shm", ec)
                                         ? std::filesystem::path("/dev/shm")
                                         : std::filesystem::temp_directory_path();
        auto dir = base / ("mergescope-fuzz-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        std::atexit([] { std::error_code ignored; std::filesystem::remove_all(scratchFolder(), ignored); });
        return dir;
    }();
    return folder;
}

inline std::string writeInput(const std::string& name, const uint8_t* data, size_t size) {
    const std::string path = (scratchFolder() / name).string();
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
    return path;
}

[[noreturn]] inline void fail(const std::string& what) {
    std::fprintf(stderr, "\nFUZZ CONTRACT BROKEN: %s\n", what.c_str());
    std::abort();
}

// Runs `parse`; an ms::Error is a clean refusal and must name `path`.
template <class Parse>
bool parsesOrRefuses(const std::string& path, Parse&& parse) {
    try {
        parse();
        return true;
    } catch (const ms::Error& e) {
        if (std::string(e.what()).find(path) == std::string::npos)
            fail("the message does not name the file " + path + ": " + e.what());
        return false;
    }
}

}  // namespace ms::fuzz
