// Rank summaries over draws (lib/burdenmap/uncertainty/RankDraws.h): competition ranks, the top
// decile's size, the classes, nearest-rank percentiles by hand, and the analytic checks —
// zones with normal errors whose probability of a rank order is known — within 4 Monte Carlo
// standard errors of the draw count.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "burdenmap/uncertainty/DrawRandom.h"
#include "burdenmap/uncertainty/RankDraws.h"

using namespace burdenmap::uncertainty;

namespace {

const double nan_value = std::numeric_limits<double>::quiet_NaN();

// Zones with point values `means` and independent standard normal errors, ranked in `draws` draws.
std::vector<ZoneRankSummary> normal_error_draws(const std::vector<double>& means, std::size_t draws) {
    RankDraws ranks(means.size(), draws);
    std::vector<double> values(means.size());
    for (std::size_t d = 0; d < draws; ++d) {
        for (std::size_t z = 0; z < means.size(); ++z) values[z] = means[z] + standard_normal(17, d, 0, z);
        ranks.set_draw(d, values);
    }
    return ranks.summarise();
}

// Monte Carlo check: |estimate − p| within 4 standard errors of a share of n draws.
void check_share(double estimate, double p, std::size_t n) {
    const double se = std::sqrt(p * (1 - p) / static_cast<double>(n));
    INFO("estimate " << estimate << ", analytic " << p << ", 4 SE = " << 4 * se);
    CHECK(std::abs(estimate - p) <= 4 * se);
}

}  // namespace

TEST_CASE("competition_ranks: 1 = highest, ties share the best rank, NaN has no rank") {
    CHECK(competition_ranks({}) == std::vector<std::uint32_t>{});
    CHECK(competition_ranks({3.0, 1.0, 2.0}) == std::vector<std::uint32_t>{1, 3, 2});
    // 5, 7, 7, 1, NaN, 7, 5: the three 7s share 1, the two 5s share 4, then 1 is 6th.
    CHECK(competition_ranks({5.0, 7.0, 7.0, 1.0, nan_value, 7.0, 5.0}) ==
          std::vector<std::uint32_t>{4, 1, 1, 6, 0, 1, 4});
    CHECK(competition_ranks({nan_value, nan_value}) == std::vector<std::uint32_t>{0, 0});
    CHECK(competition_ranks({-1.0, -std::numeric_limits<double>::infinity(), 0.0}) ==
          std::vector<std::uint32_t>{2, 3, 1});
}

TEST_CASE("top_decile_size: ceil(n / 10) for n = 0..25") {
    const std::size_t expected[] = {0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3};
    for (std::size_t n = 0; n <= 25; ++n) {
        INFO("n = " << n);
        CHECK(top_decile_size(n) == expected[n]);
    }
}

TEST_CASE("rank_class: surely in at >= 0.9, surely out at <= 0.1, edge between, and its names") {
    CHECK(rank_class(1.0) == RankClass::surely_in);
    CHECK(rank_class(0.9) == RankClass::surely_in);
    CHECK(rank_class(std::nextafter(0.9, 0.0)) == RankClass::edge);
    CHECK(rank_class(0.5) == RankClass::edge);
    CHECK(rank_class(std::nextafter(0.1, 1.0)) == RankClass::edge);
    CHECK(rank_class(0.1) == RankClass::surely_out);
    CHECK(rank_class(0.0) == RankClass::surely_out);
    CHECK(std::string(to_string(RankClass::surely_in)) == "surely in");
    CHECK(std::string(to_string(RankClass::edge)) == "edge");
    CHECK(std::string(to_string(RankClass::surely_out)) == "surely out");
}

TEST_CASE("nearest_rank: the ceil(p·m)-th smallest on tiny samples") {
    std::vector<double> twenty, ten, hundred;
    for (int i = 1; i <= 20; ++i) twenty.push_back(i * 10.0);
    for (int i = 1; i <= 10; ++i) ten.push_back(i);
    for (int i = 1; i <= 100; ++i) hundred.push_back(i);
    CHECK(nearest_rank(twenty, 0.05) == 10.0);   // ceil(1) = 1st
    CHECK(nearest_rank(twenty, 0.5) == 100.0);   // ceil(10) = 10th
    CHECK(nearest_rank(twenty, 0.95) == 190.0);  // ceil(19) = 19th
    CHECK(nearest_rank(twenty, 1.0) == 200.0);
    CHECK(nearest_rank(ten, 0.5) == 5.0);        // ceil(5) = 5th
    CHECK(nearest_rank(ten, 0.05) == 1.0);       // ceil(0.5) = 1st
    CHECK(nearest_rank(ten, 0.95) == 10.0);      // ceil(9.5) = 10th
    CHECK(nearest_rank(ten, 0.51) == 6.0);       // ceil(5.1) = 6th
    // 0.07·100 is 7.000000000000001 in double: still the 7th.
    CHECK(nearest_rank(hundred, 0.07) == 7.0);
    CHECK(nearest_rank({4.0}, 0.05) == 4.0);
    REQUIRE_THROWS_AS(nearest_rank({}, 0.5), std::invalid_argument);
    REQUIRE_THROWS_AS(nearest_rank(ten, 0.0), std::invalid_argument);
    REQUIRE_THROWS_AS(nearest_rank(ten, 1.5), std::invalid_argument);
}

TEST_CASE("interval_of: sorts, leaves NaN out, nullopt when nothing is left") {
    // 20 values 20, 19, ..., 1 with NaNs between: p05 = 1st, p50 = 10th, p95 = 19th smallest.
    std::vector<double> sample;
    for (int i = 20; i >= 1; --i) {
        sample.push_back(i);
        if (i % 7 == 0) sample.push_back(nan_value);
    }
    const auto interval = interval_of(sample);
    REQUIRE(interval);
    CHECK(interval->p05 == 1.0);
    CHECK(interval->p50 == 10.0);
    CHECK(interval->p95 == 19.0);
    CHECK_FALSE(interval_of({}));
    CHECK_FALSE(interval_of({nan_value, nan_value}));
}

TEST_CASE("RankDraws: without error every draw is the point ranking, the interval has zero width") {
    // 12 zones (top decile: 2 zones) with a tie and a NULL: every draw gives the same values.
    const std::vector<double> point = {3, 9, 1, 9, 4, nan_value, 2, 8, 0, 5, 6, 7};
    const std::vector<std::uint32_t> point_ranks = competition_ranks(point);
    RankDraws ranks(point.size(), 50);
    for (std::size_t d = 0; d < ranks.draws(); ++d) ranks.set_draw(d, point);
    const auto summary = ranks.summarise();
    REQUIRE(summary.size() == point.size());
    for (std::size_t z = 0; z < point.size(); ++z) {
        INFO("zone " << z);
        if (point_ranks[z] == 0) {
            CHECK_FALSE(summary[z].p50);
            CHECK_FALSE(summary[z].p_top_decile);
            CHECK_FALSE(summary[z].rank_class);
            continue;
        }
        REQUIRE(summary[z].p50);
        CHECK(*summary[z].p05 == point_ranks[z]);
        CHECK(*summary[z].p50 == point_ranks[z]);
        CHECK(*summary[z].p95 == point_ranks[z]);
        // 11 valued zones: the top decile is ranks <= 2, here the two tied 9s (both rank 1).
        const bool in = point_ranks[z] <= 2;
        CHECK(*summary[z].p_top_decile == (in ? 1.0 : 0.0));
        CHECK(*summary[z].rank_class == (in ? RankClass::surely_in : RankClass::surely_out));
    }
}

TEST_CASE("RankDraws: p_top_decile is a share of all draws, a draw without a value counts as out") {
    // Zone 0 is the highest of 3 where it has a value, and has none in 3 of 4 draws.
    RankDraws ranks(3, 4);
    ranks.set_draw(0, {5.0, 1.0, 2.0});
    ranks.set_draw(1, {nan_value, 1.0, 2.0});
    ranks.set_draw(2, {nan_value, 3.0, 2.0});
    ranks.set_draw(3, {nan_value, 1.0, 2.0});
    const auto s = ranks.summarise();
    CHECK(*s[0].p_top_decile == 0.25);
    CHECK(*s[0].p05 == 1.0);
    CHECK(*s[0].p95 == 1.0);
    CHECK(*s[0].rank_class == RankClass::edge);
    // Zone 1: ranks 3, 2, 1, 2 (top decile = 1 zone in every draw): in once.
    CHECK(*s[1].p_top_decile == 0.25);
    CHECK(*s[1].p05 == 1.0);
    CHECK(*s[1].p50 == 2.0);  // sorted 1, 2, 2, 3: the 2nd
    CHECK(*s[1].p95 == 3.0);
    // Zone 2: ranks 2, 1, 2, 1.
    CHECK(*s[2].p_top_decile == 0.5);
    CHECK(*s[2].p50 == 1.0);
}

TEST_CASE("RankDraws: two zones 1 and 0 with normal errors of sd 1: P(A above B) = Φ(1/√2)") {
    // A − B ~ N(1, 2): P(A > B) = Φ(1/√2) = 0.7602499389...; with 2 zones the top decile is rank 1.
    const std::size_t draws = 20000;
    const auto s = normal_error_draws({1.0, 0.0}, draws);
    const double p = normal_cdf(1 / std::sqrt(2.0));
    REQUIRE(std::abs(p - 0.7602499389065233) < 1e-12);
    check_share(*s[0].p_top_decile, p, draws);
    check_share(*s[1].p_top_decile, 1 - p, draws);
    CHECK(*s[0].p50 == 1.0);
    CHECK(*s[0].p95 == 2.0);
    CHECK(*s[0].rank_class == RankClass::edge);
}

TEST_CASE("RankDraws: three zones 2, 1, 0 with normal errors of sd 1: P(top zone ranked 1) by integration") {
    // P(X2 > X1 and X2 > X0) = ∫ φ(x − 2) Φ(x − 1) Φ(x) dx, trapezoid on [−12, 16] with step 1e-3
    // (the integrand is below 1e-30 outside).
    const auto integrand = [](double x) {
        const double phi = std::exp(-0.5 * (x - 2) * (x - 2)) / std::sqrt(2 * 3.14159265358979323846);
        return phi * normal_cdf(x - 1) * normal_cdf(x);
    };
    const double from = -12, to = 16, step = 1e-3;
    const int steps = static_cast<int>(std::lround((to - from) / step));
    double p = 0.5 * (integrand(from) + integrand(to));
    for (int i = 1; i < steps; ++i) p += integrand(from + i * step);
    p *= step;
    // 0.72875...: below the two-zone 0.760 (a third zone can also beat the top one).
    REQUIRE(p > 0.728);
    REQUIRE(p < 0.729);
    const std::size_t draws = 20000;
    const auto s = normal_error_draws({2.0, 1.0, 0.0}, draws);
    check_share(*s[0].p_top_decile, p, draws);
}

TEST_CASE("RankDraws: a draw of the wrong size or number is refused") {
    RankDraws ranks(2, 3);
    REQUIRE_THROWS_AS(ranks.set_draw(0, {1.0}), std::invalid_argument);
    REQUIRE_THROWS_AS(ranks.set_draw(3, {1.0, 2.0}), std::out_of_range);
}

TEST_CASE("FlagDraws: the share of all draws flagged, nullopt without a value in any draw") {
    FlagDraws flags(4, 4);
    flags.set_draw(0, {1, 0, -1, 1});
    flags.set_draw(1, {1, 0, -1, -1});
    flags.set_draw(2, {0, 1, -1, 1});
    flags.set_draw(3, {1, 0, -1, 1});
    const auto p = flags.p_flagged();
    REQUIRE(p.size() == 4);
    CHECK(*p[0] == 0.75);
    CHECK(*p[1] == 0.25);
    CHECK_FALSE(p[2]);
    CHECK(*p[3] == 0.75);  // no value in draw 1: a draw without the flag
    // A draw never set counts as no value.
    FlagDraws unset(1, 2);
    unset.set_draw(0, {1});
    CHECK(*unset.p_flagged()[0] == 0.5);
    REQUIRE_THROWS_AS(flags.set_draw(0, {2, 0, 0, 0}), std::invalid_argument);
    REQUIRE_THROWS_AS(flags.set_draw(0, {1, 0}), std::invalid_argument);
    REQUIRE_THROWS_AS(flags.set_draw(4, {1, 0, 0, 0}), std::out_of_range);
}

TEST_CASE("rank_key: sums that are equal in exact arithmetic compare equal, distinct values keep their order", "[uncertainty][rank]") {
    using burdenmap::uncertainty::rank_key;
    CHECK(rank_key(0.1 + 0.2) == rank_key(0.3));  // 0.30000000000000004 and 0.3
    CHECK(rank_key(3.0 / 7.0) == rank_key(3.0 / 7.0 + 2e-16));
    CHECK(rank_key(1.0) == 1.0);
    CHECK(rank_key(0.9999999999999999) == 1.0);
    CHECK(rank_key(-2.5) == -2.5);
    CHECK(rank_key(0.0) == 0.0);
    CHECK(std::isnan(rank_key(std::nan(""))));
    CHECK(rank_key(1.0 + 1e-9) > rank_key(1.0));
    CHECK(rank_key(52.0) < rank_key(52.0 + 1e-8));
}
