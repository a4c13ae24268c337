#include "burdenmap/io/AtomicOutput.h"

#include <fcntl.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <system_error>

#include "burdenmap/core/Errors.h"
#include "burdenmap/core/PlainNumber.h"

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

namespace {

void rename_into_place(const fs::path& temp, const fs::path& final_path) {
    std::error_code ec;
    fs::rename(temp, final_path, ec);
    if (ec) throw OutputError("cannot move " + temp.string() + " to " + final_path.string() + ": " + ec.message());
    // A GDAL sidecar belongs to the file it describes: move it along, and drop a stale one left by
    // the output this run replaced, which GDAL would otherwise read as describing the new file.
    fs::rename(sidecar(temp), sidecar(final_path), ec);
    if (ec) fs::remove(sidecar(final_path), ec);
}

thread_local CommitGroup* active_group = nullptr;

}  // namespace

void AtomicOutput::commit() {
    if (committed_) return;
    if (CommitGroup* group = CommitGroup::active()) {
        group->pending_.emplace_back(temp_, final_);  // the group renames it, or removes it
        committed_ = true;
        return;
    }
    rename_into_place(temp_, final_);
    committed_ = true;
}

CommitGroup::CommitGroup() : previous_(active_group) { active_group = this; }

CommitGroup::~CommitGroup() {
    active_group = previous_;
    std::error_code ec;
    for (const auto& [temp, final_path] : pending_) {
        fs::remove(temp, ec);
        fs::remove(sidecar(temp), ec);
    }
}

CommitGroup* CommitGroup::active() { return active_group; }

void CommitGroup::commit_all() {
    while (!pending_.empty()) {
        const auto [temp, final_path] = pending_.front();
        rename_into_place(temp, final_path);
        pending_.erase(pending_.begin());
    }
}

fs::path CommitGroup::readable(const fs::path& final_path) {
    for (const CommitGroup* g = active_group; g; g = g->previous_)
        for (const auto& [temp, target] : g->pending_)
            if (target == final_path) return temp;
    return final_path;
}

void AtomicOutput::write_text(const fs::path& final_path, const std::string& text, bool overwrite) {
    AtomicOutput out(final_path, overwrite);
    {
        std::ofstream f(out.temp_path(), std::ios::binary);
        f << text;
        f.flush();
        if (!f) throw OutputError(final_path.string() + ": write failed" + disk_full_hint(out.temp_path().parent_path()));
    }
    out.commit();
}

void AtomicOutput::check_writable(const fs::path& final_path, bool overwrite) { check(final_path, overwrite); }

std::string AtomicOutput::disk_full_hint(const fs::path& folder) {
    struct statvfs vfs {};
    if (::statvfs(folder.c_str(), &vfs) == 0) {
        const double free_mb = double(vfs.f_bavail) * double(vfs.f_frsize) / 1e6;
        if (free_mb < 64) {
            return "; the disk holding " + folder.string() + " has only " + fixed_number(free_mb, 1) + " MB free";
        }
    }
    // Free space is not the only limit (quotas, file-size limits): try to write 1 MB.
    const fs::path probe = temp_name(folder / "space", "probe");
    const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return "";
    const std::string block(1 << 20, '\0');
    std::size_t done = 0;
    int err = 0;
    while (done < block.size()) {  // a short write is followed by one that says why
        const ssize_t n = ::write(fd, block.data() + done, block.size() - done);
        if (n <= 0) {
            err = n < 0 ? errno : ENOSPC;
            break;
        }
        done += static_cast<std::size_t>(n);
    }
    ::close(fd);
    std::error_code ec;
    fs::remove(probe, ec);
    if (done == block.size()) return "";
    return std::string("; the disk refuses more data (") + std::strerror(err) + "): free some space or choose another --output-dir";
}

}  // namespace burdenmap
