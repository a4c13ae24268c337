// Plain-language reasons (lib/burdenmap/fair/Reasons.h): ordinals, the whole percentile shown,
// and the text of each kind of part. The example text is the one of issue #7 §5.
#include <catch2/catch.hpp>

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

TEST_CASE("reason text: the issue's example") {
    const std::vector<ReasonPart> parts = {ReasonPart::at_percentile("NO2", 41.2, 94.3, 90.0),
                                           ReasonPart::at_percentile("low income", 38.0, 81.0, 65.0)};
    CHECK(reasons_text(parts) == "NO2 at the 94th percentile; low income at the 81st percentile");
    CHECK(reasons_text({}) == "");
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
