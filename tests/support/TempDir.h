#pragma once
// A fresh folder under the system temp dir for one test, removed with everything in it when the
// object goes (also when the test made the folder itself read-only). Shared by every test program.
#include <filesystem>
#include <string>

namespace burdenmap::test {

class TempDir {
public:
    // `tag` goes into the folder's name, so a folder left by a crashed test says whose it is.
    explicit TempDir(const std::string& tag);
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
    // Writes `text` to `name` inside (creating sub-folders) and returns the file's path.
    std::filesystem::path write(const std::string& name, const std::string& text) const;
    // The path of a file `name` in a folder inside that this process cannot write to: a folder of
    // mode 0555, or for root, whom modes do not stop, a "folder" that is a regular file.
    std::filesystem::path unwritable_path(const std::string& name) const;

private:
    std::filesystem::path path_;
};

}  // namespace burdenmap::test
