// Exact coverage fractions on hand-made cases; expected values are written as the arithmetic
// that produces them. Grids are 1x1-unit cells unless said otherwise.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "burdenmap/core/CoverageFraction.h"

using namespace burdenmap;
using Catch::Matchers::WithinAbs;

namespace {

Polygon rect(double x0, double y0, double x1, double y1) {
    return Polygon{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}, {}};
}

double total(const Raster<double>& r) {
    double s = 0;
    for (double v : r.values()) s += v;
    return s;
}

// Area of polygon ∩ box by Sutherland–Hodgman clipping of each ring: an independent oracle.
Ring clip(const Ring& ring, const Box& b) {
    Ring out = ring;
    auto clip_side = [&](auto inside, auto cross) {
        Ring in = out;
        out.clear();
        for (std::size_t i = 0; i < in.size(); ++i) {
            const Point& p = in[i];
            const Point& q = in[(i + 1) % in.size()];
            if (inside(p)) {
                out.push_back(p);
                if (!inside(q)) out.push_back(cross(p, q));
            } else if (inside(q)) {
                out.push_back(cross(p, q));
            }
        }
    };
    auto at_x = [](const Point& p, const Point& q, double x) {
        return Point{x, p.y + (q.y - p.y) * (x - p.x) / (q.x - p.x)};
    };
    auto at_y = [](const Point& p, const Point& q, double y) {
        return Point{p.x + (q.x - p.x) * (y - p.y) / (q.y - p.y), y};
    };
    clip_side([&](const Point& p) { return p.x >= b.xmin; }, [&](const Point& p, const Point& q) { return at_x(p, q, b.xmin); });
    clip_side([&](const Point& p) { return p.x <= b.xmax; }, [&](const Point& p, const Point& q) { return at_x(p, q, b.xmax); });
    clip_side([&](const Point& p) { return p.y >= b.ymin; }, [&](const Point& p, const Point& q) { return at_y(p, q, b.ymin); });
    clip_side([&](const Point& p) { return p.y <= b.ymax; }, [&](const Point& p, const Point& q) { return at_y(p, q, b.ymax); });
    return out;
}

}  // namespace

TEST_CASE("a rectangle covering half cells", "[coverage]") {
    const Grid g(0, 3, 1, 1, 3, 3);
    // x 0.5..2.5, y 0.5..2.5: corners get 0.5*0.5, edges 0.5*1, the centre 1.
    const auto cov = coverage_fraction({rect(0.5, 0.5, 2.5, 2.5)}, g);
    CHECK_THAT(cov(0, 0), WithinAbs(0.5 * 0.5, 1e-12));
    CHECK_THAT(cov(0, 1), WithinAbs(0.5 * 1.0, 1e-12));
    CHECK_THAT(cov(1, 1), WithinAbs(1.0, 1e-12));
    CHECK_THAT(cov(2, 2), WithinAbs(0.5 * 0.5, 1e-12));
    CHECK_THAT(total(cov), WithinAbs(2.0 * 2.0, 1e-12));
}

TEST_CASE("ring orientation does not matter", "[coverage]") {
    const Grid g(0, 3, 1, 1, 3, 3);
    Polygon cw = rect(0.5, 0.5, 2.5, 2.5);
    std::reverse(cw.outer.begin(), cw.outer.end());
    const auto a = coverage_fraction({rect(0.5, 0.5, 2.5, 2.5)}, g);
    const auto b = coverage_fraction({cw}, g);
    for (std::size_t i = 0; i < a.size(); ++i) CHECK_THAT(a.values()[i], WithinAbs(b.values()[i], 1e-12));
}

TEST_CASE("a triangle", "[coverage]") {
    const Grid g(0, 2, 1, 1, 2, 2);
    // Triangle (0,0) (2,0) (0,2): its diagonal x + y = 2 runs through the corners of the
    // top-left and bottom-right cells, halving them, and leaves the top-right cell outside.
    const Polygon tri{{{0, 0}, {2, 0}, {0, 2}}, {}};
    const auto cov = coverage_fraction({tri}, g);
    CHECK_THAT(cov(1, 0), WithinAbs(1.0, 1e-12));       // cell x 0..1, y 0..1: fully below the diagonal
    CHECK_THAT(cov(0, 0), WithinAbs(0.5, 1e-12));       // cell x 0..1, y 1..2: half (triangle 1*1/2)
    CHECK_THAT(cov(1, 1), WithinAbs(0.5, 1e-12));       // cell x 1..2, y 0..1: half
    CHECK_THAT(cov(0, 1), WithinAbs(0.0, 1e-12));       // cell x 1..2, y 1..2: above the diagonal
    CHECK_THAT(total(cov), WithinAbs(2.0 * 2.0 / 2.0, 1e-12));
}

TEST_CASE("a polygon with a hole", "[coverage]") {
    const Grid g(0, 3, 1, 1, 3, 3);
    Polygon p = rect(0, 0, 3, 3);
    p.holes.push_back(rect(1.25, 1.25, 1.75, 1.75).outer);  // a 0.5 x 0.5 hole inside the centre cell
    const auto cov = coverage_fraction({p}, g);
    CHECK_THAT(cov(1, 1), WithinAbs(1.0 - 0.5 * 0.5, 1e-12));
    CHECK_THAT(cov(0, 0), WithinAbs(1.0, 1e-12));
    CHECK_THAT(total(cov), WithinAbs(9.0 - 0.25, 1e-12));
}

TEST_CASE("a multipolygon", "[coverage]") {
    const Grid g(0, 2, 1, 1, 4, 2);
    // Two parts: x 0..1 full column-ish square, and a sliver square x 2.5..3.5, y 0..1.
    const MultiPolygon mp{rect(0, 0, 1, 1), rect(2.5, 0, 3.5, 1)};
    const auto cov = coverage_fraction(mp, g);
    CHECK_THAT(cov(1, 0), WithinAbs(1.0, 1e-12));
    CHECK_THAT(cov(1, 2), WithinAbs(0.5, 1e-12));
    CHECK_THAT(cov(1, 3), WithinAbs(0.5, 1e-12));
    CHECK_THAT(cov(0, 0), WithinAbs(0.0, 1e-12));
    CHECK_THAT(total(cov), WithinAbs(1.0 + 1.0, 1e-12));
}

TEST_CASE("a polygon larger than the grid covers every cell fully", "[coverage]") {
    const Grid g(10, 20, 2, 2, 3, 2);
    const auto cov = coverage_fraction({rect(-100, -100, 100, 100)}, g);
    for (double v : cov.values()) CHECK_THAT(v, WithinAbs(1.0, 1e-12));
}

TEST_CASE("a polygon partly outside the grid counts only its inside part", "[coverage]") {
    const Grid g(0, 2, 1, 1, 2, 2);
    // x -1..0.5, y 1.5..5: inside the grid only x 0..0.5, y 1.5..2 → a quarter of cell (0,0).
    const auto cov = coverage_fraction({rect(-1, 1.5, 0.5, 5)}, g);
    CHECK_THAT(cov(0, 0), WithinAbs(0.5 * 0.5, 1e-12));
    CHECK_THAT(total(cov), WithinAbs(0.25, 1e-12));
}

TEST_CASE("a sliver", "[coverage]") {
    const Grid g(0, 1, 1, 1, 3, 1);
    // A 1e-6 high strip over x 0.2..2.7: cells get (0.8, 1.0, 0.7) × 1e-6.
    const auto cov = coverage_fraction({rect(0.2, 0.5, 2.7, 0.5 + 1e-6)}, g);
    CHECK_THAT(cov(0, 0), WithinAbs(0.8e-6, 1e-15));
    CHECK_THAT(cov(0, 1), WithinAbs(1.0e-6, 1e-15));
    CHECK_THAT(cov(0, 2), WithinAbs(0.7e-6, 1e-15));
}

TEST_CASE("cells of projected size and offset origin", "[coverage]") {
    const Grid g(155000, 445000, 10, 10, 2, 1);
    // x 155005..155020, y 444995..445000: half of the first cell's height over half its width.
    const auto cov = coverage_fraction({rect(155005, 444995, 155020, 445000)}, g);
    CHECK_THAT(cov(0, 0), WithinAbs(0.5 * 0.5, 1e-9));
    CHECK_THAT(cov(0, 1), WithinAbs(1.0 * 0.5, 1e-9));
}

TEST_CASE("invariant: sum of coverage x cell area = area of polygon ∩ grid (random polygons)", "[coverage][invariant]") {
    std::mt19937_64 rng(12345);
    std::uniform_real_distribution<double> centre(-2.0, 12.0), radius(0.3, 6.0), jitter(0.4, 1.0);
    const Grid g(0, 10, 0.7, 0.5, 14, 20);  // non-square cells
    for (int trial = 0; trial < 200; ++trial) {
        // A star-shaped polygon around a random centre: always simple.
        const double cx = centre(rng), cy = centre(rng), r = radius(rng);
        const int n = 3 + trial % 17;
        Ring ring;
        for (int i = 0; i < n; ++i) {
            const double a = 2 * M_PI * i / n;
            const double ri = r * jitter(rng);
            ring.push_back({cx + ri * std::cos(a), cy + ri * std::sin(a)});
        }
        const auto cov = coverage_fraction({Polygon{ring, {}}}, g);
        const double expected = std::fabs(signed_area(clip(ring, g.extent())));
        CHECK_THAT(total(cov) * g.cell_area(), WithinAbs(expected, 1e-9 * (1 + expected)));
        for (double v : cov.values()) {
            CHECK(v >= 0.0);
            CHECK(v <= 1.0);
        }
        // And cell by cell against the clipping oracle, on a few cells.
        for (int k = 0; k < 5; ++k) {
            const int row = (trial * 7 + k * 3) % g.rows(), col = (trial * 5 + k) % g.cols();
            const double cell = std::fabs(signed_area(clip(ring, g.cell_box(row, col)))) / g.cell_area();
            CHECK_THAT(cov(row, col), WithinAbs(cell, 1e-9));
        }
    }
}

TEST_CASE("invariant: zones that tile a square cover every cell exactly once", "[coverage][invariant]") {
    // Split the square 0..6 x 0..6 by a jagged line into two zones, and the lower zone again by a
    // slanted line: three zones whose coverages must add up to 1 in every cell.
    const Grid g(-0.25, 6.25, 0.5, 0.5, 13, 13);  // grid larger than the square, offset origin
    const Ring upper{{0, 3.1}, {1.7, 2.2}, {3.3, 4.05}, {6, 2.9}, {6, 6}, {0, 6}};
    const Ring lower_left{{0, 0}, {2.45, 0}, {4.1, 3.4}, {3.3, 4.05}, {1.7, 2.2}, {0, 3.1}};
    const Ring lower_right{{2.45, 0}, {6, 0}, {6, 2.9}, {3.3, 4.05}, {4.1, 3.4}};
    const auto a = coverage_fraction({Polygon{upper, {}}}, g);
    const auto b = coverage_fraction({Polygon{lower_left, {}}}, g);
    const auto c = coverage_fraction({Polygon{lower_right, {}}}, g);
    const auto square = coverage_fraction({rect(0, 0, 6, 6)}, g);
    for (std::size_t i = 0; i < g.size(); ++i)
        CHECK_THAT(a.values()[i] + b.values()[i] + c.values()[i], WithinAbs(square.values()[i], 1e-12));
    CHECK_THAT(total(square) * g.cell_area(), WithinAbs(36.0, 1e-12));
}

TEST_CASE("a hole filled by another zone: the two tile exactly", "[coverage][invariant]") {
    const Grid g(0, 4, 1, 1, 4, 4);
    Polygon outer = rect(0, 0, 4, 4);
    const Polygon inner{{{1.3, 1.1}, {2.9, 1.4}, {2.2, 3.3}}, {}};
    outer.holes.push_back(inner.outer);
    const auto a = coverage_fraction({outer}, g);
    const auto b = coverage_fraction({inner}, g);
    for (std::size_t i = 0; i < g.size(); ++i) CHECK_THAT(a.values()[i] + b.values()[i], WithinAbs(1.0, 1e-12));
}
