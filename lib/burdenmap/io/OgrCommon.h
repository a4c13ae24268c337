#pragma once
// Small shared pieces for the OGR readers (internal to lib/burdenmap/io).
#include <functional>
#include <string>
#include <vector>

#include "burdenmap/core/Geometry.h"
#include "burdenmap/io/GdalHandles.h"

namespace burdenmap::io_detail {

// Opens a vector file and finds a layer (by name, or the first when `layer` is empty). Throws
// InputError naming the file and listing the layers that exist.
DatasetPtr open_vector(const std::string& path, const std::string& layer, OGRLayerH* out_layer);

// The layer's CRS, or nullptr when it has none. A GeoPackage written without one declares
// "Undefined geographic SRS" (srs_id 0) or "Undefined Cartesian SRS" (srs_id -1): no CRS either.
OGRSpatialReferenceH layer_srs(OGRLayerH layer);

// The CRS as WKT (GDAL's default WKT1 export), "" when it cannot be exported.
std::string wkt_of(OGRSpatialReferenceH srs);

// A transformation from `source` to `target_wkt`, or nullptr when they are the same CRS.
TransformPtr make_transform(OGRSpatialReferenceH source, const std::string& target_wkt, const std::string& what);

// Calls `body` on every feature of `layer` from the start, in file order (the feature is owned
// here). OGR ends a read loop on a read error as on the last feature, so errors are cleared before
// each read (in the caller's GdalErrorScope, if any: warnings stay collected there) and one left
// at the end throws InputError "<where>: reading the features failed: ...":
// a damaged file never passes as a shorter layer. Every 1024 features a stop request is honoured.
void for_each_feature(OGRLayerH layer, const std::string& where, const std::function<void(OGRFeatureH)>& body);

// "a, b, c" for the first ten of `ids` (quoted with `quote`), then "and N more".
std::string first_ids(const std::vector<std::string>& ids, const std::string& quote = "");

// The names of a layer's fields, comma-separated, for "field X not found; fields are: ..." messages.
std::string field_list(OGRLayerH layer);

// The polygons of a geometry as a new geometry (curves made linear; of a collection, its polygon
// members), or nullptr when it has none: points and lines have no area. `dropped_parts`, if
// given, is set to true when a point or line was left out (never reset to false).
GeometryPtr polygonal_part(OGRGeometryH geometry, bool* dropped_parts = nullptr);

// A geometry read from WKB, or nullptr when `wkb` is empty or not valid WKB.
GeometryPtr geometry_from_wkb(const std::vector<unsigned char>& wkb);

// The geometry as ISO WKB, little-endian (the form the outputs store).
std::vector<unsigned char> iso_wkb(OGRGeometryH geometry);

// An OGR (multi)polygon as core polygons; other geometry types give an empty result.
MultiPolygon to_multipolygon(OGRGeometryH geometry);

}  // namespace burdenmap::io_detail
