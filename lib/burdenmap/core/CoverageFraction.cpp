#include "burdenmap/core/CoverageFraction.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace burdenmap {
namespace {

constexpr double kSnap = 1e-9;

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

Raster<double> coverage_fraction(const MultiPolygon& polygons, const Grid& grid) {
    const int cols = grid.cols(), rows = grid.rows();
    std::vector<double> cells(grid.size(), 0.0);
    std::vector<double> below(static_cast<std::size_t>(rows + 1) * cols, 0.0);
    RingIntegrator integrator(grid, cells, below);

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

    for (int c = 0; c < cols; ++c) {
        double running = 0.0;
        for (int r = 0; r < rows; ++r) {
            running += below[static_cast<std::size_t>(r) * cols + c];
            double& f = cells[static_cast<std::size_t>(r) * cols + c];
            // Rounding leaves values like 1 + 1e-15 or 1e-16 where the exact answer is 1 or 0
            // (a polygon edge running along a cell edge). Snap them: a cell "touched" by 1e-16
            // would otherwise enter min/max statistics depending on the window it was computed
            // in. The snap changes an area by at most 1e-9 of a cell.
            f += running;
            f = f < kSnap ? 0.0 : f > 1.0 - kSnap ? 1.0 : f;
        }
    }
    return Raster<double>(grid, std::move(cells));
}

}  // namespace burdenmap
