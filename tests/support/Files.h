#pragma once
// Reading back what a test wrote: a file's bytes, the names in a folder.
#include <filesystem>
#include <string>
#include <vector>

namespace burdenmap::test {

// The whole file, byte for byte ("" when it cannot be read).
std::string read_bytes(const std::filesystem::path& file);

// The names of the entries of `folder`, sorted.
std::vector<std::string> names_in(const std::filesystem::path& folder);

}  // namespace burdenmap::test
