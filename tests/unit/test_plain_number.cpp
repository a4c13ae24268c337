// plain_number: printf's %g text, without printf's locale.
#include <catch2/catch.hpp>

#include <cstdio>
#include <limits>
#include <string>

#include "burdenmap/core/PlainNumber.h"

using burdenmap::plain_number;

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
