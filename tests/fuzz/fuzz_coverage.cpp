// Fuzz target: exact coverage fractions on random valid polygons (star-shaped rings, optional
// star-shaped holes, vertices often snapped onto cell corners and edges, grids far from the origin).
// Oracles (DESIGN.md §7): every fraction is in [0, 1] (coverage_fraction snaps rounding noise
// within 1e-6 of 0 and 1 but does not clamp, so anything further out fails here, and a debug
// build's assertion fires first); each cell's fraction equals the area of the polygon inside that
// cell, clipped independently (Sutherland–Hodgman), over the cell area; so
// Σ coverage × cell area = area of polygon ∩ grid.
#include "FuzzCheck.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "burdenmap/core/CoverageFraction.h"

namespace burdenmap::fuzz {

namespace {

// Bytes in, numbers out; zeros once the input runs out.
class Bytes {
public:
    Bytes(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
    std::uint8_t byte() { return pos_ < size_ ? data_[pos_++] : 0; }
    std::uint16_t u16() { return static_cast<std::uint16_t>(byte() | (byte() << 8)); }
    double unit() { return u16() / 65535.0; }  // [0, 1]
    bool empty() const { return pos_ >= size_; }

private:
    const std::uint8_t* data_;
    std::size_t size_, pos_ = 0;
};

// Twice the signed area, with coordinates taken relative to `o`: far from the origin (RD
// coordinates are in the 100,000s) the shoelace products would otherwise lose the digits that matter.
double area2(const Ring& r, const Point& o) {
    double a = 0;
    for (std::size_t i = 0; i < r.size(); ++i) {
        const Point& p = r[i];
        const Point& q = r[(i + 1) % r.size()];
        a += (p.x - o.x) * (q.y - o.y) - (q.x - o.x) * (p.y - o.y);
    }
    return a;
}

// Sutherland–Hodgman against an axis-aligned box: exact in area for any simple ring (the
// degenerate edges it may leave along the box add no area).
Ring clip(const Ring& ring, const Box& b) {
    Ring out = ring;
    for (int side = 0; side < 4; ++side) {
        const auto inside = [&](const Point& p) {
            switch (side) {
                case 0: return p.x >= b.xmin;
                case 1: return p.x <= b.xmax;
                case 2: return p.y >= b.ymin;
                default: return p.y <= b.ymax;
            }
        };
        const auto cross = [&](const Point& p, const Point& q) {
            const double edge = side == 0 ? b.xmin : side == 1 ? b.xmax : side == 2 ? b.ymin : b.ymax;
            if (side < 2) {
                const double t = (edge - p.x) / (q.x - p.x);
                return Point{edge, p.y + t * (q.y - p.y)};
            }
            const double t = (edge - p.y) / (q.y - p.y);
            return Point{p.x + t * (q.x - p.x), edge};
        };
        Ring in;
        in.swap(out);
        for (std::size_t i = 0; i < in.size(); ++i) {
            const Point& p = in[i];
            const Point& q = in[(i + 1) % in.size()];
            const bool pin = inside(p), qin = inside(q);
            if (pin) out.push_back(p);
            if (pin != qin) out.push_back(cross(p, q));
        }
        if (out.empty()) break;
    }
    return out;
}

double clipped_area(const Polygon& p, const Box& b) {
    const Point o{b.xmin, b.ymin};
    double a = std::fabs(area2(clip(p.outer, b), o)) / 2;
    for (const Ring& h : p.holes) a -= std::fabs(area2(clip(h, b), o)) / 2;
    return a;
}

// A star-shaped ring around (cx, cy): sorted distinct angles, radii in (rmin, rmax]; simple by
// construction. Coordinates are in cell units; `snap` rounds them to quarter cells.
Ring star(Bytes& in, double cx, double cy, double rmin, double rmax, bool snap, int max_vertices) {
    const int n = 3 + in.byte() % (max_vertices - 2);
    std::vector<double> angles;
    for (int i = 0; i < n; ++i) angles.push_back(in.unit() * 2 * M_PI);
    std::sort(angles.begin(), angles.end());
    angles.erase(std::unique(angles.begin(), angles.end()), angles.end());
    Ring r;
    for (double a : angles) {
        const double radius = rmin + (rmax - rmin) * (0.05 + 0.95 * in.unit());
        double x = cx + radius * std::cos(a), y = cy + radius * std::sin(a);
        if (snap) x = std::round(x * 4) / 4, y = std::round(y * 4) / 4;
        r.push_back({x, y});
    }
    return r;
}

// Proper segment crossings make a ring or a hole invalid (a snapped star may fold over itself).
double orient(const Point& a, const Point& b, const Point& c) { return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x); }
bool segments_touch(const Point& a, const Point& b, const Point& c, const Point& d) {
    const double o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a), o4 = orient(c, d, b);
    if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) return true;
    const auto on = [](const Point& p, const Point& q, const Point& r) {  // r on segment pq, collinear
        return std::min(p.x, q.x) <= r.x && r.x <= std::max(p.x, q.x) && std::min(p.y, q.y) <= r.y && r.y <= std::max(p.y, q.y);
    };
    return (o1 == 0 && on(a, b, c)) || (o2 == 0 && on(a, b, d)) || (o3 == 0 && on(c, d, a)) || (o4 == 0 && on(c, d, b));
}
bool simple(const Ring& r) {
    const std::size_t n = r.size();
    if (n < 3) return false;
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j) {
            if (j == i + 1 || (i == 0 && j == n - 1)) continue;  // neighbours share a vertex
            if (segments_touch(r[i], r[(i + 1) % n], r[j], r[(j + 1) % n])) return false;
        }
    // Neighbouring edges must not fold back onto each other.
    for (std::size_t i = 0; i < n; ++i) {
        const Point &a = r[i], &b = r[(i + 1) % n], &c = r[(i + 2) % n];
        if (orient(a, b, c) == 0 && (b.x - a.x) * (c.x - b.x) + (b.y - a.y) * (c.y - b.y) < 0) return false;
        if (a.x == b.x && a.y == b.y) return false;
    }
    return true;
}
bool point_inside(const Ring& r, const Point& p) {
    bool in = false;
    for (std::size_t i = 0, j = r.size() - 1; i < r.size(); j = i++)
        if ((r[i].y > p.y) != (r[j].y > p.y) && p.x < (r[j].x - r[i].x) * (p.y - r[i].y) / (r[j].y - r[i].y) + r[i].x) in = !in;
    return in;
}
bool strictly_inside(const Ring& hole, const Ring& outer) {
    for (const Point& p : hole)
        if (!point_inside(outer, p)) return false;
    for (std::size_t i = 0; i < hole.size(); ++i)
        for (std::size_t j = 0; j < outer.size(); ++j)
            if (segments_touch(hole[i], hole[(i + 1) % hole.size()], outer[j], outer[(j + 1) % outer.size()])) return false;
    return true;
}

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

std::string wkt(const MultiPolygon& polygons) {
    std::string out = "MULTIPOLYGON (";
    char buf[64];
    for (std::size_t k = 0; k < polygons.size(); ++k) {
        out += k ? ", (" : "(";
        std::vector<const Ring*> rings{&polygons[k].outer};
        for (const Ring& h : polygons[k].holes) rings.push_back(&h);
        for (std::size_t i = 0; i < rings.size(); ++i) {
            out += i ? ", (" : "(";
            for (std::size_t j = 0; j <= rings[i]->size(); ++j) {
                const Point& p = (*rings[i])[j % rings[i]->size()];
                std::snprintf(buf, sizeof buf, "%s%.17g %.17g", j ? ", " : "", p.x, p.y);
                out += buf;
            }
            out += ")";
        }
        out += ")";
    }
    return out + ")";
}

}  // namespace

int fuzz_coverage(const std::uint8_t* data, std::size_t size) {
    Bytes in(data, size);
    const int cols = 1 + in.byte() % 12, rows = 1 + in.byte() % 12;
    static const double origins[] = {0.0, 155000.0, -3.5, 1e6};
    static const double sizes[] = {1.0, 10.0, 0.25, 3.0, 100.0};
    const double x0 = origins[in.byte() % 4], y0 = origins[in.byte() % 4] + 463000;
    const double dx = sizes[in.byte() % 5], dy = in.byte() % 3 == 0 ? dx * 2 : dx;
    const Grid grid(x0, y0, dx, dy, cols, rows);
    const bool snap = in.byte() % 2 == 0;

    // Polygons in cell units (u right, v down from the grid's top-left), then into map units.
    const auto to_map = [&](Ring r) {
        for (Point& p : r) p = Point{x0 + p.x * dx, y0 - p.y * dy};
        return r;
    };
    MultiPolygon polygons;
    const int parts = 1 + in.byte() % 3;
    // Parts 30 cells apart vertically, each at most 14.5 cells across: they never overlap.
    const double band = 30.0;
    const double cx0 = -8 + in.unit() * (cols + 16), cy0 = -8 + in.unit() * (rows + 16);
    const double rmax = 0.2 + in.unit() * (in.byte() % 4 == 0 ? 14.3 : 6);
    for (int k = 0; k < parts && !in.empty(); ++k) {
        const double cx = k ? -8 + in.unit() * (cols + 16) : cx0, cy = cy0 + k * band;
        Ring outer = star(in, cx, cy, 0, rmax, snap, 40);
        if (!simple(outer)) continue;
        Polygon p;
        p.outer = outer;
        if (in.byte() % 2) {
            Ring hole = star(in, cx, cy, 0, rmax * 0.3, snap, 12);
            if (simple(hole) && strictly_inside(hole, outer)) p.holes.push_back(hole);
        }
        if (in.byte() % 2) std::reverse(p.outer.begin(), p.outer.end());  // orientation must not matter
        p.outer = to_map(p.outer);
        for (Ring& h : p.holes) h = to_map(h);
        polygons.push_back(p);
    }
    if (polygons.empty()) return 0;

    const Raster<double> cov = coverage_fraction(polygons, grid);
    const std::string case_text = " [grid " + grid.describe() + "; " + wkt(polygons) + "]";
    const double cell_area = grid.cell_area();
    double total = 0, vertices = 0;
    for (const Polygon& p : polygons) {
        vertices += p.outer.size();
        for (const Ring& h : p.holes) vertices += h.size();
    }
    // Rounding: relative to the coordinates' magnitude over the cell size, per vertex and cell.
    const double scale = (std::fabs(x0) + std::fabs(y0) + (cols + rows + 50) * dx) / std::min(dx, dy);
    const double tolerance = 1e-9 + 1e-14 * scale * (vertices + 10);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            const double f = cov(r, c);
            check(f >= 0 && f <= 1, "fraction " + num(f) + " outside [0, 1] at row " + std::to_string(r) +
                                        ", column " + std::to_string(c) + case_text);
            double exact = 0;
            for (const Polygon& p : polygons) exact += clipped_area(p, grid.cell_box(r, c));
            exact /= cell_area;
            check(std::fabs(f - exact) <= tolerance, "cell (" + std::to_string(r) + ", " + std::to_string(c) + "): coverage " +
                                                          num(f) + " but the clipped area gives " + num(exact) + case_text);
            total += f * cell_area;
        }
    double intersection = 0;
    for (const Polygon& p : polygons) intersection += clipped_area(p, grid.extent());
    check(std::fabs(total - intersection) <= tolerance * cell_area * cols * rows + 1e-9 * intersection,
          "sum of coverage x cell area " + num(total) + " != area of polygon within the grid " +
              num(intersection) + case_text);
    return 0;
}

}  // namespace burdenmap::fuzz

BURDENMAP_FUZZ_ENTRY(fuzz_coverage)
