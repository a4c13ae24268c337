// Class breaks from the zones' values, and how numbers are printed.
#include <catch2/catch.hpp>

#include <cmath>

#include "burdenmap/report/ClassBreaks.h"
#include "burdenmap/report/NumberFormat.h"

using namespace burdenmap::report;

TEST_CASE("quantile breaks follow the type-7 rule", "[report][breaks]") {
    // 1..9 (shuffled, with a NaN that must be ignored): position (9 − 1)·i/4 = 0, 2, 4, 6, 8 in
    // the sorted values, which are the values 1, 3, 5, 7, 9.
    const std::vector<double> v{9, 1, 5, std::nan(""), 3, 7, 2, 8, 4, 6};
    CHECK(quantile_breaks(v, 4) == std::vector<double>{1, 3, 5, 7, 9});
    // Two classes of {0, 10}: the median interpolates halfway, 5.
    CHECK(quantile_breaks({0, 10}, 2) == std::vector<double>{0, 5, 10});
}

TEST_CASE("equal breaks of a skewed variable merge; constant and empty inputs", "[report][breaks]") {
    // Zones mostly 0: positions 9·i/5 = 0, 1.8, 3.6, 5.4, 7.2, 9 give 0, 0, 0, 0, 1 + 0.2·(2 − 1),
    // 4; the equal lower edges merge into one class.
    const auto skewed = quantile_breaks({0, 0, 0, 0, 0, 0, 0, 1, 2, 4}, 5);
    REQUIRE(skewed.size() == 3);
    CHECK(skewed[0] == 0);
    CHECK(skewed[1] == Approx(1.2));
    CHECK(skewed[2] == 4);
    CHECK(quantile_breaks({3, 3, 3}, 5) == std::vector<double>{3, 3});
    CHECK(quantile_breaks({}, 5).empty());
    CHECK(quantile_breaks({std::nan("")}, 5).empty());
}

TEST_CASE("quantile breaks of tied values collapse their duplicate edges", "[report][breaks]") {
    // A 0/1/2 count, mostly 1: positions 9·i/4 = 0, 2.25, 4.5, 6.75, 9 give 0, 1, 1, 1, 2; the
    // equal inner edges collapse into one, so two classes come back, not four.
    CHECK(quantile_breaks({0, 0, 1, 1, 1, 1, 1, 1, 2, 2}, 4) == std::vector<double>{0, 1, 2});
    // Ties at the top (many zones sharing the highest value) collapse the same way.
    CHECK(quantile_breaks({1, 2, 3, 9, 9, 9, 9, 9, 9}, 4) == std::vector<double>{1, 3, 9});
}

TEST_CASE("few distinct values: one per level, ties, all equal, NULLs", "[report][breaks]") {
    const double nul = std::nan("");
    // A 0/1/2 count with ties and NULLs: the three levels, ascending.
    CHECK(few_distinct_values({2, 0, 1, 1, nul, 0, 2, 1}, 5) == std::vector<double>{0, 1, 2});
    // Exactly as many levels as allowed, then one more.
    CHECK(few_distinct_values({5, 4, 3, 2, 1}, 5) == std::vector<double>{1, 2, 3, 4, 5});
    CHECK(few_distinct_values({6, 5, 4, 3, 2, 1}, 5).empty());
    // All equal: one level.
    CHECK(few_distinct_values({3, 3, 3}, 5) == std::vector<double>{3});
    // Nothing but NULLs (and infinities, which are not values): none.
    CHECK(few_distinct_values({nul, nul}, 5).empty());
    CHECK(few_distinct_values({}, 5).empty());
    CHECK(few_distinct_values({INFINITY, 1}, 5) == std::vector<double>{1});
}

TEST_CASE("equal-interval breaks divide the range", "[report][breaks]") {
    CHECK(equal_interval_breaks({0, 1, 10}, 5) == std::vector<double>{0, 2, 4, 6, 8, 10});
    CHECK(equal_interval_breaks({2, 2}, 3) == std::vector<double>{2, 2});
}

TEST_CASE("numbers are printed for people", "[report][format]") {
    CHECK(format_number(2.598) == "2.6");
    CHECK(format_number(62.31) == "62.3");
    CHECK(format_number(1234.6) == "1235");
    CHECK(format_number(0.0125) == "0.013");  // at most 3 decimals from 0.01 up
    CHECK(format_number(0.0012) == "0.0012");
    CHECK(format_number(0.00012) == "1.2e-4");
    CHECK(format_number(1.83e-8) == "1.83e-8");
    CHECK(format_number(0) == "0");
    CHECK(format_number(-0.0001) == "-1e-4");
    CHECK(format_number(std::nan("")) == "–");
    CHECK(format_range(0.5, 1.25) == "0.5 – 1.25");
    CHECK(format_fixed(1.1e-7, 2) == "0");
    CHECK(format_fixed(2.598, 1) == "2.6");
    CHECK(format_count(265080.2) == "265,080");
    CHECK(format_count(999) == "999");
    CHECK(format_count(-1234567) == "-1,234,567");
    CHECK(format_percent(0.13) == "13%");
    CHECK(format_percent(0.0906) == "9.1%");
    CHECK(format_percent(0.09) == "9%");
    CHECK(format_percent(0.0001) == "<0.1%");
    CHECK(format_percent(0) == "0%");
}

TEST_CASE("huge numbers are printed whole or with an exponent, never cut", "[report][format]") {
    // A 64-byte buffer once cut %.0f of 1e100 (101 digits) to a wrong 63-digit integer.
    CHECK(format_number(1e100) == "1e100");
    CHECK(format_number(-2.5e300) == "-2.5e300");
    CHECK(format_number(1.234567e20) == "1.23e20");
    CHECK(format_number(1e16) == "1e16");                            // from here a double skips integers
    CHECK(format_number(9999999999999998.0) == "9999999999999998");  // below it every digit is exact
    CHECK(format_number(123456789.0) == "123456789");                // ordinary magnitudes: no exponent
    CHECK(format_fixed(1e100, 0) == "10000000000000000159028911097599180468360808563945281389781327557747838772170381060813469985856815104");
    CHECK(format_count(1e30) == "1,000,000,000,000,000,019,884,624,838,656");  // no integer type holds it
    CHECK(format_count(-0.4) == "0");
    CHECK(format_percent(1e100).size() == 103);  // 1e102 % (as a double, 99…): 102 digits and "%"
}
