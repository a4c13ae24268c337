#pragma once
// Candidate housing sites for `check-sites`: points and polygons from any OGR source in any CRS,
// reprojected to the target CRS, each with an id. A feature that cannot be checked (a line, an
// empty geometry, a multipoint) is kept with the reason, so no site silently drops out of the
// check: it is reported as "unknown".
#include <filesystem>
#include <string>
#include <vector>

#include "burdenmap/core/Diagnostics.h"
#include "burdenmap/core/Geometry.h"

namespace burdenmap {

struct Site {
    enum class Kind { point, polygon, unusable };
    std::string id;
    Kind kind = Kind::unusable;
    Point point;                     // Kind::point, in the target CRS
    MultiPolygon polygons;           // Kind::polygon, in the target CRS, valid
    std::vector<unsigned char> wkb;  // ISO WKB in the target CRS (Point or MultiPolygon); empty: unusable
    Box bounds;
    double area = 0;                 // polygons, in target units²
    std::string problem;             // Kind::unusable: why it cannot be checked
};

struct SiteLayer {
    std::string description;  // "file (layer L)"
    std::string crs_name;     // of the source
    bool reprojected = false;
    std::vector<Site> sites;  // in feature order
};

// Reads every feature of `layer` (empty: the first layer) of `path`. `id_field` empty: the
// feature id. Invalid polygons are repaired (GEOS MakeValid) with a warning. Throws InputError
// naming the file, layer and field: file or layer missing, no CRS, id field missing (listing the
// fields), an empty or repeated id, no features.
SiteLayer read_sites(const std::filesystem::path& path, const std::string& layer, const std::string& id_field,
                     const std::string& target_wkt, Diagnostics& diagnostics);

}  // namespace burdenmap
