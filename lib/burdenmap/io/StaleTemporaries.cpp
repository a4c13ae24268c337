#include "burdenmap/io/StaleTemporaries.h"

#include <signal.h>

#include <algorithm>
#include <cerrno>
#include <map>
#include <set>
#include <string>
#include <system_error>

namespace fs = std::filesystem;

namespace burdenmap {
namespace {

// The tags of AtomicOutput (tmp, probe) and GeoTiffWriter (tiled, with its COG tile store
// ".tiles"), and what GDAL and SQLite add to a file's name while writing it.
const char* const kTags[] = {"tmp", "tiled", "probe"};
const std::set<std::string> kCompanions{"", ".aux.xml", ".ovr.tmp", ".msk.ovr.tmp", ".tiles", "-journal", "-wal", "-shm"};

// The PID of `file` when it is a temporary of output `name` (".NAME.TAG-PID[COMPANION]"), else 0.
long temporary_pid(const std::string& file, const std::string& name) {
    const std::string prefix = "." + name + ".";
    if (file.compare(0, prefix.size(), prefix) != 0) return 0;
    const std::string rest = file.substr(prefix.size());
    for (const std::string tag : kTags) {
        if (rest.compare(0, tag.size() + 1, tag + "-") != 0) continue;
        std::size_t end = tag.size() + 1, digits = 0;
        while (end < rest.size() && digits < 10 && rest[end] >= '0' && rest[end] <= '9') ++end, ++digits;
        // A PID is written without leading zeros: anything else is not a name we made.
        if (digits == 0 || rest[tag.size() + 1] == '0' || !kCompanions.count(rest.substr(end))) return 0;
        return std::stol(rest.substr(tag.size() + 1, digits));
    }
    return 0;
}

bool process_gone(long pid) {
    if (pid <= 0 || pid > 0x7fffffffL) return false;
    return ::kill(static_cast<pid_t>(pid), 0) == -1 && errno == ESRCH;  // EPERM: alive, another user's
}

}  // namespace

std::vector<Diagnostic> remove_stale_temporaries(const std::vector<fs::path>& outputs) {
    std::map<fs::path, std::set<std::string>> names;  // folder → output names
    for (const fs::path& p : outputs) {
        if (p.filename().empty()) continue;
        const fs::path folder = p.parent_path().empty() ? fs::path(".") : p.parent_path();
        names[folder].insert(p.filename().string());
        names[folder].insert("space");  // AtomicOutput::disk_full_hint's probe
    }
    std::vector<std::string> removed;
    for (const auto& [folder, outs] : names) {
        std::error_code ec;
        std::vector<fs::path> stale;
        for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
            const std::string file = it->path().filename().string();
            std::error_code status_ec;
            if (!fs::is_regular_file(it->symlink_status(status_ec))) continue;
            for (const std::string& name : outs)
                if (process_gone(temporary_pid(file, name))) stale.push_back(it->path());
        }
        for (const fs::path& f : stale) {
            std::error_code remove_ec;
            if (fs::remove(f, remove_ec)) removed.push_back(f.string());
        }
    }
    if (removed.empty()) return {};
    std::sort(removed.begin(), removed.end());  // directory order is the file system's: name them in a fixed order
    std::string list;
    for (std::size_t i = 0; i < removed.size() && i < 10; ++i) list += (i ? ", " : "") + removed[i];
    if (removed.size() > 10) list += ", ...";
    return {{"stale-temporaries-removed", "removed " + std::to_string(removed.size()) +
                                              " temporary file(s) left by burdenmap runs that no longer run (killed or crashed): " + list}};
}

}  // namespace burdenmap
