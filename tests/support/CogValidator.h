#pragma once
// GDAL's own check of a cloud-optimised GeoTIFF (osgeo_utils' validate_cloud_optimized_geotiff,
// from python3-gdal, which scripts/install-deps installs), full check: IFDs before the data,
// overviews before the full resolution, tiles in row-major order, leaders and trailers right.
#include <filesystem>
#include <string>

namespace burdenmap::test {

struct CogVerdict {
    int exit_code = -1;
    std::string output;  // what the validator printed (its errors and warnings)
    bool valid() const;  // exit 0, "is a valid cloud optimized GeoTIFF" and no warning
};

CogVerdict validate_cog(const std::filesystem::path& file);

}  // namespace burdenmap::test
