// Plain-language reasons (lib/burdenmap/fair/Reasons.h): ordinals, the whole percentile shown,
// and the text of each kind of part. The example text is the one of issue #7 §5.
#include <catch2/catch.hpp>

#include "burdenmap/fair/Percentile.h"
#include "burdenmap/fair/Reasons.h"

using namespace burdenmap::fair;

TEST_CASE("ordinal suffixes: st, nd, rd, and th for the teens") {
    CHECK(ordinal(0) == "0th");
    CHECK(ordinal(1) == "1st");
    CHECK(ordinal(2) == "2nd");
    CHECK(ordinal(3) == "3rd");
    CHECK(ordinal(4) == "4th");
    CHECK(ordinal(11) == "11th");
    CHECK(ordinal(12) == "12th");
    CHECK(ordinal(13) == "13th");
    CHECK(ordinal(21) == "21st");
    CHECK(ordinal(22) == "22nd");
    CHECK(ordinal(23) == "23rd");
    CHECK(ordinal(81) == "81st");
    CHECK(ordinal(94) == "94th");
    CHECK(ordinal(100) == "100th");
    CHECK(ordinal(101) == "101st");
    CHECK(ordinal(111) == "111th");
    CHECK(ordinal(112) == "112th");
    CHECK(ordinal(113) == "113th");
}

TEST_CASE("whole percentile: rounded down, binary-rounding safe, clamped") {
    CHECK(whole_percentile(93.6) == 93);      // never overstated
    CHECK(whole_percentile(90.0) == 90);
    CHECK(whole_percentile(0.29 * 100) == 29);  // 28.999999999999996
    CHECK(whole_percentile(0.9 * 100) == 90);
    CHECK(whole_percentile(100.0) == 100);
    CHECK(whole_percentile(100.4) == 100);
    CHECK(whole_percentile(-0.1) == 0);
}

TEST_CASE("reason text: the quantity and its direction, never a bare percentile", "[reasons]") {
    const std::vector<ReasonPart> parts = {ReasonPart::at_percentile("NO2", 41.2, 94.3, Comparison::higher, 90.0),
                                           ReasonPart::at_percentile("low income", 38.0, 81.0, Comparison::poorer, 65.0)};
    CHECK(reasons_text(parts) == "NO2: at least as high as 94 % of areas; low income: at least as poor as 81 % of areas");
    CHECK(reason_text(ReasonPart::at_percentile("green space", 3.0, 97.0, Comparison::lower)) ==
          "green space: at least as low as 97 % of areas");
    // The percentile counts the zone itself: at 100 it is among the highest, not "higher than 100 %".
    CHECK(reason_text(ReasonPart::at_percentile("NO2", 50.0, 100.0, Comparison::higher)) == "NO2: among the highest of all areas");
    CHECK(reason_text(ReasonPart::at_percentile("low income", 9.0, 100.0, Comparison::poorer)) ==
          "low income: among the poorest of all areas");
    CHECK(reasons_text({}) == "");
}

TEST_CASE("reason text: a higher_is_better indicator's worst zone reads 'lower', a higher_is_worse one's 'higher'",
          "[reasons]") {
    // Percentiles run in the burden direction: the zone with the least green space has the highest
    // percentile, and the reason must say its green space is low, not high.
    const ZoneValues green = {40.0, 10.0, 25.0, 5.0};
    const ZoneValues pct_green = percentiles(green, PercentileRule::ces, Direction::higher_is_better);
    CHECK(comparison_for(Direction::higher_is_better) == Comparison::lower);
    CHECK(reason_text(ReasonPart::at_percentile("green space", green[1], *pct_green[1], comparison_for(Direction::higher_is_better))) ==
          "green space: at least as low as 75 % of areas");
    const ZoneValues no2 = {40.0, 10.0, 25.0, 5.0};
    const ZoneValues pct_no2 = percentiles(no2, PercentileRule::ces, Direction::higher_is_worse);
    CHECK(comparison_for(Direction::higher_is_worse) == Comparison::higher);
    CHECK(reason_text(ReasonPart::at_percentile("NO2", no2[2], *pct_no2[2], comparison_for(Direction::higher_is_worse))) ==
          "NO2: at least as high as 75 % of areas");
}

TEST_CASE("reason text: income reads 'poorer' in both income orders", "[reasons]") {
    // Mean income (higher_is_richer) ranks the lowest income worst; a low-income share
    // (higher_is_poorer) the highest share. Either way the poorest zone is "poorer".
    const ZoneValues mean_income = {25000.0, 40000.0, 30000.0, 35000.0};
    const ZoneValues by_mean = percentiles(mean_income, PercentileRule::ces, Direction::higher_is_better);
    CHECK(reason_text(ReasonPart::at_percentile("low income", mean_income[0], *by_mean[0], Comparison::poorer)) ==
          "low income: among the poorest of all areas");
    CHECK(reason_text(ReasonPart::at_percentile("low income", mean_income[2], *by_mean[2], Comparison::poorer)) ==
          "low income: at least as poor as 75 % of areas");
    const ZoneValues low_share = {12.0, 4.0, 9.0, 6.0};
    const ZoneValues by_share = percentiles(low_share, PercentileRule::ces, Direction::higher_is_worse);
    CHECK(reason_text(ReasonPart::at_percentile("low income", low_share[0], *by_share[0], Comparison::poorer)) ==
          "low income: among the poorest of all areas");
    CHECK(reason_text(ReasonPart::at_percentile("low income", low_share[1], *by_share[1], Comparison::poorer)) ==
          "low income: at least as poor as 25 % of areas");
}

TEST_CASE("reason text: value parts, notes, numbers") {
    CHECK(reason_text(ReasonPart::at_value("road noise", 63.2, 60, false, "dB Lden")) ==
          "road noise 63.2 dB Lden, at or above 60");
    CHECK(reason_text(ReasonPart::at_value("green space", 12.5, 15, true)) == "green space 12.5, at or below 15");
    CHECK(reason_text(ReasonPart::note("all 8 neighbouring zones disadvantaged")) ==
          "all 8 neighbouring zones disadvantaged");
    CHECK(format_number(60.0) == "60");
    CHECK(format_number(63.25) == "63.25");
    CHECK(format_number(1.0 / 3) == "0.333");
    CHECK(format_number(-0.0001) == "0");
    CHECK(format_number(-2.5) == "-2.5");
}
