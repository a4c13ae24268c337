// EJScreen-style indexes (lib/burdenmap/fair/EjScreen.h) on a 5-zone table.
// Rules: EPA EJScreen 2.2 (EJ index = P_E × DEMOGIDX_2, supplemental
// with DEMOGIDX_5, EXCEED_COUNT_80 = #{P_D2 >= 80}) and its lookup percentiles, [V-code]
// USEPA/ejscreen-dataset-creator-2.2 EJScreenTool.py.
#include <catch2/catch.hpp>

#include "burdenmap/fair/EjScreen.h"
#include "support/TestValues.h"

using namespace burdenmap::fair;

namespace {

using burdenmap::test::NUL;
}

TEST_CASE("EJScreen: EJ index = percentile x demographic index, its lookup percentile, count >= 80") {
    // Environmental raw values 1..5 → lookup percentiles (index 4·p/100 hits each value exactly at
    // p = 0, 25, 50, 75, 100): P_E = 0, 25, 50, 75, 100; reversed order for the second indicator.
    const std::vector<RankedIndicator> env = {
        rank_indicator({"no2", "NO2", "", Direction::higher_is_worse, {1.0, 2.0, 3.0, 4.0, 5.0}}, PercentileRule::ejscreen),
        rank_indicator({"noise", "noise", "", Direction::higher_is_worse, {5.0, 4.0, 3.0, 2.0, 1.0}},
                       PercentileRule::ejscreen)};
    REQUIRE(env[0].percentile == ZoneValues{0.0, 25.0, 50.0, 75.0, 100.0});
    const ZoneValues demog = {1.0, 0.75, 0.5, 0.25, NUL};  // binary-exact, so the tie below is exact
    const ZoneValues supp = {0.5, 0.5, 0.5, 0.5, 0.5};
    const auto r = compute_ejscreen(env, demog, &supp);

    // NO2: D2 = 0·1, 25·0.75, 50·0.5, 75·0.25, NULL = 0, 18.75, 25, 18.75, NULL.
    const auto& no2 = r.indexes[0];
    REQUIRE(no2.ej_index[0].has_value());
    CHECK(*no2.ej_index[1] == 18.75);
    CHECK(*no2.ej_index[2] == 25.0);
    CHECK_FALSE(no2.ej_index[4].has_value());
    // Lookup of 0, 18.75, 18.75, 25 (index 3·p/100): 18.75 is first reached at p = 34 (index 1.02
    // lies between the two 18.75s → exactly 18.75, no step back); 25 only at p = 100.
    CHECK(no2.ej_index_percentile == ZoneValues{0.0, 34.0, 100.0, 34.0, NUL});

    // Noise: D2 = 100·1, 75·0.75, 50·0.5, 25·0.25 = 100, 56.25, 25, 6.25. Lookup of 6.25, 25,
    // 56.25, 100: 25 first reached at p = 34 (25.625), not exact → 33; 56.25 at p = 67
    // (56.6875) → 66; 100 → 100.
    CHECK(r.indexes[1].ej_index_percentile == ZoneValues{100.0, 66.0, 33.0, 0.0, NUL});

    // EXCEED_COUNT_80: zone 0 (noise 100), zone 2 (NO2 100); NULL counts as not exceeding.
    CHECK(r.zones[0].exceed_count == 1);
    CHECK(r.zones[1].exceed_count == 0);
    CHECK(r.zones[2].exceed_count == 1);
    CHECK(r.zones[3].exceed_count == 0);
    CHECK(r.zones[4].exceed_count == 0);
    CHECK(reasons_text(r.zones[2].reasons) == "EJ index NO2: among the highest of all areas");

    // Supplemental: D5 = P × 0.5 keeps the order of P: percentiles 0, 25, 50, 75, 100 and reversed.
    CHECK(no2.supplemental_percentile == ZoneValues{0.0, 25.0, 50.0, 75.0, 100.0});
    CHECK(*r.zones[0].exceed_count_supplemental == 1);  // noise 100
    CHECK(*r.zones[1].exceed_count_supplemental == 0);  // 25 and 75
    CHECK(*r.zones[4].exceed_count_supplemental == 1);  // NO2 100
}

TEST_CASE("EJScreen without a supplemental index leaves its columns empty") {
    const std::vector<RankedIndicator> env = {
        rank_indicator({"no2", "NO2", "", Direction::higher_is_worse, {1.0, 2.0}}, PercentileRule::ejscreen)};
    const auto r = compute_ejscreen(env, {0.5, 0.5});
    CHECK(r.indexes[0].supplemental_index.empty());
    CHECK_FALSE(r.zones[0].exceed_count_supplemental.has_value());
}

TEST_CASE("EJScreen bins (getBin)") {
    CHECK(*ejscreen_bin(100.0) == 11);
    CHECK(*ejscreen_bin(95.0) == 11);
    CHECK(*ejscreen_bin(94.0) == 10);
    CHECK(*ejscreen_bin(90.0) == 10);
    CHECK(*ejscreen_bin(80.0) == 9);
    CHECK(*ejscreen_bin(79.0) == 8);
    CHECK(*ejscreen_bin(10.0) == 2);
    CHECK(*ejscreen_bin(9.0) == 1);
    CHECK(*ejscreen_bin(0.0) == 1);
    CHECK_FALSE(ejscreen_bin(NUL).has_value());
}
