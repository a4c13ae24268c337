// Grid, Window and BlockLayout arithmetic.
#include <catch2/catch.hpp>

#include <limits>

#include "burdenmap/core/BlockLayout.h"
#include "burdenmap/core/Grid.h"

using namespace burdenmap;

TEST_CASE("a grid maps cells to coordinates, row 0 at the top", "[grid]") {
    const Grid g(100.0, 200.0, 10.0, 5.0, 4, 3);  // x 100..140, y 185..200
    CHECK(g.size() == 12);
    CHECK(g.cell_area() == 50.0);
    CHECK(g.x_center(0) == 105.0);
    CHECK(g.y_center(0) == 197.5);
    CHECK(g.y_top(3) == 185.0);
    const Box e = g.extent();
    CHECK(e.xmin == 100.0);
    CHECK(e.ymin == 185.0);
    CHECK(e.xmax == 140.0);
    CHECK(e.ymax == 200.0);
    const Box c = g.cell_box(1, 2);  // x 120..130, y 190..195
    CHECK(c.xmin == 120.0);
    CHECK(c.xmax == 130.0);
    CHECK(c.ymin == 190.0);
    CHECK(c.ymax == 195.0);
}

TEST_CASE("snapped grids put their edges on multiples of the resolution", "[grid]") {
    const Grid g = Grid::snapped(Box{151003.0, 440007.0, 157996.0, 447999.5}, 10.0);
    CHECK(g.x0() == 151000.0);
    CHECK(g.y0() == 448000.0);
    CHECK(g.cols() == (158000 - 151000) / 10);
    CHECK(g.rows() == (448000 - 440000) / 10);
    // An extent already on the lattice keeps its size.
    const Grid h = Grid::snapped(Box{0.0, 0.0, 30.0, 20.0}, 10.0);
    CHECK(h.cols() == 3);
    CHECK(h.rows() == 2);
}

TEST_CASE("window_for clips a box to the cells it touches", "[grid]") {
    const Grid g(0.0, 100.0, 10.0, 10.0, 10, 10);
    const Window w = g.window_for(Box{15.0, 42.0, 35.0, 95.0});
    // columns 1..3 (x 10..40), rows 0..5 (y 100..40)
    CHECK(w == Window{1, 0, 3, 6});
    CHECK(g.window_for(Box{-50.0, -50.0, -10.0, -10.0}).empty());
    CHECK(g.window_for(Box{-50.0, -50.0, 500.0, 500.0}) == Window{0, 0, 10, 10});
    const Grid sub = g.subgrid(Window{2, 3, 4, 5});
    CHECK(sub.x0() == 20.0);
    CHECK(sub.y0() == 70.0);
    CHECK(sub.cols() == 4);
    CHECK(Grid::intersect(Window{0, 0, 5, 5}, Window{3, 4, 5, 5}) == Window{3, 4, 2, 1});
    CHECK(Grid::intersect(Window{0, 0, 2, 2}, Window{3, 3, 1, 1}).empty());
}

TEST_CASE("window_for clamps far-away and infinite boxes before converting to cells", "[grid]") {
    // Cell numbers of 1e11 and more do not fit an int: converting them first was undefined
    // behaviour (the sanitizer build checks these stay defined).
    const Grid g(155000.0, 463000.0, 10.0, 10.0, 10, 10);  // x 155000..155100, y 462900..463000
    CHECK(g.window_for(Box{1e12, 1e12, 1e12 + 10, 1e12 + 10}).empty());
    CHECK(g.window_for(Box{-1e12, -1e12, -1e12 + 10, -1e12 + 10}).empty());
    CHECK(g.window_for(Box{-1e12, 462950.0, 155025.0, 1e12}) == Window{0, 0, 3, 5});
    CHECK(g.window_for(Box{155075.0, -1e12, 1e12, 462925.0}) == Window{7, 7, 3, 3});
    CHECK(g.window_for(Box{-1e12, -1e12, 1e12, 1e12}) == Window{0, 0, 10, 10});
    const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
    CHECK(g.window_for(Box{-inf, -inf, inf, inf}) == Window{0, 0, 10, 10});
    CHECK(g.window_for(Box{inf, inf, inf, inf}).empty());
    CHECK(g.window_for(Box{}).empty());  // the empty box: +inf minimum, -inf maximum
    // A NaN side touches no cell; the range test alone would let it through (comparisons with NaN
    // are all false) to a cast of NaN.
    CHECK(g.window_for(Box{nan, 462950.0, 155025.0, 463000.0}).empty());
    CHECK(g.window_for(Box{155000.0, 462900.0, 155100.0, nan}).empty());
}

TEST_CASE("a block layout covers every cell exactly once in row-major order", "[grid]") {
    const BlockLayout layout(37, 21, 16);
    // ceil(37/16) = 3 columns of blocks, ceil(21/16) = 2 rows of blocks
    REQUIRE(layout.count() == 6);
    CHECK(layout[0] == Window{0, 0, 16, 16});
    CHECK(layout[2] == Window{32, 0, 5, 16});
    CHECK(layout[3] == Window{0, 16, 16, 5});
    std::vector<int> hits(37 * 21, 0);
    for (const Window& w : layout.windows())
        for (int r = w.row_off; r < w.row_off + w.rows; ++r)
            for (int c = w.col_off; c < w.col_off + w.cols; ++c) ++hits[r * 37 + c];
    for (int h : hits) CHECK(h == 1);
}
