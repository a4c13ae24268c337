// 3 × 3 bivariate classes (lib/burdenmap/fair/Bivariate.h): zone tertiles with ties in the lower
// class, letter = burden tertile (A..C), digit = low-income tertile (1..3), index 1..9.
#include <catch2/catch.hpp>

#include "burdenmap/fair/Bivariate.h"
#include "support/TestValues.h"

using namespace burdenmap::fair;

namespace {

using burdenmap::test::NUL;
using Classes = std::vector<std::optional<int>>;
}  // namespace

TEST_CASE("tertiles: 1 + floor(3·#below/n), ties share the lower class") {
    // Nine distinct values: #below = 0..8 → 1 + floor(0, 1/3, 2/3, 1, 4/3, 5/3, 2, 7/3, 8/3).
    CHECK(tertiles({9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0}) == Classes{3, 3, 3, 2, 2, 2, 1, 1, 1});
    // Four zeros: #below 0 → class 1 together. Then 1: 4 below → 1 + floor(12/9) = 2; 2: 5 → 2;
    // 3: 6 → 1 + floor(18/9) = 3; 4, 5 → 3.
    CHECK(tertiles({0.0, 0.0, 0.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0}) == Classes{1, 1, 1, 1, 2, 2, 3, 3, 3});
    // Reversed direction and NULLs.
    CHECK(tertiles({1.0, NUL, 2.0, 3.0}, Direction::higher_is_better) == Classes{3, NUL, 2, 1});
}

TEST_CASE("bivariate classes: burden letter x low-income digit") {
    // Burden tertiles as in the second case above: 1, 1, 1, 1, 2, 2, 3, 3, 3.
    // Mean income 9..1 (higher is richer): zone 8 is the poorest → low-income tertile 3;
    // low-income tertiles 1, 1, 1, 2, 2, 2, 3, 3, 3.
    const ZoneValues burden = {0.0, 0.0, 0.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0};
    const ZoneValues income = {9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0};
    const auto c = bivariate_classes(burden, income, IncomeOrder::higher_is_richer);
    REQUIRE(c[0].has_value());
    CHECK(c[0]->code == "A1");
    CHECK(c[0]->index == 1);
    CHECK(c[3]->code == "A2");  // burden 1, low income 2 → 3·0 + 2
    CHECK(c[3]->index == 2);
    CHECK(c[4]->code == "B2");  // 3·1 + 2 = 5
    CHECK(c[4]->index == 5);
    CHECK(c[6]->code == "C3");  // the double burden: 3·2 + 3 = 9
    CHECK(c[6]->index == 9);
    CHECK(c[8]->burden_tertile == 3);
    CHECK(c[8]->low_income_tertile == 3);
    // A low-income share ranks the same zones the other way: share 1..9 → zone 8 most low income.
    const ZoneValues share = {1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0};
    CHECK(bivariate_classes(burden, share, IncomeOrder::higher_is_poorer)[8]->code == "C3");
    // NULL in either → no class.
    CHECK_FALSE(bivariate_classes({NUL, 1.0}, {1.0, 2.0}, IncomeOrder::higher_is_richer)[0].has_value());
}
