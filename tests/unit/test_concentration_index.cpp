// Concentration index of a burden by income rank and its standard error
// (lib/burdenmap/fair/ConcentrationIndex.h), against hand-computed cases.
// C = (2/μ) Σ f_i h_i R_i − 1; var(C) = (1/n)[Σ f_i a_i² − (1+C)²],
// a_i = (h_i/μ)(2R_i − 1 − C) + 2 − q_{i−1} − q_i (Kakwani, Wagstaff & van Doorslaer 1997).
#include <catch2/catch.hpp>

#include <cmath>

#include "burdenmap/fair/ConcentrationIndex.h"
#include "support/TestValues.h"

using namespace burdenmap::fair;

namespace {

using burdenmap::test::NUL;
}

TEST_CASE("concentration index: burden falling with income, equal populations") {
    // Burdens 4, 3, 2, 1 from the poorest to the richest, 100 residents each (f = 1/4).
    // R = 1/8, 3/8, 5/8, 7/8; μ = 2.5; Σ f h R = (4/8 + 9/8 + 10/8 + 7/8)/4 = 30/32.
    // C = (2/2.5)·(30/32) − 1 = 0.75 − 1 = −0.25 (burden concentrated among the poor).
    // q = 0.4, 0.7, 0.9, 1.0; 2R − 1 − C = −0.5, 0, 0.5, 1.0;
    // a = 1.6·(−0.5) + 2 − 0 − 0.4 = 0.8; 1.2·0 + 2 − 0.4 − 0.7 = 0.9; 0.8·0.5 + 2 − 0.7 − 0.9 = 0.8;
    //     0.4·1 + 2 − 0.9 − 1 = 0.5.
    // Σ f a² = (0.64 + 0.81 + 0.64 + 0.25)/4 = 0.585; (1 + C)² = 0.5625; var = (0.585 − 0.5625)/4.
    const auto ci = concentration_index({4.0, 3.0, 2.0, 1.0}, {1.0, 2.0, 3.0, 4.0}, IncomeOrder::higher_is_richer,
                                        {100.0, 100.0, 100.0, 100.0});
    REQUIRE(ci.has_value());
    CHECK(ci->index == Approx(-0.25));
    CHECK(ci->standard_error == Approx(std::sqrt((0.585 - 0.5625) / 4)));  // 0.075
    CHECK(ci->mean_burden == Approx(2.5));
    CHECK(ci->n_zones == 4);
    CHECK(ci->population == 400.0);
    // The same ranking from a low-income share (higher is poorer) gives the same index.
    const auto by_share = concentration_index({4.0, 3.0, 2.0, 1.0}, {40.0, 30.0, 20.0, 10.0},
                                              IncomeOrder::higher_is_poorer, {100.0, 100.0, 100.0, 100.0});
    CHECK(by_share->index == Approx(-0.25));
}

TEST_CASE("concentration index: unequal populations") {
    // Burdens 2, 1, 3 (poorest first), residents 1, 2, 1 → f = 1/4, 1/2, 1/4.
    // R = 1/8, 1/4 + 1/4 = 1/2, 3/4 + 1/8 = 7/8; μ = 0.5 + 0.5 + 0.75 = 1.75.
    // Σ f h R = 0.0625 + 0.25 + 0.65625 = 0.96875; C = (2/1.75)·0.96875 − 1 = 3/28.
    // q = 2/7, 4/7, 1. a_1 = (8/7)(−6/7) + 2 − 2/7 = 36/49; a_2 = (4/7)(−3/28) + 2 − 6/7 = 53/49;
    // a_3 = (12/7)(9/14) + 2 − 4/7 − 1 = 75/49.
    // Σ f a² = (0.25·1296 + 0.5·2809 + 0.25·5625)/2401 = 3134.75/2401; (1 + C)² = 961/784;
    // var = (3134.75/2401 − 961/784)/3 = 3067/115248.
    const auto ci = concentration_index({2.0, 1.0, 3.0}, {1.0, 2.0, 3.0}, IncomeOrder::higher_is_richer, {1.0, 2.0, 1.0});
    REQUIRE(ci.has_value());
    CHECK(ci->index == Approx(3.0 / 28));
    CHECK(ci->standard_error == Approx(std::sqrt(3067.0 / 115248)));  // 0.1631
    CHECK(ci->mean_burden == Approx(1.75));
}

TEST_CASE("concentration index: tied incomes form one block, whatever their order") {
    // Incomes 1, 1, 2 (one resident each): the tie block has R = (0 + 2/2)/3 = 1/3, zone 2 R = 5/6.
    // μ = 3; Σ f h R = (4/3 + 2/3)/3 + 3·(5/6)/3 = 2/3 + 5/6 = 1.5; C = (2/3)·1.5 − 1 = 0.
    // The block's ordinates: q before 0, after (4 + 2)/9 = 2/3; zone 2: 2/3 → 1.
    // a = (4/3)(−1/3) + 2 − 0 − 2/3 = 8/9; (2/3)(−1/3) + 4/3 = 10/9; 1·(2/3) + 2 − 2/3 − 1 = 1.
    // Σ f a² = (64/81 + 100/81 + 1)/3 = 245/243; var = (245/243 − 1)/3 = 2/729.
    // (KWV's grouped-data form gives the same: within-block variance 1, (1/(nμ²))·(2/3)·1·(1/3)².)
    const ZoneValues pop = {1.0, 1.0, 1.0};
    const auto a = concentration_index({4.0, 2.0, 3.0}, {1.0, 1.0, 2.0}, IncomeOrder::higher_is_richer, pop);
    const auto b = concentration_index({2.0, 4.0, 3.0}, {1.0, 1.0, 2.0}, IncomeOrder::higher_is_richer, pop);
    REQUIRE(a.has_value());
    CHECK(a->index == Approx(0.0).margin(1e-12));
    CHECK(a->standard_error == Approx(std::sqrt(2.0 / 729)));
    CHECK(b->index == Approx(a->index).margin(1e-12));
    CHECK(b->standard_error == Approx(a->standard_error));
}

TEST_CASE("concentration index: no inequality, excluded zones, undefined cases") {
    // Equal burden everywhere: C = 0 and var = 0 (every a_i = 1).
    const auto flat = concentration_index({5.0, 5.0, 5.0}, {1.0, 2.0, 3.0}, IncomeOrder::higher_is_richer, {10.0, 20.0, 30.0});
    CHECK(flat->index == Approx(0.0).margin(1e-12));
    CHECK(flat->standard_error == Approx(0.0).margin(1e-6));
    // NULL burden, NULL income and zero population are left out: only the first case's 4 zones count.
    const auto with_gaps = concentration_index({4.0, 3.0, NUL, 2.0, 9.0, 1.0, 7.0}, {1.0, 2.0, 2.5, 3.0, NUL, 4.0, 5.0},
                                               IncomeOrder::higher_is_richer, {100.0, 100.0, 100.0, 100.0, 100.0, 100.0, 0.0});
    CHECK(with_gaps->n_zones == 4);
    CHECK(with_gaps->index == Approx(-0.25));
    // Mean burden 0 or fewer than 2 zones: undefined.
    CHECK_FALSE(concentration_index({0.0, 0.0}, {1.0, 2.0}, IncomeOrder::higher_is_richer, {1.0, 1.0}).has_value());
    CHECK_FALSE(concentration_index({1.0}, {1.0}, IncomeOrder::higher_is_richer, {1.0}).has_value());
}
