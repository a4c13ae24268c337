// Exact coverage fractions on hand-made cases; expected values are written as the arithmetic
// that produces them. Grids are 1x1-unit cells unless said otherwise.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include "burdenmap/core/CoverageFraction.h"
#include "burdenmap/core/Errors.h"

using namespace burdenmap;
using Catch::Matchers::Contains;
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

// The last step of coverage_fraction as it was written before issue 18: down each column with a
// running sum. Kept here only as the reference the row-major loop must equal bit for bit.
std::vector<double> resolve_down_columns(coverage_detail::BoundarySums sums, int cols, int rows) {
    constexpr double kSnap = 1e-9;
    for (int c = 0; c < cols; ++c) {
        double running = 0.0;
        for (int r = 0; r < rows; ++r) {
            running += sums.below[static_cast<std::size_t>(r) * cols + c];
            double& f = sums.cells[static_cast<std::size_t>(r) * cols + c];
            f += running;
            f = f < kSnap ? 0.0 : f > 1.0 - kSnap ? 1.0 : f;
        }
    }
    return sums.cells;
}

// A star-shaped ring around (cx, cy): simple for any radii.
Ring star(std::mt19937_64& rng, double cx, double cy, double r, int n) {
    std::uniform_real_distribution<double> jitter(0.4, 1.0);
    Ring ring;
    for (int i = 0; i < n; ++i) {
        const double a = 2 * M_PI * i / n;
        const double ri = r * jitter(rng);
        ring.push_back({cx + ri * std::cos(a), cy + ri * std::sin(a)});
    }
    return ring;
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

TEST_CASE("row by row gives the same bits as down each column (random polygons, holes, multipolygons)", "[coverage][invariant]") {
    std::mt19937_64 rng(18);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    // Non-square cells, an origin at RD coordinates and one near 0, grids wider than tall and
    // the other way round.
    const Grid grids[] = {Grid(155000, 463000, 10, 10, 37, 23), Grid(-3.5, 20, 0.7, 0.5, 19, 41)};
    int compared = 0, cut = 0;
    for (const Grid& g : grids) {
        const Box e = g.extent();
        for (int trial = 0; trial < 60; ++trial) {
            MultiPolygon mp;
            const int parts = 1 + trial % 3;
            for (int k = 0; k < parts; ++k) {
                // Parts side by side in x, each within its own strip of width w, so they never
                // overlap; some reach past the grid's top or bottom.
                const double w = e.width() / parts;
                const double cx = e.xmin + w * (k + 0.5) + (unit(rng) - 0.5) * 0.1 * w;
                const double cy = e.ymin - 0.2 * e.height() + unit(rng) * 1.4 * e.height();
                const double r = (0.1 + 0.3 * unit(rng)) * w;
                Polygon p{star(rng, cx, cy, r, 3 + (trial * 7 + k) % 40), {}};
                // A hole inside the star: the star's vertices are at least 0.4 r out, so its edges
                // at least 0.2 r (a triangle's); the hole's vertices at most 0.18 r.
                if ((trial + k) % 2 == 0) p.holes.push_back(star(rng, cx, cy, 0.18 * r, 3 + trial % 9));
                if (trial % 4 == 1) std::reverse(p.outer.begin(), p.outer.end());
                mp.push_back(p);
            }
            const std::vector<double> row_major =
                coverage_detail::resolve(coverage_detail::boundary_sums(mp, g), g.cols(), g.rows());
            const std::vector<double> column_major =
                resolve_down_columns(coverage_detail::boundary_sums(mp, g), g.cols(), g.rows());
            REQUIRE(row_major.size() == column_major.size());
            INFO("grid " << g.describe() << ", trial " << trial);
            CHECK(std::memcmp(row_major.data(), column_major.data(), row_major.size() * sizeof(double)) == 0);
            // And coverage_fraction is that loop.
            const auto cov = coverage_fraction(mp, g);
            CHECK(std::memcmp(cov.data(), row_major.data(), row_major.size() * sizeof(double)) == 0);
            ++compared;
            for (double v : row_major) cut += v > 0 && v < 1;
        }
    }
    CHECK(compared == 120);
    CHECK(cut > 1000);  // the polygons really cut cells, so the sums had work to do
}

TEST_CASE("a NaN or infinite coordinate is an input error naming the part and ring", "[coverage][errors]") {
    const Grid g(0, 3, 1, 1, 3, 3);
    const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
    Polygon with_nan = rect(0.5, 0.5, 2.5, 2.5);
    with_nan.outer[2].x = nan;
    CHECK_THROWS_AS(coverage_fraction({with_nan}, g), InputError);
    CHECK_THROWS_WITH(coverage_fraction({with_nan}, g), Contains("polygon 1, outer ring") && Contains("not a finite number"));

    Polygon with_inf_hole = rect(0, 0, 3, 3);
    with_inf_hole.holes.push_back(rect(1.2, 1.2, 1.8, 1.8).outer);
    with_inf_hole.holes.push_back(rect(0.2, 0.2, 0.8, 0.8).outer);
    with_inf_hole.holes[1][0].y = -inf;
    CHECK_THROWS_WITH(coverage_fraction({rect(0, 0, 1, 1), with_inf_hole}, g), Contains("polygon 2, hole 2"));

    // +inf in x, and a NaN far outside the grid, are refused too, not skipped as "outside".
    Polygon far = rect(10, 10, 11, 11);
    far.outer[1].x = inf;
    CHECK_THROWS_AS(coverage_fraction({far}, g), InputError);
    far.outer[1] = {nan, nan};
    CHECK_THROWS_AS(coverage_fraction({far}, g), InputError);
}

#ifdef NDEBUG
// Debug builds assert instead (their sanitizer suite stops there); these show what the assertion
// stands for: invalid input comes out as it is, no longer clamped into [0, 1] where it would pass.
TEST_CASE("invalid polygons are not hidden by clamping (release builds)", "[coverage]") {
    const Grid g(0, 2, 1, 1, 2, 2);
    // The same part twice counts twice.
    const auto twice = coverage_fraction({rect(0, 0, 2, 2), rect(0, 0, 2, 2)}, g);
    for (double v : twice.values()) CHECK_THAT(v, WithinAbs(2.0, 1e-12));
    // A hole sticking out of its shell takes area from cells the shell does not cover.
    Polygon p = rect(0, 0, 1, 2);
    p.holes.push_back(rect(0.5, 0.5, 1.5, 1.5).outer);
    const auto cov = coverage_fraction({p}, g);
    CHECK_THAT(cov(0, 1), WithinAbs(-0.25, 1e-12));
    CHECK_THAT(cov(1, 1), WithinAbs(-0.25, 1e-12));
}
#endif
