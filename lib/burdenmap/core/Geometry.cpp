#include "burdenmap/core/Geometry.h"

#include <cmath>

namespace burdenmap {

double signed_area(const Ring& ring) {
    const std::size_t n = ring.size();
    if (n < 3) return 0.0;
    // Relative to the first vertex: keeps precision for large projected coordinates.
    const double ox = ring[0].x, oy = ring[0].y;
    double twice = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const Point& a = ring[i];
        const Point& b = ring[(i + 1) % n];
        twice += (a.x - ox) * (b.y - oy) - (b.x - ox) * (a.y - oy);
    }
    return twice / 2.0;
}

double area(const Polygon& polygon) {
    double a = std::fabs(signed_area(polygon.outer));
    for (const Ring& hole : polygon.holes) a -= std::fabs(signed_area(hole));
    return a;
}

double area(const MultiPolygon& polygons) {
    double a = 0.0;
    for (const Polygon& p : polygons) a += area(p);
    return a;
}

Box bounds(const Ring& ring) {
    Box b;
    for (const Point& p : ring) b.expand(p.x, p.y);
    return b;
}

Box bounds(const MultiPolygon& polygons) {
    Box b;
    for (const Polygon& p : polygons) b.expand(bounds(p.outer));
    return b;
}

namespace {
// Crossings of a ray from `p` to +x with the ring's edges (closing edge included).
bool odd_crossings(const Ring& ring, const Point& p) {
    bool inside = false;
    const std::size_t n = ring.size();
    for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
        const Point& a = ring[i];
        const Point& b = ring[j];
        if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) inside = !inside;
    }
    return inside;
}
}  // namespace

bool contains(const MultiPolygon& polygons, const Point& p) {
    bool inside = false;
    for (const Polygon& poly : polygons) {
        if (poly.outer.size() < 3) continue;
        if (odd_crossings(poly.outer, p)) inside = !inside;
        for (const Ring& hole : poly.holes)
            if (hole.size() >= 3 && odd_crossings(hole, p)) inside = !inside;
    }
    return inside;
}

}  // namespace burdenmap
