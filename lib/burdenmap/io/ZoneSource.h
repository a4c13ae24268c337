#pragma once
// Reads the neighbourhood polygons (any OGR source) into zones in the target CRS: id, name,
// population, income fields (CBS sentinels → missing), geometry repaired when invalid.
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/config/Config.h"
#include "burdenmap/core/Diagnostics.h"
#include "burdenmap/core/Geometry.h"

namespace burdenmap {

struct Zone {
    std::string id;
    std::string name;
    std::optional<double> population;
    std::vector<std::optional<double>> income;  // one per ZonesConfig::income_fields
    MultiPolygon geometry;                      // in the target CRS
    std::vector<unsigned char> wkb;             // the same geometry as ISO WKB, for outputs
    Box bounds;
    double area = 0;                            // in target units²
};

struct ZoneLayerInfo {
    std::string crs_wkt;
    std::string layer_name;
    Box extent;             // in the layer's own CRS
    long long feature_count = 0;
};

// Header only: CRS, layer name, extent. Throws InputError naming file and layer.
ZoneLayerInfo inspect_zones(const ZonesConfig& config);

// Reads every zone, reprojecting to `target_wkt`. Invalid geometries are repaired (GEOS
// MakeValid) with a warning; empty or non-polygon geometries are skipped with a warning.
// Throws InputError naming the file, layer and field when a field is missing (listing those that
// exist), a value is not numeric, or an id is empty or used twice. Fields named "table:<column>"
// are left missing (no name, population or income): job/TableJoin fills them from [zones] table.
std::vector<Zone> read_zones(const ZonesConfig& config, const std::string& target_wkt, Diagnostics& diagnostics);

}  // namespace burdenmap
