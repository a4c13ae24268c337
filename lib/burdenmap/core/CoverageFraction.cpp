#include "burdenmap/core/CoverageFraction.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <string>
#include <vector>

#include "burdenmap/core/Errors.h"

namespace burdenmap {
namespace {

// Rounding leaves values like 1 + 1e-15 or 1e-16 where the exact answer is 1 or 0 (a polygon
// edge running along a cell edge). They are snapped: a cell "touched" by 1e-16 would otherwise
// enter min/max statistics depending on the window it was computed in. The snap changes an area by
// at most 1e-9 of a cell.
constexpr double kSnap = 1e-9;
// Rounding noise that leaves [0, 1] stays far below this; a value further out is not noise but
// invalid input (parts that overlap count twice, a self-intersecting ring cancels itself). Valid
// input is the caller's promise (io's MakeValid keeps it for zones), so such a value is a bug:
// an assertion in debug builds, left as it is otherwise rather than hidden by clamping.
constexpr double kOutside = 1e-6;

double snapped(double f) {
    assert(f >= -kOutside && f <= 1.0 + kOutside && "coverage fraction outside [0, 1]: the polygon is not valid");
    if (f < kSnap && f >= -kOutside) return 0.0;
    if (f > 1.0 - kSnap && f <= 1.0 + kOutside) return 1.0;
    return f;
}

// NaN and infinite coordinates have no place in a cell (static_cast<int> of one is undefined, and
// an infinite one puts NaN into the sort of crossing parameters): refused before any arithmetic.
void require_finite(const MultiPolygon& polygons) {
    for (std::size_t k = 0; k < polygons.size(); ++k) {
        const Polygon& p = polygons[k];
        for (std::size_t ring = 0; ring <= p.holes.size(); ++ring)
            for (const Point& v : ring == 0 ? p.outer : p.holes[ring - 1]) {
                if (std::isfinite(v.x) && std::isfinite(v.y)) continue;
                const std::string where = ring == 0 ? "outer ring" : "hole " + std::to_string(ring);
                throw InputError("polygon " + std::to_string(k + 1) + ", " + where +
                                 ": a vertex has a coordinate that is not a finite number (NaN or infinite)");
            }
    }
}

// The method (Green's theorem, one column strip at a time): for a rectangle R = [x0,x1]×[y0,y1]
// and a ring oriented counter-clockwise,
//     area(ring ∩ R) = −Σ_edges ∫ (clamp(y, y0, y1) − y0) dx   over the part of the edge with x in [x0,x1].
// In cell units (u = column, v = row, v growing downwards) the integrand for row r is
// g(v) = 1 − clamp(v − r, 0, 1): 0 for edge pieces below the row, 1 for pieces above it, and linear
// inside it. So each edge piece inside one cell (row r, column c) adds du·(r + 1 − v_mid) to that
// cell and du to every cell below it in the column. The "every cell below" part is accumulated in
// a difference array and resolved by one running sum per column: O(cells crossed + cells).
class RingIntegrator {
public:
    RingIntegrator(const Grid& grid, std::vector<double>& cells, std::vector<double>& below)
        : grid_(grid), cols_(grid.cols()), rows_(grid.rows()), cells_(cells), below_(below) {}

    // Adds `sign` × (the raw integral Σ ∫ g dv du) of one ring.
    void add_ring(const Ring& ring, double sign) {
        const std::size_t n = ring.size();
        if (n < 3) return;
        for (std::size_t i = 0; i < n; ++i) {
            const Point& a = ring[i];
            const Point& b = ring[(i + 1) % n];
            add_edge(to_u(a.x), to_v(a.y), to_u(b.x), to_v(b.y), sign);
        }
    }

private:
    double to_u(double x) const { return (x - grid_.x0()) / grid_.dx(); }
    double to_v(double y) const { return (grid_.y0() - y) / grid_.dy(); }

    void add_edge(double ua, double va, double ub, double vb, double sign) {
        const double du = ub - ua;
        if (du == 0.0) return;  // vertical edges add nothing to ∫ dx
        const double umin = std::min(ua, ub), umax = std::max(ua, ub);
        if (umax <= 0.0 || umin >= cols_) return;

        // Parameters where the edge crosses a column or row line (inside the grid's span).
        ts_.clear();
        ts_.push_back(0.0);
        ts_.push_back(1.0);
        for (double k = std::ceil(std::max(umin, 0.0)); k <= std::min(umax, double(cols_)); k += 1.0)
            ts_.push_back((k - ua) / du);
        const double dv = vb - va;
        if (dv != 0.0) {
            const double vmin = std::min(va, vb), vmax = std::max(va, vb);
            for (double k = std::ceil(std::max(vmin, 0.0)); k <= std::min(vmax, double(rows_)); k += 1.0)
                ts_.push_back((k - va) / dv);
        }
        std::sort(ts_.begin(), ts_.end());

        for (std::size_t i = 0; i + 1 < ts_.size(); ++i) {
            const double t0 = std::clamp(ts_[i], 0.0, 1.0), t1 = std::clamp(ts_[i + 1], 0.0, 1.0);
            if (t1 <= t0) continue;
            const double tm = 0.5 * (t0 + t1);
            const double um = ua + tm * du;
            if (um < 0.0 || um >= cols_) continue;  // outside the grid's columns: ignored
            const int c = static_cast<int>(um);
            const double piece = sign * (t1 - t0) * du;
            const double vm = va + tm * dv;
            if (vm >= rows_) continue;                                  // below the grid: g = 0
            if (vm < 0.0) {                                             // above the grid: g = 1 everywhere
                below_[c] += piece;
                continue;
            }
            const int r = static_cast<int>(vm);
            cells_[static_cast<std::size_t>(r) * cols_ + c] += piece * (r + 1 - vm);
            below_[static_cast<std::size_t>(r + 1) * cols_ + c] += piece;
        }
    }

    const Grid& grid_;
    const int cols_, rows_;
    std::vector<double>& cells_;
    std::vector<double>& below_;
    std::vector<double> ts_;
};

}  // namespace

namespace coverage_detail {

BoundarySums boundary_sums(const MultiPolygon& polygons, const Grid& grid) {
    BoundarySums sums;
    sums.cells.assign(grid.size(), 0.0);
    sums.below.assign(static_cast<std::size_t>(grid.rows() + 1) * grid.cols(), 0.0);
    RingIntegrator integrator(grid, sums.cells, sums.below);

    // The raw integral of a counter-clockwise ring is minus its area in the cell, so each ring is
    // weighted by −orientation, and holes count negative.
    for (const Polygon& polygon : polygons) {
        const double outer = signed_area(polygon.outer);
        if (outer == 0.0) continue;
        integrator.add_ring(polygon.outer, outer > 0 ? -1.0 : 1.0);
        for (const Ring& hole : polygon.holes) {
            const double h = signed_area(hole);
            if (h != 0.0) integrator.add_ring(hole, h > 0 ? 1.0 : -1.0);
        }
    }
    return sums;
}

std::vector<double> resolve(BoundarySums sums, int cols, int rows) {
    // Row by row, with one running sum per column: each cell gets the same additions in the same
    // order as running down each column, so the same bits, but both arrays are read in memory
    // order instead of a row's length apart.
    std::vector<double>& cells = sums.cells;
    std::vector<double> running(static_cast<std::size_t>(cols), 0.0);
    for (int r = 0; r < rows; ++r) {
        const double* below_row = sums.below.data() + static_cast<std::size_t>(r) * cols;
        double* row = cells.data() + static_cast<std::size_t>(r) * cols;
        for (int c = 0; c < cols; ++c) {
            running[c] += below_row[c];
            row[c] = snapped(row[c] + running[c]);
        }
    }
    return std::move(cells);
}

}  // namespace coverage_detail

Raster<double> coverage_fraction(const MultiPolygon& polygons, const Grid& grid) {
    require_finite(polygons);
    return Raster<double>(grid, coverage_detail::resolve(coverage_detail::boundary_sums(polygons, grid), grid.cols(), grid.rows()));
}

}  // namespace burdenmap
