#pragma once
// Test inputs made with GDAL's C API, for the test programs that link GDAL: a CRS as WKT, a
// geometry from WKT, a feature added to a layer. Each REQUIREs that GDAL did what was asked, so a
// broken fixture fails where it is made.
#include <ogr_api.h>

#include <string>
#include <utility>
#include <vector>

namespace burdenmap::test {

// The WKT of EPSG:`code`.
std::string epsg_wkt(int code);

// An RD New (EPSG:28992) point in WGS84 longitude and latitude, in that order.
std::pair<double, double> rd_to_lonlat(double x, double y);

// `wkt` as ISO WKB, little-endian (what the writers take).
std::vector<unsigned char> wkb_of(const std::string& wkt);

// Gives `feature` the geometry `wkt`.
void set_geometry(OGRFeatureH feature, const std::string& wkt);

// Adds `feature` to `layer`, then destroys it.
void add_feature(OGRLayerH layer, OGRFeatureH feature);

}  // namespace burdenmap::test
