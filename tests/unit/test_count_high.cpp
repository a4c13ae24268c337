// Count of indicators in the "high" class (lib/burdenmap/fair/CountHigh.h), Berlin
// Umweltgerechtigkeit style (Berlin Umweltatlas "Umweltgerechtigkeit"; the counting is [R]).
#include <catch2/catch.hpp>

#include <stdexcept>

#include "burdenmap/fair/CountHigh.h"
#include "support/TestValues.h"

using namespace burdenmap::fair;

namespace {

using burdenmap::test::NUL;
}

TEST_CASE("count_high: inclusive class boundaries, reversed indicators, NULLs counted as missing") {
    const std::vector<Indicator> ind = {
        {"road_noise", "road noise", "", Direction::higher_is_worse, {63.2, 60.0, 59.9, NUL}},
        {"no2", "NO2", "", Direction::higher_is_worse, {20.0, 30.0, 25.0, 41.0}},
        {"green", "green space", "", Direction::higher_is_better, {12.5, 15.0, 40.0, NUL}}};
    const std::vector<HighClass> high = {{60.0, "dB Lden"}, {25.0, "µg/m³"}, {15.0, ""}};
    const auto z = count_high(ind, high);
    // Zone 0: noise 63.2 >= 60, NO2 20 < 25, green 12.5 <= 15 → 2.
    CHECK(z[0].count_high == 2);
    CHECK(reasons_text(z[0].reasons) == "road noise 63.2 dB Lden, at or above 60; green space 12.5, at or below 15");
    // Zone 1: all three exactly at the boundary → 3.
    CHECK(z[1].count_high == 3);
    // Zone 2: 59.9 < 60, 25 >= 25, 40 > 15 → 1.
    CHECK(z[2].count_high == 1);
    // Zone 3: only NO2 known (41 >= 25) → 1, with 2 missing.
    CHECK(z[3].count_high == 1);
    CHECK(z[3].n_present == 1);
    CHECK(z[3].n_missing == 2);
    REQUIRE_THROWS_AS(count_high(ind, {{60.0, ""}}), std::invalid_argument);
}
