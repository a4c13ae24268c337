// CEJST-style designation (lib/burdenmap/fair/Cejst.h): thresholds exactly at 0.90 and 0.65,
// per-category flags, counts, the category gate, reasons, and the donut-hole option.
// Rules: [V-code] usds/justice40-tool @ 980ace3 (
// score_narwhal.py: ENVIRONMENTAL_BURDEN_THRESHOLD 0.90, LOW_INCOME_THRESHOLD 0.65, all `>=`).
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "burdenmap/fair/Cejst.h"
#include "support/TestValues.h"

using namespace burdenmap::fair;
using Catch::Matchers::Contains;

namespace {

using burdenmap::test::NUL;

RankedIndicator given_category(const std::string& label, const std::string& category, ZoneValues pct) {
    return rank_indicator(Indicator{label, label, category, Direction::higher_is_worse, std::move(pct)},
                          PercentileRule::given);
}

RankedIndicator low_income_given(ZoneValues pct) {
    return rank_indicator(Indicator{"low_income", "low income", "", Direction::higher_is_worse, std::move(pct)},
                          PercentileRule::given);
}

}  // namespace

TEST_CASE("CEJST thresholds are inclusive at exactly 0.90 and 0.65 (pandas percentiles)") {
    // 20 zones. PM2.5 raw value of zone i is i+1 → percentile (i+1)/20 (justice40-tool etl_score.py, no ties).
    // Low-income raw values are ranks chosen so that zone 17 sits at 13/20 = 0.65 exactly.
    ZoneValues pm25, income;
    const int income_rank[20] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14, 15, 16, 17, 18, 20, 13, 12, 19};
    for (int i = 0; i < 20; ++i) {
        pm25.push_back(i + 1.0);
        income.push_back(static_cast<double>(income_rank[i]));
    }
    const auto burden = rank_indicator({"pm25", "PM2.5", "energy", Direction::higher_is_worse, pm25}, PercentileRule::cejst);
    const auto low = rank_indicator({"low_income", "low income", "", Direction::higher_is_worse, income},
                                    PercentileRule::cejst);
    REQUIRE(*burden.percentile[17] == 0.90);  // 18/20
    REQUIRE(*low.percentile[17] == 0.65);     // 13/20
    const auto r = compute_cejst({burden}, low);
    // Zone 17: 0.90 and 0.65 → disadvantaged (both tests are >=).
    CHECK(r.zones[17].disadvantaged);
    CHECK(reasons_text(r.zones[17].reasons) == "PM2.5: at least as high as 90 % of areas; low income: at least as poor as 65 % of areas");
    // Zone 18: burden 19/20 = 0.95 but low income 12/20 = 0.60 → not; its burden is still exceeded.
    CHECK_FALSE(r.zones[18].disadvantaged);
    CHECK(r.zones[18].burden_exceeded[0]);
    CHECK_FALSE(r.zones[18].low_income);
    // Zone 16: burden 17/20 = 0.85, low income 20/20 = 1.0 → not.
    CHECK_FALSE(r.zones[16].disadvantaged);
    CHECK(r.zones[16].low_income);
    // Zone 19: 1.0 and 19/20 = 0.95 → disadvantaged. Nothing else is.
    CHECK(r.zones[19].disadvantaged);
    int n_dac = 0;
    for (const auto& z : r.zones) n_dac += z.disadvantaged ? 1 : 0;
    CHECK(n_dac == 2);
}

TEST_CASE("CEJST per-category flags, category and threshold counts, reasons") {
    // Percentiles given on 0–100 (rule `given`), compared as /100 on CEJST's 0–1 scale.
    const std::vector<RankedIndicator> burdens = {
        given_category("NO2", "transportation", {95.0, 95.0, 89.99, 10.0}),
        given_category("traffic", "transportation", {90.0, NUL, 50.0, 10.0}),
        given_category("PM2.5", "energy", {92.0, 50.0, 80.0, 10.0}),
        given_category("asthma", "health", {10.0, 99.0, 50.0, 90.0}),
    };
    const auto low = low_income_given({70.0, 64.9, 100.0, 65.0});
    const auto r = compute_cejst(burdens, low);
    CHECK(r.categories == std::vector<std::string>{"transportation", "energy", "health"});

    // Zone 0: NO2 and traffic exceed (transportation), PM2.5 exceeds (energy), low income 0.70.
    const auto& z0 = r.zones[0];
    CHECK(z0.category_flag == std::vector<bool>{true, true, false});
    CHECK(z0.category_count == 2);
    CHECK(z0.threshold_count == 3);
    CHECK(z0.disadvantaged);
    CHECK(z0.final_disadvantaged);
    CHECK(reasons_text(z0.reasons) ==
          "NO2: at least as high as 95 % of areas; traffic: at least as high as 90 % of areas; PM2.5: at least as high as 92 % of areas; "
          "low income: at least as poor as 70 % of areas");
    REQUIRE(z0.reasons.front().threshold.has_value());
    CHECK(*z0.reasons.front().threshold == Approx(90.0));

    // Zone 1: burdens exceeded in transportation and health, but low income 0.649 < 0.65.
    const auto& z1 = r.zones[1];
    CHECK(z1.burden_exceeded == std::vector<bool>{true, false, true});
    CHECK(z1.category_flag == std::vector<bool>{false, false, false});
    CHECK(z1.threshold_count == 0);
    CHECK_FALSE(z1.disadvantaged);
    CHECK(z1.reasons.empty());

    // Zone 2: NO2 at 89.99 does not reach 0.90, though income is at 1.0.
    CHECK(r.zones[2].burden_exceeded == std::vector<bool>{false, false, false});
    CHECK_FALSE(r.zones[2].disadvantaged);

    // Zone 3: asthma exactly 0.90, low income exactly 0.65 → health flag.
    const auto& z3 = r.zones[3];
    CHECK(z3.category_flag == std::vector<bool>{false, false, true});
    CHECK(z3.category_count == 1);
    CHECK(z3.threshold_count == 1);
    CHECK(z3.disadvantaged);
}

TEST_CASE("CEJST category gate replaces the low-income test (Workforce: education)") {
    // score_narwhal.py, burden categories: Workforce = indicator >= 0.90 AND >= 10 % adults without a high-school diploma, instead
    // of low income.
    const std::vector<RankedIndicator> burdens = {given_category("unemployment", "workforce", {95.0, 95.0})};
    const auto low = low_income_given({90.0, 10.0});
    const std::vector<CejstCategoryGate> gates = {
        {"workforce", "at least 10 % of adults without a high-school diploma", {false, true}}};
    const auto r = compute_cejst(burdens, low, {}, gates);
    CHECK_FALSE(r.zones[0].disadvantaged);  // low income, but the gate fails
    CHECK(r.zones[1].disadvantaged);        // not low income, the gate passes
    CHECK(reasons_text(r.zones[1].reasons) ==
          "unemployment: at least as high as 95 % of areas; at least 10 % of adults without a high-school diploma");
    REQUIRE_THROWS_WITH(compute_cejst(burdens, low, {}, {{"housing", "x", {true, true}}}),
                        Contains("unknown category 'housing'"));
}

TEST_CASE("CEJST donut-hole option on a 3x3 grid") {
    // 0 | 1 | 2
    // 3 | 4 | 5      queen contiguity (shared edge or vertex), drawn by hand
    // 6 | 7 | 8
    const Neighbours queen = {{1, 3, 4},          {0, 2, 3, 4, 5},    {1, 4, 5},
                              {0, 1, 4, 6, 7},    {0, 1, 2, 3, 5, 6, 7, 8}, {1, 2, 4, 7, 8},
                              {3, 4, 7},          {3, 4, 5, 6, 8},    {4, 5, 7}};
    // Every zone but the centre has NO2 at the 95th percentile and low income at the 70th; the
    // centre has NO2 at 50 and low income at 55 (below 0.65, at or above the donut's 0.50).
    const std::vector<RankedIndicator> burdens = {
        given_category("NO2", "transportation", {95.0, 95.0, 95.0, 95.0, 50.0, 95.0, 95.0, 95.0, 95.0})};
    const auto low = low_income_given({70.0, 70.0, 70.0, 70.0, 55.0, 70.0, 70.0, 70.0, 70.0});
    CejstOptions options;
    options.donut_hole = true;
    const auto r = compute_cejst(burdens, low, options, {}, &queen);
    const auto& centre = r.zones[4];
    CHECK_FALSE(centre.disadvantaged);
    CHECK(*centre.neighbour_share == 1.0);
    CHECK(centre.donut_hole);
    CHECK(centre.final_disadvantaged);
    CHECK(reasons_text(centre.reasons) == "all 8 neighbouring zones disadvantaged; low income: at least as poor as 55 % of areas");
    // Corner 0: neighbours 1, 3, 4 → 2 of 3 disadvantaged; it is disadvantaged itself anyway.
    CHECK(*r.zones[0].neighbour_share == Approx(2.0 / 3));
    CHECK_FALSE(r.zones[0].donut_hole);
    CHECK(r.zones[0].final_disadvantaged);
    // Without the option no donut is computed; with it, the neighbour lists are required.
    CHECK_FALSE(compute_cejst(burdens, low).zones[4].final_disadvantaged);
    REQUIRE_THROWS_WITH(compute_cejst(burdens, low, options), Contains("neighbour lists"));
}
