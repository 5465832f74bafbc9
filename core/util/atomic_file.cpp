#include "core/util/atomic_file.h"

#include "core/util/error.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <filesystem>
#include <system_error>

namespace ms {
namespace {

std::string errnoText(int error) { return std::generic_category().message(error); }

// pid plus a per-process counter: two processes, or two threads of one, saving the same
// path at once each get their own temporary file.
std::string makeTemporaryPath(const std::string& path) {
    static std::atomic<unsigned long long> counter{0};
    return path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
}

void createParentFolders(const std::string& path) {
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (parent.empty()) return;
    std::error_code error;
    std::filesystem::create_directories(parent, error);
    if (error)
        throw Error(path, "cannot create folder '" + parent.string() + "' (" + error.message() + ")");
}

// Makes the rename itself survive a power cut. Best effort: some file systems refuse to
// fsync a folder, and the data is already safe by then.
void syncParentFolder(const std::string& path) {
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (parent.empty()) parent = ".";
    const int fd = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

AtomicFile::AtomicFile(const std::string& path) : path_(path), temporaryPath_(makeTemporaryPath(path)) {
    createParentFolders(path_);
    fd_ = ::open(temporaryPath_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd_ < 0)
        throw Error(path_, "cannot create temporary file '" + temporaryPath_ + "' (" + errnoText(errno) + ")");
}

AtomicFile::~AtomicFile() {
    if (!committed_) discard();
}

void AtomicFile::write(const void* data, size_t n) {
    if (committed_ || fd_ < 0) throw Error(path_, "cannot write: the file is already committed or closed");
    auto* bytes = static_cast<const char*>(data);
    while (n > 0) {
        const ssize_t written = ::write(fd_, bytes, n);
        if (written < 0) {
            if (errno == EINTR) continue;
            failed_ = true;
            throw Error(path_, "cannot write (" + errnoText(errno) + ")");
        }
        bytes += written;
        n -= size_t(written);
    }
}

void AtomicFile::commit() {
    if (committed_ || fd_ < 0) throw Error(path_, "cannot commit: the file is already committed or closed");
    if (failed_) throw Error(path_, "cannot commit: an earlier write failed");
    // Data must reach the disk before the rename does, or a crash could leave `path`
    // pointing at an empty file.
    if (::fsync(fd_) != 0) throw Error(path_, "cannot flush to disk (" + errnoText(errno) + ")");
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) throw Error(path_, "cannot close (" + errnoText(errno) + ")");
    if (std::rename(temporaryPath_.c_str(), path_.c_str()) != 0)
        throw Error(path_, "cannot replace file (" + errnoText(errno) + ")");
    committed_ = true;
    syncParentFolder(path_);
}

void AtomicFile::discard() noexcept {
    if (fd_ >= 0) {
        ::close(fd_);
        fd_ = -1;
    }
    ::unlink(temporaryPath_.c_str());
}

void writeFileAtomically(const std::string& path, const std::string& bytes) {
    AtomicFile file(path);
    file.write(bytes.data(), bytes.size());
    file.commit();
}

std::string readWholeFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path, "cannot read file");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace ms
