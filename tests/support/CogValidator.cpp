#include "support/CogValidator.h"

#include <sys/wait.h>

#include <array>
#include <cstdio>

namespace burdenmap::test {

bool CogVerdict::valid() const {
    return exit_code == 0 && output.find("is a valid cloud optimized GeoTIFF") != std::string::npos &&
           output.find("warnings were found") == std::string::npos;
}

CogVerdict validate_cog(const std::filesystem::path& file) {
    // The system Python: python3-gdal's osgeo modules live there, not in a user's virtualenv.
    const std::string command =
        "/usr/bin/python3 -m osgeo_utils.samples.validate_cloud_optimized_geotiff --full-check=yes '" + file.string() + "' 2>&1";
    CogVerdict verdict;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return verdict;
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) verdict.output.append(buffer.data(), n);
    const int status = ::pclose(pipe);
    verdict.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return verdict;
}

}  // namespace burdenmap::test
