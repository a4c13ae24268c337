#pragma once
// Hand-made zone shapes for tests of the pure maths.
#include "burdenmap/core/Geometry.h"

namespace burdenmap::test {

// The axis-aligned rectangle x0..x1 × y0..y1 as a one-polygon zone (closed ring, no holes).
inline MultiPolygon rectangle(double x0, double y0, double x1, double y1) {
    return {Polygon{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}, {}}};
}

}  // namespace burdenmap::test
