#pragma once
// Results are never half-written: a crash, a full disk or an exception while saving leaves
// either the old file or the new one, never a truncated mix that a later run would trust.
// The bytes go to a temporary file beside the target, which is renamed over it only once
// everything is written and flushed to disk.
#include <cstddef>
#include <string>

namespace ms {

class AtomicFile {
public:
    // Creates missing parent folders and the temporary file "<path>.tmp-<pid>-<counter>".
    // Throws ms::Error naming `path` when either cannot be created.
    explicit AtomicFile(const std::string& path);
    // Without commit(), the temporary file is removed and `path` keeps its old content.
    ~AtomicFile();

    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    void write(const void* data, size_t n);
    // Flushes to disk and renames onto `path`. Throws if a write failed or on a second call.
    void commit();

    const std::string& path() const { return path_; }
    const std::string& temporaryPath() const { return temporaryPath_; }

private:
    void discard() noexcept;

    std::string path_;
    std::string temporaryPath_;
    int fd_ = -1;
    bool committed_ = false;
    bool failed_ = false;
};

void writeFileAtomically(const std::string& path, const std::string& bytes);

// The whole file as bytes; ms::Error(path, "cannot read file") when it cannot be opened.
std::string readWholeFile(const std::string& path);

}  // namespace ms
