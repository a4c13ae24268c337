#include "burdenmap/io/PosixFile.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "burdenmap/core/Errors.h"
#include "burdenmap/io/AtomicOutput.h"

namespace burdenmap {

PosixFile::PosixFile(const std::filesystem::path& path, Mode mode, unsigned permissions) : path_(path) {
    const int access = mode == Mode::ReadWrite ? O_RDWR : O_WRONLY;
    fd_ = ::open(path.c_str(), access | O_CREAT | O_TRUNC | O_CLOEXEC, static_cast<mode_t>(permissions));
    if (fd_ < 0) throw OutputError(path_.string() + ": cannot be created: " + std::strerror(errno));
}

PosixFile::~PosixFile() {
    if (fd_ >= 0) ::close(fd_);
}

void PosixFile::write_all(const void* data, std::size_t size) {
    const auto* bytes = static_cast<const std::uint8_t*>(data);
    while (size > 0) {
        const ssize_t n = ::write(fd_, bytes, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0)
            throw OutputError(path_.string() + ": cannot be written: " + std::strerror(n < 0 ? errno : ENOSPC) +
                              AtomicOutput::disk_full_hint(path_.parent_path()));
        bytes += n;
        size -= static_cast<std::size_t>(n);
    }
}

void PosixFile::read_at(std::uint64_t offset, void* data, std::size_t size) const {
    auto* bytes = static_cast<std::uint8_t*>(data);
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::pread(fd_, bytes + done, size - done, static_cast<off_t>(offset + done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw OutputError(path_.string() + ": cannot be read back: " + std::strerror(n < 0 ? errno : EIO));
        done += static_cast<std::size_t>(n);
    }
}

void PosixFile::close() {
    const int fd = fd_;
    fd_ = -1;
    if (fd >= 0 && ::close(fd) != 0)
        throw OutputError(path_.string() + ": cannot be written: " + std::strerror(errno) +
                          AtomicOutput::disk_full_hint(path_.parent_path()));
}

}  // namespace burdenmap
