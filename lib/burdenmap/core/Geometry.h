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

}  // namespace burdenmap
