#include "burdenmap/io/AtomicOutput.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "burdenmap/core/Errors.h"

namespace fs = std::filesystem;

namespace burdenmap {

namespace {

fs::path folder_of(const fs::path& file) {
    const fs::path parent = file.parent_path();
    return parent.empty() ? fs::path(".") : parent;
}

// Same folder as the final file, so the rename never crosses a file system; hidden, and tagged
// with the process id so two runs writing the same output do not share a temp file.
fs::path temp_name(const fs::path& final_path, const char* tag) {
    return folder_of(final_path) /
           ("." + final_path.filename().string() + "." + tag + "-" + std::to_string(::getpid()));
}

void create_folder(const fs::path& folder) {
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) throw OutputError("cannot create output folder " + folder.string() + ": " + ec.message());
    if (!fs::is_directory(folder, ec))
        throw OutputError("output folder " + folder.string() + " is not a folder");
}

// Creating and removing a file is the only test that holds everywhere: access(W_OK) says yes to
// root on a read-only folder and knows nothing of read-only or pseudo file systems (/proc).
void check_folder_writable(const fs::path& folder, const fs::path& final_path) {
    const fs::path probe = temp_name(final_path, "probe");
    const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        const int err = errno;
        throw OutputError("output folder " + folder.string() + " is not writable: " + std::strerror(err));
    }
    ::close(fd);
    std::error_code ec;
    fs::remove(probe, ec);
}

void check_target(const fs::path& final_path, bool overwrite) {
    std::error_code ec;
    const fs::file_status status = fs::symlink_status(final_path, ec);
    if (!fs::exists(status)) return;
    if (fs::is_directory(status))
        throw OutputError(final_path.string() + " is a folder; choose another output name");
    if (!overwrite) throw OutputError(final_path.string() + " exists; pass --overwrite to replace it");
}

void check(const fs::path& final_path, bool overwrite) {
    if (final_path.filename().empty()) throw OutputError("output path '" + final_path.string() + "' names no file");
    const fs::path folder = folder_of(final_path);
    create_folder(folder);
    check_target(final_path, overwrite);
    check_folder_writable(folder, final_path);
}

fs::path sidecar(const fs::path& file) { return fs::path(file.string() + ".aux.xml"); }

}  // namespace

AtomicOutput::AtomicOutput(fs::path final_path, bool overwrite)
    : final_(std::move(final_path)), temp_(temp_name(final_, "tmp")) {
    check(final_, overwrite);
}

AtomicOutput::~AtomicOutput() {
    if (committed_) return;
    std::error_code ec;
    fs::remove(temp_, ec);
    fs::remove(sidecar(temp_), ec);  // GDAL's PAM file, if the driver had to write one
}

void AtomicOutput::commit() {
    if (committed_) return;
    std::error_code ec;
    fs::rename(temp_, final_, ec);
    if (ec) throw OutputError("cannot move " + temp_.string() + " to " + final_.string() + ": " + ec.message());
    committed_ = true;
    // A GDAL sidecar belongs to the file it describes: move it along, and drop a stale one left by
    // the output this run replaced, which GDAL would otherwise read as describing the new file.
    fs::rename(sidecar(temp_), sidecar(final_), ec);
    if (ec) fs::remove(sidecar(final_), ec);
}

void AtomicOutput::check_writable(const fs::path& final_path, bool overwrite) { check(final_path, overwrite); }

}  // namespace burdenmap
