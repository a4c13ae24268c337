#pragma once
// The quicklook map (map.png and the report's map), composed in pure code: the burden band in the
// same colours as burden.qml, zone outlines, the most burdened zones numbered in white boxes, and
// a legend underneath. The I/O layer reads the band and the zones and encodes the PNG.
#include <string>
#include <vector>

#include "burdenmap/core/Geometry.h"
#include "burdenmap/core/Raster.h"
#include "burdenmap/report/Image.h"
#include "burdenmap/report/RasterStyle.h"

namespace burdenmap::report {

struct MapLabel {
    Point at;          // map coordinates (a point inside the zone)
    std::string text;  // "1", "2", …: the zone's row in the report's table
};

struct QuicklookInput {
    // The band on the map's pixels: its grid is the map's extent, one cell per pixel.
    Raster<float> values;
    RasterStyle style;
    std::vector<MultiPolygon> outlines;  // every zone, map coordinates
    std::vector<MultiPolygon> emphasised;  // the numbered zones, outlined strongly
    std::vector<MapLabel> labels;
    std::string legend_title;
    // Cells without data. Light grey by default; a darker grey where the ramp's own middle is
    // near-white (a difference map), so "no data" is not read as "no change".
    Rgb nodata{236, 236, 236};
};

Image render_quicklook(const QuicklookInput& input);

// Where a map coordinate falls on the map's pixels (column, row as doubles; 0,0 = top-left
// corner of the top-left pixel).
Point to_pixel(const Grid& grid, const Point& p);

}  // namespace burdenmap::report
