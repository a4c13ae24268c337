#pragma once
// Reads a finished output folder back (for the report and its quicklook map): GeoPackage tables
// and zone shapes, the GeoTIFF's band descriptions and statistics, one band resampled to a map's
// pixels; and encodes a PNG. Read-only: nothing is written beside the inputs (GDAL's .aux.xml
// sidecars are switched off while reading).
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/core/Geometry.h"
#include "burdenmap/core/Raster.h"
#include "burdenmap/core/FeatureTable.h"

namespace burdenmap {

// Reading must not leave files behind: statistics GDAL computes would otherwise be saved in a
// .aux.xml sidecar beside the output (PAM). While one lives, GDAL keeps no sidecars on this
// thread (only); the thread's setting before it is restored when it goes, so they nest. Every
// reader of finished outputs holds one.
class NoSidecars {
public:
    NoSidecars();
    ~NoSidecars();
    NoSidecars(const NoSidecars&) = delete;
    NoSidecars& operator=(const NoSidecars&) = delete;

private:
    std::optional<std::string> previous_;
};

struct TableData {
    std::vector<std::string> columns;
    std::vector<std::vector<FieldValue>> rows;   // in feature (fid) order
    std::vector<MultiPolygon> shapes;            // per row, when read with shapes (else empty)
    std::vector<Point> label_points;             // per row: a point inside the shape (GEOS point on surface)
    std::vector<std::vector<unsigned char>> wkb; // per row, when read with shapes: the shape as ISO WKB (empty: none)

    std::optional<std::size_t> column(const std::string& name) const;
};

// A layer or attribute table of a GeoPackage; nullopt when the file has no such table. Shapes are
// transformed into `target_crs_wkt` when given and different. Throws InputError when the file
// cannot be opened.
std::optional<TableData> read_table(const std::filesystem::path& gpkg, const std::string& table, bool with_shapes = false,
                                    const std::string& target_crs_wkt = "");

// Polygons from ISO WKB (the geometry of core/FeatureTable.h features, e.g. the zones of a
// comparison) in `source_crs_wkt`, transformed into `target_crs_wkt` when both are given and
// differ; an empty MultiPolygon where a WKB is empty or unreadable. Throws InputError, naming
// `what`, when the CRS cannot be transformed.
std::vector<MultiPolygon> shapes_from_wkb(const std::vector<Feature>& features, const std::string& source_crs_wkt,
                                          const std::string& target_crs_wkt, const std::string& what);

struct BandDescription {
    int index = 0;  // 1-based
    std::string description;
    std::string unit;
    std::map<std::string, std::string> metadata;
    std::optional<double> min, max, mean;  // from the file's statistics, else approximated from overviews
};

struct RasterSummary {
    int cols = 0, rows = 0;
    double geotransform[6] = {0, 1, 0, 0, 0, -1};
    std::string crs_wkt;
    std::vector<BandDescription> bands;
};

// Throws InputError when the file cannot be opened or is rotated.
RasterSummary read_raster_summary(const std::filesystem::path& tif);

// One band resampled so that its longer side is `longer_side` pixels (overviews are used when
// shrinking): nearest neighbour for class and count bands (`nearest`), else the average. The
// result's grid covers the raster's extent. Nodata is NaN.
Raster<float> read_band_preview(const std::filesystem::path& tif, int band, int longer_side, bool nearest);

// PNG bytes of an interleaved RGB image (GDAL's PNG driver, in memory).
std::vector<std::uint8_t> encode_png(int width, int height, const std::vector<std::uint8_t>& rgb);

}  // namespace burdenmap
