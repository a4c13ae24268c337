// Percentile engines (lib/burdenmap/fair/Percentile.h) on hand-made vectors with ties, zeros,
// NULLs and reversed direction. Each expected value is written as the arithmetic of the source's
// rule; the tool whose rule it is (CES, CEJST, EJScreen) is named per test.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>
#include <vector>

#include "burdenmap/fair/Percentile.h"
#include "support/TestValues.h"

using namespace burdenmap::fair;
using Catch::Matchers::Contains;

namespace {

using burdenmap::test::NUL;

// Element-wise: NULL where NULL, otherwise exactly equal (the rules are exact arithmetic here).
void require_exact(const ZoneValues& got, const ZoneValues& expected) {
    REQUIRE(got.size() == expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        INFO("zone " << i);
        REQUIRE(got[i].has_value() == expected[i].has_value());
        if (expected[i]) CHECK(*got[i] == *expected[i]);
    }
}

}  // namespace

TEST_CASE("CES rule: ties take the higher rank, zeros get 0 and leave the ranking, NULL stays NULL") {
    // CES percentile rule: pct = 100·#{0 < x_j <= x} / #{x_j > 0}. Non-zero values: 5, 5, 10, 20 (n = 4).
    const ZoneValues x = {0.0, 5.0, 5.0, 10.0, NUL, 0.0, 20.0};
    require_exact(percentiles(x, PercentileRule::ces),
                  {0.0, 100.0 * 2 / 4, 100.0 * 2 / 4, 100.0 * 3 / 4, NUL, 0.0, 100.0 * 4 / 4});
}

TEST_CASE("CES rule: NaN counts as NULL, infinity is rejected") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    require_exact(percentiles({nan, 2.0, 1.0}, PercentileRule::ces), {NUL, 100.0, 50.0});
    REQUIRE_THROWS_AS(percentiles({std::numeric_limits<double>::infinity()}, PercentileRule::ces),
                      std::invalid_argument);
}

TEST_CASE("CES rule: a negative raw value of a higher-is-worse indicator gets 0, as the formula's numerator says") {
    // CES percentile rule taken literally: x = -1 has no positive x_j <= -1 → 0, and is not in the denominator.
    require_exact(percentiles({-1.0, 0.0, 2.0, 4.0}, PercentileRule::ces), {0.0, 0.0, 100.0 * 1 / 2, 100.0 * 2 / 2});
}

TEST_CASE("CES rule: higher-is-better indicators are negated and every valid value is ranked") {
    // CES percentile rule "negated first". Incomes 30, 10, 20, 20 → y = -30, -10, -20, -20; n = 4.
    // y = -30: #{y_j <= -30} = 1; y = -20: 3 (ties max); y = -10: 4.
    require_exact(percentiles({30.0, 10.0, 20.0, 20.0, NUL}, PercentileRule::ces, Direction::higher_is_better),
                  {100.0 * 1 / 4, 100.0 * 4 / 4, 100.0 * 3 / 4, 100.0 * 3 / 4, NUL});
    // A raw 0 of a higher-is-better indicator is the worst case, not an absence: 0 → y = 0 is the
    // highest of {-10, 0} → 100; 10 → 50.
    require_exact(percentiles({0.0, 10.0}, PercentileRule::ces, Direction::higher_is_better), {100.0, 50.0});
}

TEST_CASE("CES rule with population weights: weight shares instead of counts") {
    // Our extension (Percentile.h): 100·W{0 < x_j <= x} / W{x_j > 0}.
    // Positive values 5 (w 1), 5 (w 3), 10 (w 4), 20 (w 2): W = 10. The zero's weight 100 is ignored.
    const ZoneValues x = {0.0, 5.0, 5.0, 10.0, 20.0};
    const std::vector<double> w = {100, 1, 3, 4, 2};
    require_exact(percentiles(x, PercentileRule::ces, Direction::higher_is_worse, &w),
                  {0.0, 100.0 * 4 / 10, 100.0 * 4 / 10, 100.0 * 8 / 10, 100.0 * 10 / 10});
    // Unweighted the same vector gives 50, 50, 75, 100.
    require_exact(percentiles(x, PercentileRule::ces), {0.0, 50.0, 50.0, 75.0, 100.0});
    // Equal weights reproduce the unweighted rule.
    const std::vector<double> ones(5, 7.0);
    require_exact(percentiles(x, PercentileRule::ces, Direction::higher_is_worse, &ones), {0.0, 50.0, 50.0, 75.0, 100.0});
    // Reversed and weighted: incomes 30 (w 1), 10 (w 2), 20 (w 1) → y -30, -10, -20; W = 4.
    const std::vector<double> w2 = {1, 2, 1};
    require_exact(percentiles({30.0, 10.0, 20.0}, PercentileRule::ces, Direction::higher_is_better, &w2),
                  {100.0 * 1 / 4, 100.0 * 4 / 4, 100.0 * 2 / 4});
}

TEST_CASE("CEJST rule: pandas rank(pct=True), average rank of ties / n, zeros ranked") {
    // justice40-tool etl_score.py: valid values sorted 0, 0, 5, 5, 10, 20 have ranks 1..6; ties share (1+2)/2 = 1.5 and
    // (3+4)/2 = 3.5; n = 6 valid values.
    const ZoneValues x = {0.0, 5.0, 5.0, 10.0, NUL, 0.0, 20.0};
    require_exact(percentiles(x, PercentileRule::cejst),
                  {1.5 / 6, 3.5 / 6, 3.5 / 6, 5.0 / 6, NUL, 1.5 / 6, 6.0 / 6});
    // "Low is bad" fields use ascending=False: 20 gets rank 1, 10 rank 2, the 5s (3+4)/2, the 0s (5+6)/2.
    require_exact(percentiles(x, PercentileRule::cejst, Direction::higher_is_better),
                  {5.5 / 6, 3.5 / 6, 3.5 / 6, 2.0 / 6, NUL, 5.5 / 6, 1.0 / 6});
}

TEST_CASE("EJScreen rule: 101-step lookup, one step back unless exact, lowest tied percentile") {
    // EJScreenTool.py percentileCal. Values 1, 2, 3, 4 (n = 4): lookup[p] = nanpercentile at virtual index 3·p/100.
    // x = 1: lookup[0] = 1, exact → 0.
    // x = 2: first p with lookup >= 2 is 34 (index 1.02 → 2.02), not exact → 33.
    // x = 3: first is 67 (index 2.01 → 3.01), not exact → 66.
    // x = 4: lookup[100] = 4, exact → 100.
    require_exact(percentiles({1.0, 2.0, 3.0, 4.0, NUL}, PercentileRule::ejscreen), {0.0, 33.0, 66.0, 100.0, NUL});

    // Ties in the lookup: values 0, 0, 5, 5, 10, 20 (n = 6, virtual index 5·p/100). lookup[p] = 5
    // for p = 40..60 (index 2..3 lies between the two 5s) → x = 5 is an exact hit at p = 40 and
    // list.index() returns the lowest p with that value: 40. x = 10: exact at p = 80 (index 4).
    require_exact(percentiles({0.0, 0.0, 5.0, 5.0, 10.0, 20.0}, PercentileRule::ejscreen),
                  {0.0, 0.0, 40.0, 40.0, 80.0, 100.0});

    // Reversed: y = -1, -2, -3, -4 → the lookup of y, not 100 minus the forward result:
    // y = -1 is the maximum → 100; -2 → 66; -3 → 33; -4 → 0.
    require_exact(percentiles({1.0, 2.0, 3.0, 4.0}, PercentileRule::ejscreen, Direction::higher_is_better),
                  {100.0, 66.0, 33.0, 0.0});
}

TEST_CASE("EJScreen lookup reproduces numpy.nanpercentile's linear interpolation") {
    const auto lookup = ejscreen_lookup({4.0, 1.0, 3.0, 2.0});  // unsorted input
    CHECK(lookup[0] == 1.0);
    CHECK(lookup[50] == 2.5);             // index 1.5: 3 − (3 − 2)·0.5, numpy's upper-end formula
    CHECK(lookup[33] == Approx(1.99));    // index 0.99
    CHECK(lookup[34] == Approx(2.02));    // index 1.02
    CHECK(lookup[100] == 4.0);
    CHECK(ejscreen_percentile(lookup, 2.5) == 50);  // exact hit
    CHECK(ejscreen_percentile(lookup, 2.0) == 33);
    REQUIRE_THROWS_AS(ejscreen_lookup({}), std::invalid_argument);
}

TEST_CASE("EJScreen rule with weights: equal weights reproduce numpy, unequal weights move the positions") {
    const ZoneValues x = {1.0, 2.0, 3.0, 4.0};
    const std::vector<double> equal = {2, 2, 2, 2};
    require_exact(percentiles(x, PercentileRule::ejscreen, Direction::higher_is_worse, &equal), {0.0, 33.0, 66.0, 100.0});
    // Weights 3, 1, 1, 3: W = 8, span = W − 3/2 − 3/2 = 5; positions u_k = (S_k − w_k/2 − 3/2)/5:
    // u = (3−1.5−1.5)/5 = 0, (4−0.5−1.5)/5 = 0.4, (5−0.5−1.5)/5 = 0.6, (8−1.5−1.5)/5 = 1.
    // So lookup[40] = 2 and lookup[60] = 3 exactly; lookup[39] = 1.975, lookup[59] = 2.95.
    const std::vector<double> w = {3, 1, 1, 3};
    const auto lookup = ejscreen_lookup({1.0, 2.0, 3.0, 4.0}, &w);
    CHECK(lookup[40] == 2.0);
    CHECK(lookup[60] == 3.0);
    CHECK(lookup[39] == Approx(1.975));
    require_exact(percentiles(x, PercentileRule::ejscreen, Direction::higher_is_worse, &w), {0.0, 40.0, 60.0, 100.0});
}

TEST_CASE("The three published rules differ on the same vector") {
    // Zeros, ties and a NULL: 0, 0, 5, 5, 10, 20, NULL.
    const ZoneValues x = {0.0, 0.0, 5.0, 5.0, 10.0, 20.0, NUL};
    // CES (CES percentile rule): zeros → 0 and out of n; non-zero 5, 5, 10, 20: ties max → 2/4, 2/4, 3/4, 4/4.
    require_exact(percentiles(x, PercentileRule::ces), {0.0, 0.0, 50.0, 50.0, 75.0, 100.0, NUL});
    // CEJST (justice40-tool etl_score.py): zeros ranked; average ranks 1.5, 1.5, 3.5, 3.5, 5, 6 over n = 6; 0–1 scale.
    require_exact(percentiles(x, PercentileRule::cejst), {1.5 / 6, 1.5 / 6, 3.5 / 6, 3.5 / 6, 5.0 / 6, 1.0, NUL});
    // EJScreen (EJScreenTool.py percentileCal): integer lookup percentiles (see the lookup test above).
    require_exact(percentiles(x, PercentileRule::ejscreen), {0.0, 0.0, 40.0, 40.0, 80.0, 100.0, NUL});
    // On one scale the tie at 5 sits at 50 (CES), 58.3 (CEJST) and 40 (EJScreen); the zeros at
    // 0, 25 and 0.
    CHECK(to_percent(3.5 / 6, PercentileRule::cejst) == Approx(58.3333).epsilon(1e-5));
}

TEST_CASE("given: percentiles pass through, reversed as 100 - x, range checked") {
    require_exact(percentiles({0.0, 55.5, 100.0, NUL}, PercentileRule::given), {0.0, 55.5, 100.0, NUL});
    require_exact(percentiles({0.0, 55.5, 100.0, NUL}, PercentileRule::given, Direction::higher_is_better),
                  {100.0, 100.0 - 55.5, 0.0, NUL});
    REQUIRE_THROWS_WITH(percentiles({101.0}, PercentileRule::given), Contains("[0, 100]"));
    REQUIRE_THROWS_AS(percentiles({-0.5}, PercentileRule::given), std::invalid_argument);
}

TEST_CASE("weights: only where the rule defines them, one finite non-negative weight per zone") {
    const ZoneValues x = {1.0, 2.0};
    const std::vector<double> w = {1, 1};
    CHECK(rule_supports_weights(PercentileRule::ces));
    CHECK(rule_supports_weights(PercentileRule::ejscreen));
    CHECK_FALSE(rule_supports_weights(PercentileRule::cejst));
    CHECK_FALSE(rule_supports_weights(PercentileRule::given));
    REQUIRE_THROWS_WITH(percentiles(x, PercentileRule::cejst, Direction::higher_is_worse, &w),
                        Contains("no weighted form"));
    REQUIRE_THROWS_WITH(percentiles(x, PercentileRule::given, Direction::higher_is_worse, &w),
                        Contains("no weighted form"));
    const std::vector<double> short_w = {1};
    REQUIRE_THROWS_WITH(percentiles(x, PercentileRule::ces, Direction::higher_is_worse, &short_w),
                        Contains("expected 2 zones, got 1"));
    const std::vector<double> negative = {1, -1};
    REQUIRE_THROWS_AS(percentiles(x, PercentileRule::ces, Direction::higher_is_worse, &negative), std::invalid_argument);
    const std::vector<double> zero = {0, 0};
    REQUIRE_THROWS_WITH(percentiles(x, PercentileRule::ces, Direction::higher_is_worse, &zero),
                        Contains("zero total weight"));
}

TEST_CASE("percent_at_or_below: the CES overall-score percentile, ties max, no zero rule") {
    // CES percentile rule: CES pct = 100·rank_max(score)/N over the scored tracts. 0 is ranked like any score.
    require_exact(percent_at_or_below({3.0, 1.0, 3.0, NUL, 0.0}),
                  {100.0 * 4 / 4, 100.0 * 2 / 4, 100.0 * 4 / 4, NUL, 100.0 * 1 / 4});
}

TEST_CASE("rank_indicator keeps the indicator, converts scales, and names it in errors") {
    Indicator no2{"no2", "NO2", "exposures", Direction::higher_is_worse, {10.0, 20.0, NUL}};
    const auto r = rank_indicator(no2, PercentileRule::cejst);
    CHECK(r.indicator.name == "no2");
    CHECK(r.rule == PercentileRule::cejst);
    REQUIRE(r.percent(1).has_value());
    CHECK(*r.percent(1) == 100.0);
    CHECK(*r.fraction(0) == 0.5);
    CHECK_FALSE(r.percent(2).has_value());
    const auto c = rank_indicator(no2, PercentileRule::ces);
    CHECK(*c.fraction(0) == 0.5);  // 50 / 100
    Indicator bad{"pct_given", "", "", Direction::higher_is_worse, {120.0}};
    REQUIRE_THROWS_WITH(rank_indicator(bad, PercentileRule::given), Contains("indicator 'pct_given'"));
}

TEST_CASE("rule names round-trip; scales as the sources") {
    for (auto r : {PercentileRule::ces, PercentileRule::cejst, PercentileRule::ejscreen, PercentileRule::given})
        CHECK(percentile_rule_from_string(to_string(r)) == r);
    REQUIRE_THROWS_WITH(percentile_rule_from_string("pandas"), Contains("known: ces, cejst, ejscreen, given"));
    CHECK(percentile_scale(PercentileRule::cejst) == 1.0);
    CHECK(percentile_scale(PercentileRule::ces) == 100.0);
    CHECK(percentile_scale(PercentileRule::ejscreen) == 100.0);
    CHECK(direction_from_string("higher_is_better") == Direction::higher_is_better);
    REQUIRE_THROWS_AS(direction_from_string("up"), std::invalid_argument);
}
