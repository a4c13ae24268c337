#include "FuzzCheck.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>

namespace burdenmap::fuzz {

std::string scratch_file(const std::uint8_t* data, std::size_t size, const char* extension) {
    namespace fs = std::filesystem;
    static const fs::path dir = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
    const std::string path = (dir / ("burdenmap-fuzz-" + std::to_string(::getpid()) + extension)).string();
    std::FILE* f = std::fopen(path.c_str(), "wb");
    check(f != nullptr, "cannot write the scratch file " + path);
    if (size) std::fwrite(data, 1, size, f);
    std::fclose(f);
    return path;
}

}  // namespace burdenmap::fuzz
