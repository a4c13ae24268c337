#pragma once
// A file written (and read back) through a plain descriptor, for the outputs we lay out byte by
// byte ourselves (the COG's tile store and the COG): every write whole or an OutputError naming
// the file, with AtomicOutput's hint when the disk is full; interrupted calls retried.
#include <cstddef>
#include <cstdint>
#include <filesystem>

namespace burdenmap {

class PosixFile {
public:
    enum class Mode { WriteOnly, ReadWrite };
    // Created or truncated; `permissions` as for open(2).
    PosixFile(const std::filesystem::path& path, Mode mode, unsigned permissions);
    ~PosixFile();  // closes, ignoring errors: close() is where they count
    PosixFile(const PosixFile&) = delete;
    PosixFile& operator=(const PosixFile&) = delete;

    // Appends at the current position.
    void write_all(const void* data, std::size_t size);
    // Reads `size` bytes at `offset` (the file must hold them).
    void read_at(std::uint64_t offset, void* data, std::size_t size) const;
    // Closes, throwing when the last writes fail there (some file systems report them only then).
    void close();
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
    int fd_ = -1;
};

}  // namespace burdenmap
