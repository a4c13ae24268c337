// The GeoTIFF writer's pure maths (core/BandStatistics.h): per-window moments merged into band
// statistics, the COG driver's overview factors and the averaged overview cells, on tiny
// hand-made windows with NaN cells, no valid cell, one cell and odd sizes.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "burdenmap/core/BandStatistics.h"

using namespace burdenmap;

namespace {
const float nan_cell = std::numeric_limits<float>::quiet_NaN();
const double inf = std::numeric_limits<double>::infinity();
}  // namespace

TEST_CASE("band statistics: a window's moments leave NaN cells out", "[band-statistics]") {
    const float cells[] = {1, nan_cell, 2, 3, nan_cell, 6};
    const WindowMoments w = window_moments(cells, 6);
    CHECK(w.count == 4);
    CHECK(w.mean == 3);
    CHECK(w.m2 == 14);  // 4 + 1 + 0 + 9
    CHECK(w.min == 1);
    CHECK(w.max == 6);
}

TEST_CASE("band statistics: a window without a valid cell counts nothing and changes nothing", "[band-statistics]") {
    const float cells[] = {nan_cell, nan_cell, nan_cell};
    const WindowMoments w = window_moments(cells, 3);
    CHECK(w.count == 0);
    CHECK(w.mean == 0);
    CHECK(w.m2 == 0);
    CHECK(w.min == inf);
    CHECK(w.max == -inf);
    BandStatistics s;
    s.merge(w);
    CHECK(s.count == 0);
    CHECK(s.min == inf);
    CHECK(s.max == -inf);
    const float one[] = {4};
    s.merge(window_moments(one, 1));
    s.merge(w);
    CHECK(s.count == 1);
    CHECK(s.mean == 4);
    CHECK(s.m2 == 0);
}

TEST_CASE("band statistics: one cell", "[band-statistics]") {
    const float cell[] = {2.5f};
    const WindowMoments w = window_moments(cell, 1);
    CHECK(w.count == 1);
    CHECK(w.mean == 2.5);
    CHECK(w.m2 == 0);
    CHECK(w.min == 2.5);
    CHECK(w.max == 2.5);
    BandStatistics s;
    s.merge(w);
    CHECK(s.stddev() == 0);
    CHECK(s.valid_percent(4) == 25);
}

TEST_CASE("band statistics: windows merged in order give Chan et al.'s numbers, those of all cells at once",
          "[band-statistics]") {
    const float a[] = {1, 2, 3}, b[] = {nan_cell, 5, 7};
    BandStatistics s;
    s.merge(window_moments(a, 3));  // count 3, mean 2, m2 2
    s.merge(window_moments(b, 3));  // count 2, mean 6, m2 2
    CHECK(s.count == 5);
    CHECK(s.min == 1);
    CHECK(s.max == 7);
    // The update's own arithmetic, bit for bit (delta = 4): what the writer stores.
    CHECK(s.mean == 2.0 + 4.0 * 2.0 / 5.0);
    CHECK(s.m2 == 2.0 + (2.0 + 4.0 * 4.0 * 3.0 * 2.0 / 5.0));
    // And the statistics of 1, 2, 3, 5, 7 computed directly.
    CHECK(s.mean == Approx(3.6).epsilon(1e-15));
    CHECK(s.m2 == Approx(23.2).epsilon(1e-15));
    CHECK(s.stddev() == std::sqrt(s.m2 / 5));
    CHECK(s.valid_percent(10) == 50);

    const float all[] = {1, 2, 3, 5, 7};
    const WindowMoments whole = window_moments(all, 5);
    CHECK(whole.mean == Approx(s.mean).epsilon(1e-15));
    CHECK(whole.m2 == Approx(s.m2).epsilon(1e-15));
}

TEST_CASE("band statistics: the COG driver's overview factors", "[band-statistics]") {
    CHECK(cog_overview_factors(512, 512).empty());
    CHECK(cog_overview_factors(1, 1).empty());
    CHECK(cog_overview_factors(513, 10) == std::vector<int>{2});
    CHECK(cog_overview_factors(10, 1024) == std::vector<int>{2});
    CHECK(cog_overview_factors(1025, 1) == std::vector<int>{2, 4});  // 1025 -> 513 -> 257
    CHECK(cog_overview_factors(2000, 300) == std::vector<int>{2, 4});
    CHECK(cog_overview_factors(4096, 4096) == std::vector<int>{2, 4, 8});
}

TEST_CASE("band statistics: overview cells are means of the valid cells under them, exact at every level",
          "[band-statistics]") {
    // An odd 3 x 3 window: the last overview column and row cover one cell column and row.
    const float cells[] = {1, 2, 3, 4, nan_cell, 6, 7, 8, 9};
    const auto levels = overview_cells(cells, 3, 3, 2);
    REQUIRE(levels.size() == 2);
    REQUIRE(levels[0].size() == 4);
    CHECK(levels[0][0] == static_cast<float>(7.0 / 3.0));  // 1, 2, 4 (the NaN is left out)
    CHECK(levels[0][1] == 4.5f);                            // 3, 6
    CHECK(levels[0][2] == 7.5f);                            // 7, 8
    CHECK(levels[0][3] == 9.0f);                            // 9
    REQUIRE(levels[1].size() == 1);
    // The mean of the eight valid cells (40 / 8), not the mean of the four means above (5.83).
    CHECK(levels[1][0] == 5.0f);
}

TEST_CASE("band statistics: an overview cell without a valid cell is NaN", "[band-statistics]") {
    const float cells[] = {nan_cell, nan_cell, 1, nan_cell};  // 2 x 2
    const auto one_level = overview_cells(cells, 2, 2, 1);
    REQUIRE(one_level.size() == 1);
    REQUIRE(one_level[0].size() == 1);
    CHECK(one_level[0][0] == 1.0f);
    const float none[] = {nan_cell, nan_cell, nan_cell, nan_cell};
    const auto empty = overview_cells(none, 2, 2, 2);
    REQUIRE(empty.size() == 2);
    CHECK(std::isnan(empty[0][0]));
    CHECK(std::isnan(empty[1][0]));
}

TEST_CASE("band statistics: overview cells of one cell and of an odd row", "[band-statistics]") {
    const float one[] = {3.25f};
    const auto single = overview_cells(one, 1, 1, 2);
    REQUIRE(single.size() == 2);
    CHECK(single[0] == std::vector<float>{3.25f});
    CHECK(single[1] == std::vector<float>{3.25f});
    const float row[] = {1, 2, 3, 4, 5};  // 5 x 1
    const auto levels = overview_cells(row, 5, 1, 2);
    REQUIRE(levels.size() == 2);
    CHECK(levels[0] == std::vector<float>{1.5f, 3.5f, 5.0f});
    CHECK(levels[1] == std::vector<float>{2.5f, 5.0f});
    CHECK(overview_cells(row, 5, 1, 0).empty());
}
