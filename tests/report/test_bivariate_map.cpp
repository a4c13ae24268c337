// The burden x income map of the report's fairness section: zones filled with their bivariate
// class on the burden map's pixels (holes, overlaps, zones without a class), in nine classes.
#include <catch2/catch.hpp>

#include <cmath>
#include <optional>

#include "burdenmap/report/BivariateMap.h"

using namespace burdenmap;

TEST_CASE("the burden x income map fills each zone with its bivariate class", "[report][quicklook][bivariate]") {
    const Grid grid(0, 10, 1, 1, 10, 10);  // pixels of 1 x 1 from (0, 0) to (10, 10)
    // Zone 0: 0..6 square with a hole 2..4; zone 1: 4..10, overlapping zone 0 on 4..6; zone 2: no class.
    Polygon square{{{0, 0}, {6, 0}, {6, 6}, {0, 6}}, {{{2, 2}, {4, 2}, {4, 4}, {2, 4}}}};
    Polygon right{{{4, 0}, {10, 0}, {10, 6}, {4, 6}}, {}};
    Polygon top{{{0, 6}, {10, 6}, {10, 10}, {0, 10}}, {}};
    const Raster<float> r = report::zone_classes_on(grid, {{square}, {right}, {top}}, {9.0, 1.0, std::nullopt});
    CHECK(r(9, 0) == 9.0f);              // centre (0.5, 0.5): zone 0
    CHECK(std::isnan(r(7, 2)));          // centre (2.5, 2.5): in the hole of zone 0, in no other zone
    CHECK(r(9, 4) == 9.0f);              // centre (4.5, 0.5): both; the first zone keeps it
    CHECK(r(9, 8) == 1.0f);              // centre (8.5, 0.5): zone 1
    CHECK(std::isnan(r(1, 1)));          // zone 2 has no class
    const report::RasterStyle s = report::bivariate_raster_style();
    REQUIRE(s.stops.size() == 9);
    CHECK(s.discrete);
    CHECK(s.stops.front().label == "A1");
    CHECK(s.stops.back().label == "C3");
    CHECK(s.stops[5].label == "B3");
}
