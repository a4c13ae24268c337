#pragma once
// Temp-then-rename for every output file: the final name only ever appears complete. A file under
// construction lives at "<dir>/.<name>.tmp-<pid>" and is removed if the run fails or is cancelled.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace burdenmap {

class AtomicOutput {
public:
    // Throws OutputError when `final_path` exists and !overwrite (the message says to pass
    // --overwrite), or when its folder cannot be created or written to (naming the folder).
    AtomicOutput(std::filesystem::path final_path, bool overwrite);
    ~AtomicOutput();  // removes the temp file unless commit() succeeded
    AtomicOutput(const AtomicOutput&) = delete;
    AtomicOutput& operator=(const AtomicOutput&) = delete;

    const std::filesystem::path& temp_path() const { return temp_; }
    const std::filesystem::path& final_path() const { return final_; }
    // Renames the temp file over the final name (atomic on one file system). While a CommitGroup
    // is alive on this thread, the file is only handed to the group, which renames it later.
    void commit();
    bool committed() const { return committed_; }

    // Checks, without creating anything but the folder, that `final_path` may be written;
    // used to refuse a run up front rather than after minutes of work.
    static void check_writable(const std::filesystem::path& final_path, bool overwrite);

    // Writes `text` to `final_path` through a temp file (a small output: run.json, a .qml style,
    // report.html); throws OutputError naming the file, and saying when the disk is full.
    static void write_text(const std::filesystem::path& final_path, const std::string& text, bool overwrite);

    // After a failed write into `folder`: "; <why>" when the disk looks full (little free space,
    // or a 1 MB probe write is refused, e.g. "No space left on device"), else "". GDAL's own
    // messages for a full disk rarely say so.
    static std::string disk_full_hint(const std::filesystem::path& folder);

private:
    std::filesystem::path final_;
    std::filesystem::path temp_;
    bool committed_ = false;
};

// All or nothing for a run's outputs: while a CommitGroup lives on a thread, AtomicOutput::commit()
// on that thread hands the finished temp file to the group instead of renaming it. commit_all()
// renames them all, in the order they were committed, once the last one is complete; if the group
// dies first (an error, a cancel), it removes their temp files. So a failed run leaves neither a
// new output nor a temp file, and outputs it would have replaced stay as they were.
class CommitGroup {
public:
    CommitGroup();
    ~CommitGroup();
    CommitGroup(const CommitGroup&) = delete;
    CommitGroup& operator=(const CommitGroup&) = delete;

    void commit_all();
    // The name to read an output by before commit_all(): its temp name while it is pending in this
    // thread's group, else `final_path` itself.
    static std::filesystem::path readable(const std::filesystem::path& final_path);

private:
    friend class AtomicOutput;
    static CommitGroup* active();
    std::vector<std::pair<std::filesystem::path, std::filesystem::path>> pending_;  // temp, final
    CommitGroup* previous_ = nullptr;
};

}  // namespace burdenmap
