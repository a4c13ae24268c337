// compare's by_income and the alternatives' headline on the hand-made 4 zones (CompareFixture.h).
#include <catch2/catch.hpp>
#include <cmath>

#include "CompareFixture.h"
#include "burdenmap/compare/IncomeChange.h"

using namespace burdenmap;
using namespace compare_test;

TEST_CASE("compare by income: residents-weighted means per quintile and the shares better / same / worse, by hand", "[compare]") {
    const ZoneTables t = four_zones();
    const auto rows = income_change(t, {stapeling(), noise_cum()});
    // Quintiles 1 and 5, one plan, two measures.
    REQUIRE(rows.size() == 4);
    const IncomeChangeRow& q1 = rows[0];
    CHECK(q1.quintile == 1);
    CHECK(q1.label == "screen");
    CHECK(q1.measure == "stapeling");
    // Quintile 1 = zones A (100 residents) and B (200).
    CHECK(q1.residents_base == Approx(300));
    CHECK(q1.residents_plan == Approx(300));
    // base (100 x 2.0 + 200 x 1.0) / 300 = 4/3; plan (100 x 1.0 + 200 x 1.005) / 300 = 301/300.
    CHECK(q1.mean_base == Approx(4.0 / 3.0));
    CHECK(q1.mean_plan == Approx(301.0 / 300.0));
    CHECK(q1.mean_change == Approx(301.0 / 300.0 - 4.0 / 3.0));
    // A better (100 plan residents), B the same (200): 1/3, 2/3, 0.
    CHECK(q1.share_better == Approx(1.0 / 3.0));
    CHECK(q1.share_same == Approx(2.0 / 3.0));
    CHECK(q1.share_worse == 0.0);
    // noise_cum in quintile 1: base (100 x 60 + 200 x 55) / 300 = 170/3; plan (100 x 57 + 200 x 55.4) / 300 = 16780/300.
    const IncomeChangeRow& q1_noise = rows[1];
    CHECK(q1_noise.measure == "noise_cum");
    CHECK(q1_noise.mean_base == Approx(170.0 / 3.0));
    CHECK(q1_noise.mean_plan == Approx(16780.0 / 300.0));
    // Quintile 5 = C (300 -> 400 residents) and D (no residents, no values: left out of the means).
    const IncomeChangeRow& q5 = rows[2];
    CHECK(q5.quintile == 5);
    CHECK(q5.residents_base == Approx(300));
    CHECK(q5.residents_plan == Approx(400));
    CHECK(q5.mean_base == Approx(0.5));
    CHECK(q5.mean_plan == Approx(1.5));
    CHECK(q5.mean_change == Approx(1.0));
    CHECK(q5.share_worse == Approx(1.0));
    // noise_cum in quintile 5: C's base _pop_mean 50, the plan's _mean 52 (no _pop_mean there).
    CHECK(rows[3].mean_base == Approx(50));
    CHECK(rows[3].mean_plan == Approx(52));

    const auto summaries = summarise(t, stapeling(), rows, {});
    REQUIRE(summaries.size() == 1);
    CHECK(summaries[0].label == "screen");
    CHECK(summaries[0].headline == "stapeling");
    // Plan residents: A better 100, B same 200, C worse 400; D not judged.
    CHECK(summaries[0].residents_better == Approx(100));
    CHECK(summaries[0].residents_same == Approx(200));
    CHECK(summaries[0].residents_worse == Approx(400));
    REQUIRE(summaries[0].lowest_quintile_change);
    CHECK(*summaries[0].lowest_quintile_change == Approx(301.0 / 300.0 - 4.0 / 3.0));
    REQUIRE(summaries[0].highest_quintile_change);
    CHECK(*summaries[0].highest_quintile_change == Approx(1.0));
}

TEST_CASE("compare by income: no income_quintile column gives no rows and no quintile change", "[compare]") {
    ZoneTables t = four_zones();
    for (ZoneRows* z : {&t.base, &t.plans[0]}) z->columns[3] = "not_income";
    const auto rows = income_change(t, {stapeling()});
    CHECK(rows.empty());
    const auto s = summarise(t, stapeling(), rows, {});
    CHECK(s[0].residents_worse == Approx(400));
    CHECK_FALSE(s[0].lowest_quintile_change);
}

TEST_CASE("compare by income: a quintile without residents has NaN means and shares, not 0", "[compare]") {
    ZoneTables t = four_zones();
    t.base.rows[2][2] = std::monostate{};  // C without residents in the base
    t.plans[0].rows[1][2] = std::monostate{};
    const auto rows = income_change(t, {stapeling()});
    REQUIRE(rows.size() == 2);
    CHECK(std::isnan(rows[1].mean_base));
    CHECK(std::isnan(rows[1].share_worse));
}

TEST_CASE("compare summary: residents in all zones and at each layer's burden level, base and plan", "[compare]") {
    ZoneTables t = four_zones();
    // road_noise flags class 2 and up: its _pop_ge2 column is class 2's residents here.
    // base A 50, B 0, C 0, D NULL = 50; plan A 0, B 0, C 0 = 0.
    t.base.columns.push_back("road_noise_pop_ge2");
    t.plans[0].columns.push_back("road_noise_pop_ge2");
    for (auto& row : t.base.rows) row.push_back(row[9]);
    for (auto& row : t.plans[0].rows) row.push_back(row[9]);
    ComparedMeasure road = cumulation("road_noise", "dB", 0.5);
    road.kind = ComparedMeasure::Kind::layer;
    ComparedMeasure road_short = road;  // a layer "road" must not take road_noise's column
    road_short.name = road_short.layer = "road";
    const auto s = summarise(t, stapeling(), {}, {stapeling(), road, road_short});
    REQUIRE(s.size() == 1);
    // 100 + 200 + 300 in the base; 100 + 200 + 400 in the plan (D has none).
    CHECK(s[0].residents_base_total == Approx(600));
    CHECK(s[0].residents_plan_total == Approx(700));
    REQUIRE(s[0].at_burden_level.size() == 1);
    CHECK(s[0].at_burden_level[0].layer == "road_noise");
    CHECK(s[0].at_burden_level[0].level == 2);
    CHECK(s[0].at_burden_level[0].base == Approx(50));
    CHECK(s[0].at_burden_level[0].plan == Approx(0));
}
