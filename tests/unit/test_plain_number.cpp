// PlainNumber: printf's %g, %f and %e texts and strtod's reading, without the locale.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/core/PlainNumber.h"

using namespace burdenmap;

TEST_CASE("plain_number writes what %g writes in the C locale", "[number]") {
    const double values[] = {0.0, -0.0, 0.5, 65.0, -9999.0, 1e-6, 1.5e-5, 123456.0, 1234567.0, 3.14159265358979,
                             -273.15, 6.02e23, 1e300, 4e-320, 306000.25, 278600.0};
    for (int significant : {6, 10, 17}) {
        for (double v : values) {
            char expected[64];
            std::snprintf(expected, sizeof expected, "%.*g", significant, v);
            INFO(v << " with " << significant << " significant digits");
            CHECK(plain_number(v, significant) == expected);
        }
    }
}

TEST_CASE("plain_number: the defaults and the odd values", "[number]") {
    CHECK(plain_number(0.5) == "0.5");
    CHECK(plain_number(1e-6) == "1e-06");
    CHECK(plain_number(65) == "65");
    CHECK(plain_number(1234567.0) == "1.23457e+06");
    CHECK(plain_number(std::numeric_limits<double>::infinity()) == "inf");
    CHECK(plain_number(std::numeric_limits<double>::quiet_NaN()) == "nan");
}

TEST_CASE("plain_number keeps the digits to what a double holds", "[number]") {
    CHECK(plain_number(0.1, 17) == "0.10000000000000001");
    CHECK(plain_number(0.1, 60) == "0.10000000000000001");  // more digits would only pad
    CHECK(plain_number(2.5, 0) == "2");                    // at least one (round-half-even, as %.1g)
}

TEST_CASE("round_trip_number: the shortest of %.15g, %.16g, %.17g that reads back", "[number]") {
    CHECK(round_trip_number(0.1) == "0.1");
    CHECK(round_trip_number(100000) == "100000");  // not to_chars' shortest "1e+05"
    CHECK(round_trip_number(1.0 / 3) == "0.3333333333333333");
    CHECK(round_trip_number(0.1 + 0.2) == "0.30000000000000004");
    CHECK(round_trip_number(1e-6) == "1e-06");
    CHECK(round_trip_number(-2.5) == "-2.5");
}

TEST_CASE("the number parser reads what strtod reads in the C locale", "[number]") {
    const char* texts[] = {"0", "-0", "0.5", ".5", "5.", "+7", "-3.25e2", "1E-3", "1e400", "-1e400", "1e-400", "4e-320",
                           "inf", "-Infinity", "NaN", "2.2250738585072014e-308", "1.7976931348623157e308",
                           "1.7976931348623159e308", "0.1000000000000000055511151231257827"};
    for (const char* text : texts) {
        INFO(text);
        char* end = nullptr;
        const double expected = std::strtod(text, &end);
        REQUIRE(*end == '\0');
        const std::optional<double> v = parse_number(text);
        REQUIRE(v);
        if (std::isnan(expected)) CHECK(std::isnan(*v));
        else CHECK((*v == expected && std::signbit(*v) == std::signbit(expected)));
    }
    // Not numbers: nothing, spaces, a comma, trailing text, a bare sign, hexadecimal.
    for (const char* text : {"", " 1", "1 ", "1,5", "1.2.3", "1e", "+", "-", "+-1", "--1", "0x10", "12abc"}) {
        INFO("'" << text << "'");
        CHECK_FALSE(parse_number(text));
    }
}

TEST_CASE("fixed and scientific texts are printf's %f and %e in the C locale", "[number]") {
    const double values[] = {0.0, -0.0, 0.5, 2.5, 0.125, 1e-7, -273.15, 6.02e23, 1e100, 1.7976931348623157e308, 5e-324};
    for (const int decimals : {0, 1, 3, 17}) {
        for (const double v : values) {
            INFO(v << " with " << decimals << " decimals");
            std::vector<char> expected(400 + decimals);
            std::snprintf(expected.data(), expected.size(), "%.*f", decimals, v);
            CHECK(fixed_number(v, decimals) == expected.data());
            std::snprintf(expected.data(), expected.size(), "%.*e", decimals, v);
            CHECK(scientific_number(v, decimals) == expected.data());
        }
    }
    CHECK(fixed_number(1e100, 0).size() == 101);  // every digit, no buffer cuts it
    CHECK(fixed_number(0.5, -3) == "0");          // fewer than 0 decimals read as 0
}
