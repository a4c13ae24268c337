#include "TempDir.h"

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <system_error>

namespace burdenmap::test {

namespace fs = std::filesystem;

TempDir::TempDir(const std::string& tag) {
    // Process id and a counter: unique across the test programs ctest runs side by side.
    static std::atomic<int> counter{0};
    path_ = (fs::temp_directory_path() /
             ("burdenmap-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++)))
                .lexically_normal();
    fs::remove_all(path_);
    fs::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
}

fs::path TempDir::write(const std::string& name, const std::string& text) const {
    const fs::path file = path_ / name;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file;
}

fs::path TempDir::unwritable_path(const std::string& name) const {
    if (::geteuid() == 0) return write("blocker", "x") / name;
    const fs::path locked = path_ / "locked";
    fs::create_directories(locked);
    fs::permissions(locked, fs::perms(0555));  // empty: the destructor removes it all the same
    return locked / name;
}

}  // namespace burdenmap::test
