// Burden by income group and the most-burdened-decile comparison (lib/burdenmap/fair/
// IncomeGroups.h, BurdenedShare.h), on hand-made zones. Groups are population quantiles of the
// income ranking: group = 1 + floor(k·R), R = (population of poorer zones + ½·own) / total.
#include <catch2/catch.hpp>

#include <algorithm>
#include <stdexcept>

#include "burdenmap/fair/BurdenedShare.h"
#include "burdenmap/fair/IncomeGroups.h"
#include "support/TestValues.h"

using namespace burdenmap::fair;
using Catch::Matchers::Contains;

namespace {

using burdenmap::test::NUL;
using Groups = std::vector<std::optional<int>>;
}  // namespace

TEST_CASE("income groups: equal populations split evenly into quintiles and deciles") {
    // 10 zones of 100 residents, incomes 1..10: zone i has R = (100·i + 50)/1000.
    // Quintiles: 1 + floor(5R) = 1 + floor(0.25 + 0.5·i); deciles: 1 + floor(0.5 + i) = i + 1.
    ZoneValues income, pop;
    for (int i = 0; i < 10; ++i) {
        income.push_back(i + 1.0);
        pop.push_back(100.0);
    }
    CHECK(income_groups(income, IncomeOrder::higher_is_richer, pop, 5) == Groups{1, 1, 2, 2, 3, 3, 4, 4, 5, 5});
    CHECK(income_groups(income, IncomeOrder::higher_is_richer, pop, 10) == Groups{1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
}

TEST_CASE("income groups are population-weighted, not zone counts") {
    // Incomes 10, 20, 30, 40 with 100, 300, 100, 500 residents (total 1000):
    // R = 50/1000, (100+150)/1000, (400+50)/1000, (500+250)/1000 = 0.05, 0.25, 0.45, 0.75
    // quintile = 1 + floor(5R) = 1, 2, 3, 4; the richest zone's 500 residents fill groups 4–5 and
    // group 5 stays empty.
    const ZoneValues income = {10.0, 20.0, 30.0, 40.0};
    const ZoneValues pop = {100.0, 300.0, 100.0, 500.0};
    CHECK(income_groups(income, IncomeOrder::higher_is_richer, pop, 5) == Groups{1, 2, 3, 4});
}

TEST_CASE("income groups: tied incomes share a group, whatever their input order") {
    // Incomes 10, 10, 20, 30 (100 residents each): the tie block holds 200 of 400 residents,
    // R = (0 + 200/2)/400 = 0.25 for both; then 0.625 and 0.875. Tertiles: 1 + floor(3R) = 1, 1, 2, 3.
    const ZoneValues pop(4, 100.0);
    CHECK(income_groups({10.0, 10.0, 20.0, 30.0}, IncomeOrder::higher_is_richer, pop, 3) == Groups{1, 1, 2, 3});
    CHECK(income_groups({30.0, 20.0, 10.0, 10.0}, IncomeOrder::higher_is_richer, pop, 3) == Groups{3, 2, 1, 1});
}

TEST_CASE("income groups: a low-income share ranks the other way round") {
    // Low-income shares 40, 10, 25 %: 40 is the poorest → group 1; 10 the richest → group 3.
    CHECK(income_groups({40.0, 10.0, 25.0}, IncomeOrder::higher_is_poorer, ZoneValues(3, 50.0), 3) == Groups{1, 3, 2});
}

TEST_CASE("income groups: NULL income or population, zero total, bad input") {
    CHECK(income_groups({1.0, NUL, 3.0, 4.0}, IncomeOrder::higher_is_richer, {10.0, 10.0, NUL, 10.0}, 2) ==
          Groups{1, NUL, NUL, 2});
    CHECK(income_groups({1.0, 2.0}, IncomeOrder::higher_is_richer, {0.0, 0.0}, 2) == Groups{NUL, NUL});
    REQUIRE_THROWS_AS(income_groups({1.0}, IncomeOrder::higher_is_richer, {-1.0}, 2), std::invalid_argument);
    REQUIRE_THROWS_AS(income_groups({1.0}, IncomeOrder::higher_is_richer, {1.0}, 0), std::invalid_argument);
    REQUIRE_THROWS_AS(income_groups({1.0}, IncomeOrder::higher_is_richer, {1.0, 2.0}, 2), std::invalid_argument);
}

TEST_CASE("income group table: population-weighted means per group and the lowest/highest ratio") {
    // Incomes 1, 2, 3, 4; residents 100, 300, 200, 200 (total 800):
    // R = 50/800, 250/800, 500/800, 700/800 → halves (k = 2): 1, 1, 2, 2.
    const ZoneValues income = {1.0, 2.0, 3.0, 4.0};
    const ZoneValues pop = {100.0, 300.0, 200.0, 200.0};
    const std::vector<NamedBurden> burdens = {{"no2", {10.0, 6.0, 4.0, NUL}}, {"risk", {1.0, 1.0, 0.0, 0.0}}};
    const auto t = income_group_table(income, IncomeOrder::higher_is_richer, pop, 2, burdens);
    REQUIRE(t.rows.size() == 2);
    CHECK(t.zone_group == Groups{1, 1, 2, 2});
    CHECK(t.rows[0].group == 1);
    CHECK(t.rows[0].n_zones == 2);
    CHECK(t.rows[0].population == 400.0);
    CHECK(*t.rows[0].income_min == 1.0);
    CHECK(*t.rows[0].income_max == 2.0);
    // Group 1 NO2: (100·10 + 300·6)/(100 + 300) = 2800/400 = 7.
    CHECK(*t.rows[0].burden_mean[0] == Approx(7.0));
    // Group 2 NO2: zone 3 has no value → (200·4)/200 = 4.
    CHECK(*t.rows[1].burden_mean[0] == Approx(4.0));
    // Ratio lowest/highest income group: 7/4.
    CHECK(*t.lowest_to_highest_ratio[0] == Approx(1.75));
    // Risk is 0 in the highest group: no ratio.
    CHECK(*t.rows[1].burden_mean[1] == 0.0);
    CHECK_FALSE(t.lowest_to_highest_ratio[1].has_value());
}

TEST_CASE("most burdened decile: low-income residents vs all residents") {
    // Burdens 1..10, 100 residents each; low-income share 0.1 except the most burdened zone (0.5).
    // Top decile of 10 zones: the zone with burden 10 (fewer than 10/10 = 1 zones above it).
    // Low-income residents: 50 there of 9·10 + 50 = 140 → 50/140; residents 100/1000 = 0.1.
    ZoneValues burden, share, pop;
    for (int i = 0; i < 10; ++i) {
        burden.push_back(i + 1.0);
        share.push_back(i == 9 ? 0.5 : 0.1);
        pop.push_back(100.0);
    }
    const auto r = most_burdened_share(burden, share, pop);
    REQUIRE(r.has_value());
    CHECK(r->n_zones_top == 1);
    CHECK(r->n_zones_ranked == 10);
    CHECK(r->lowest_burden_in_top == 10.0);
    CHECK(r->low_income_share_in_top == Approx(50.0 / 140));
    CHECK(r->residents_share_in_top == Approx(0.1));
    CHECK(*r->ratio == Approx((50.0 / 140) / 0.1));  // 3.571: over-represented
}

TEST_CASE("most burdened zones: ties at the cut are all in, the set never falls short") {
    // Burdens 1..8, 10, 10: both 10s have no zone above → in; 8 has 2 above, 10·2 >= 10 → out.
    CHECK(most_burdened_zones({1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 10.0, 10.0}) ==
          std::vector<bool>{false, false, false, false, false, false, false, false, true, true});
    // 25 distinct zones: in when 10·(#above) < 25, i.e. 0, 1 or 2 above → 3 zones (2.5 rounded up).
    ZoneValues b;
    for (int i = 0; i < 25; ++i) b.push_back(static_cast<double>(i));
    const auto top = most_burdened_zones(b);
    CHECK(std::count(top.begin(), top.end(), true) == 3);
    CHECK(most_burdened_zones({NUL, 1.0}) == std::vector<bool>{false, true});
}

TEST_CASE("most burdened share: zones missing a value are left out of both sums; shares are fractions") {
    // 4 zones: the top decile is the zone with burden 10 alone (10·#above < 4 only for #above = 0).
    // Zone 2 (burden 9) has no low-income share: neither its residents nor its low-income
    // residents count in either sum.
    const auto r = most_burdened_share({1.0, 2.0, 9.0, 10.0}, {0.2, 0.2, NUL, 0.4}, {100.0, 100.0, 100.0, 100.0});
    REQUIRE(r.has_value());
    CHECK(r->n_zones_top == 1);
    // Low-income residents: top 40 of 20 + 20 + 40 = 80 → 0.5; residents 100 of 300.
    CHECK(r->low_income_share_in_top == Approx(0.5));
    CHECK(r->residents_share_in_top == Approx(1.0 / 3));
    REQUIRE_THROWS_WITH(most_burdened_share({1.0}, {35.0}, {10.0}), Contains("divide CBS percentages by 100"));
    CHECK_FALSE(most_burdened_share({1.0}, {NUL}, {10.0}).has_value());
}

TEST_CASE("income groups of equal numbers of zones: equal zone weights, whatever the residents") {
    // 7 zones, incomes 1..7, each weighing 1: R = (i + 0.5) / 7, quintile 1 + floor(5R) =
    // 1, 2, 2, 3, 4, 4, 5; a zone without income gets no group and takes no share.
    const ZoneValues income = {1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, NUL};
    const ZoneValues weights = equal_zone_weights(income.size());
    CHECK(weights == ZoneValues(8, 1.0));
    CHECK(income_groups(income, IncomeOrder::higher_is_richer, weights, 5) == Groups{1, 2, 2, 3, 4, 4, 5, NUL});
    // The group means are plain means over the zones of each group.
    const IncomeGroupTable t = income_group_table(income, IncomeOrder::higher_is_richer, weights, 5,
                                                  {{"b", {10.0, 20.0, 40.0, 0.0, 1.0, 3.0, 5.0, 100.0}}});
    CHECK(t.rows[1].n_zones == 2);
    CHECK(t.rows[1].burden_mean[0] == Approx(30.0));
    CHECK(t.rows[3].burden_mean[0] == Approx(2.0));
    CHECK(*t.lowest_to_highest_ratio[0] == Approx(2.0));
}
