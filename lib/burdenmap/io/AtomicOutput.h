#pragma once
// Temp-then-rename for every output file: the final name only ever appears complete. A file under
// construction lives at "<dir>/.<name>.tmp-<pid>" and is removed if the run fails or is cancelled.
#include <filesystem>
#include <string>

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
    // Renames the temp file over the final name (atomic on one file system).
    void commit();
    bool committed() const { return committed_; }

    // Checks, without creating anything but the folder, that `final_path` may be written;
    // used to refuse a run up front rather than after minutes of work.
    static void check_writable(const std::filesystem::path& final_path, bool overwrite);

private:
    std::filesystem::path final_;
    std::filesystem::path temp_;
    bool committed_ = false;
};

}  // namespace burdenmap
