#pragma once
// What a raster input is, read from its header only (no pixels): grid, CRS, nodata, band count.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/core/Box.h"
#include "burdenmap/core/Diagnostics.h"

namespace burdenmap {

struct RasterInfo {
    std::filesystem::path path;
    int band = 1;
    int band_count = 0;
    int cols = 0, rows = 0;
    double geotransform[6] = {0, 1, 0, 0, 0, -1};
    std::string crs_wkt;   // empty when the file has no CRS
    std::string crs_name;  // e.g. "EPSG:28992" or the CRS name
    std::optional<double> nodata;
    std::string data_type;  // GDAL name, e.g. "Float32"
    // What says the band holds class codes (land cover) rather than measurements: "LAYER_TYPE=thematic",
    // "a colour table" or "a raster attribute table"; empty when nothing does. See categorical_signal.
    std::string categorical_signal;
    // Cell size expressed in the target CRS (metres for a projected target), from GDAL's
    // suggested warp output; set by inspect_raster when a target CRS is given.
    double resolution_in_target = 0;
    // The raster's footprint in the target CRS (its bounding box), when a target CRS is given.
    Box extent_in_target;
    // What the plan should warn about: reprojection, a nodata value the band type cannot hold.
    std::vector<Diagnostic> warnings;
    bool rotated() const { return geotransform[2] != 0 || geotransform[4] != 0; }
};

// Opens the file and reads its header. `target_wkt` (optional) is used to express the cell size
// in target units. Throws InputError naming the file (missing, unreadable, no such band, no CRS).
RasterInfo inspect_raster(const std::filesystem::path& path, int band, const std::string& target_wkt);

// Throws InputError naming the file and both extents when the raster's footprint misses the study
// area (usually a wrong CRS or a raster of another place): it would add nothing but nodata.
void require_overlap(const RasterInfo& info, const Box& study_extent, const std::string& study_crs_name);

// The CRS of a user string ("EPSG:28992", WKT, PROJ string) as WKT; throws ConfigError naming
// `key` when it is not understood.
std::string crs_to_wkt(const std::string& definition, const std::string& key);
// A short name for messages and manifests: "EPSG:28992" when the CRS has an EPSG code.
std::string crs_short_name(const std::string& wkt);
// True when the CRS is geographic (degrees): cell areas would vary, so targets must be projected.
bool crs_is_geographic(const std::string& wkt);
// The unit of a projected CRS's coordinates, short: "m", "ft" (international foot), "US ft", else
// the unit's own name; "" when the CRS is not understood.
std::string crs_length_unit(const std::string& wkt);
bool crs_equivalent(const std::string& a_wkt, const std::string& b_wkt);

}  // namespace burdenmap
