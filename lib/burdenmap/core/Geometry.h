#pragma once
// Minimal polygon types for the core maths. The I/O layer converts OGR geometries into these
// (already valid, outer rings and holes separated); the core never sees GDAL.
#include <vector>

#include "burdenmap/core/Box.h"

namespace burdenmap {

struct Point {
    double x = 0;
    double y = 0;
};

// A closed ring; the closing vertex may or may not repeat the first.
using Ring = std::vector<Point>;

struct Polygon {
    Ring outer;
    std::vector<Ring> holes;
};

using MultiPolygon = std::vector<Polygon>;

// Shoelace area: positive for counter-clockwise rings.
double signed_area(const Ring& ring);
// Area of a polygon with holes, independent of ring orientation.
double area(const Polygon& polygon);
double area(const MultiPolygon& polygons);
Box bounds(const Ring& ring);
Box bounds(const MultiPolygon& polygons);
// Whether `p` lies inside (even-odd rule over every ring: holes and the parts of a valid
// multipolygon need no special case). A point exactly on an edge may go either way; this is for
// estimates (how much of a window lies in zones), never for the exact statistics.
bool contains(const MultiPolygon& polygons, const Point& p);

}  // namespace burdenmap
