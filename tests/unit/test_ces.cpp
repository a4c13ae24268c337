// CalEnviroScreen-style scores (lib/burdenmap/fair/Ces.h) on small hand-computed tables.
// Formulas: OEHHA CalEnviroScreen 4.0 (ces4 component means [V-data]; ces3draft indicator-weighted
// [V-data], both recomputed from OEHHA's published results; unscored when fewer than 5 PC
// indicators [V-data]).
// The percentiles are given (rule `given`), as the published CES percentiles were when the
// formulas were verified, so each number below is plain arithmetic.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "burdenmap/fair/Ces.h"
#include "support/TestValues.h"

using namespace burdenmap::fair;
using Catch::Matchers::Contains;

namespace {

using burdenmap::test::NUL;

constexpr auto kExp = static_cast<std::size_t>(CesComponent::exposures);
constexpr auto kEff = static_cast<std::size_t>(CesComponent::environmental_effects);
constexpr auto kSens = static_cast<std::size_t>(CesComponent::sensitive_populations);
constexpr auto kSes = static_cast<std::size_t>(CesComponent::socioeconomic_factors);

RankedIndicator given_component(const std::string& label, const std::string& component, ZoneValues pct) {
    return rank_indicator(Indicator{label, label, component, Direction::higher_is_worse, std::move(pct)},
                          PercentileRule::given);
}

// Zones A, B, C; B misses one exposure, C one socioeconomic indicator.
std::vector<RankedIndicator> small_table() {
    return {
        given_component("ozone", "exposures", {80.0, 20.0, 50.0}),
        given_component("PM2.5", "exposures", {60.0, NUL, 50.0}),
        given_component("cleanup sites", "environmental_effects", {40.0, 100.0, 70.0}),
        given_component("asthma", "sensitive_populations", {90.0, 30.0, 60.0}),
        given_component("poverty", "socioeconomic_factors", {70.0, 10.0, NUL}),
        given_component("unemployment", "socioeconomic_factors", {50.0, 30.0, 90.0}),
    };
}

}  // namespace

TEST_CASE("ces4: component means, effects weighted 1/2, scaled by the maxima, score = product") {
    auto options = ces4_options();
    options.min_population_indicators = 1;  // only 3 PC indicators here; the unscored rule has its own test
    const auto r = compute_ces(small_table(), options);
    REQUIRE(r.zones.size() == 3);
    const auto& A = r.zones[0];
    const auto& B = r.zones[1];
    const auto& C = r.zones[2];

    // A: Exp = (80+60)/2 = 70, Eff = 40, Sens = 90, SES = (70+50)/2 = 60.
    CHECK(*A.component_mean[kExp] == 70.0);
    CHECK(*A.component_mean[kEff] == 40.0);
    CHECK(*A.component_mean[kSens] == 90.0);
    CHECK(*A.component_mean[kSes] == 60.0);
    // PB = (Exp + ½·Eff)/1.5, PC = (Sens + SES)/2.
    CHECK(*A.pollution_burden == Approx((70 + 0.5 * 40) / 1.5));  // 60
    CHECK(*A.population_characteristics == Approx((90 + 60) / 2.0));  // 75
    // B: Exp = 20 (PM2.5 missing), Eff = 100 → PB = (20 + 50)/1.5 = 46.667; PC = (30 + (10+30)/2)/2 = 25.
    CHECK(*B.pollution_burden == Approx((20 + 0.5 * 100) / 1.5));
    CHECK(*B.population_characteristics == Approx((30 + (10 + 30) / 2.0) / 2));
    // C: PB = (50 + ½·70)/1.5 = 56.667; PC = (60 + 90)/2 = 75 (poverty missing).
    CHECK(*C.pollution_burden == Approx((50 + 0.5 * 70) / 1.5));
    CHECK(*C.population_characteristics == Approx(75.0));

    // Maxima over scored zones: PB 60 (A), PC 75 (A and C).
    CHECK(*r.max_pollution_burden == Approx(60.0));
    CHECK(*r.max_population_characteristics == Approx(75.0));
    // Scaled scores 10·x/max and their product.
    CHECK(*A.pollution_burden_score == Approx(10.0));
    CHECK(*A.score == Approx(10.0 * 10.0));
    CHECK(*B.pollution_burden_score == Approx(10 * 46.666667 / 60));  // 7.7778
    CHECK(*B.population_characteristics_score == Approx(10 * 25.0 / 75));  // 3.3333
    CHECK(*B.score == Approx((10 * (70 / 1.5) / 60) * (10 * 25.0 / 75)));  // 700/27 = 25.926
    CHECK(*C.score == Approx((10 * (85 / 1.5) / 60) * 10.0));  // 850/9 = 94.444
    // Score percentile: 100·rank_max/N with N = 3: A (100) → 3/3, C (94.4) → 2/3, B (25.9) → 1/3.
    CHECK(*A.score_percentile == Approx(100.0));
    CHECK(*C.score_percentile == Approx(100.0 * 2 / 3));
    CHECK(*B.score_percentile == Approx(100.0 * 1 / 3));

    // n_missing per component.
    CHECK(B.n_missing[kExp] == 1);
    CHECK(B.n_present[kExp] == 1);
    CHECK(C.n_missing[kSes] == 1);
    CHECK(A.n_missing == std::array<std::size_t, 4>{0, 0, 0, 0});
    CHECK(r.n_scored == 3);

    // Reasons: indicators at or above the 80th percentile, highest first.
    CHECK(reasons_text(A.reasons) == "asthma: at least as high as 90 % of areas; ozone: at least as high as 80 % of areas");
    CHECK(reasons_text(B.reasons) == "cleanup sites: among the highest of all areas");
    CHECK(reasons_text(C.reasons) == "unemployment: at least as high as 90 % of areas");
}

TEST_CASE("ces3draft: indicator-weighted means on the same table give different scores") {
    auto options = ces3draft_options();
    options.min_population_indicators = 1;
    const auto r = compute_ces(small_table(), options);
    const auto& A = r.zones[0];
    const auto& B = r.zones[1];
    const auto& C = r.zones[2];
    // PB = (ΣExp + ½·ΣEff)/(n_exp + ½·n_eff); PC = mean of all PC percentiles.
    CHECK(*A.pollution_burden == Approx((80 + 60 + 0.5 * 40) / (2 + 0.5)));  // 64
    CHECK(*A.population_characteristics == Approx((90 + 70 + 50) / 3.0));   // 70
    CHECK(*B.pollution_burden == Approx((20 + 0.5 * 100) / (1 + 0.5)));     // 46.667
    CHECK(*B.population_characteristics == Approx((30 + 10 + 30) / 3.0));   // 23.333
    CHECK(*C.pollution_burden == Approx((50 + 50 + 0.5 * 70) / 2.5));       // 54
    CHECK(*C.population_characteristics == Approx((60 + 90) / 2.0));        // 75
    // Maxima 64 and 75.
    CHECK(*A.score == Approx(10.0 * (10 * 70.0 / 75)));                       // 93.333
    CHECK(*B.score == Approx((10 * (70 / 1.5) / 64) * (10 * (70 / 3.0) / 75)));  // 22.685
    CHECK(*C.score == Approx((10 * 54.0 / 64) * 10.0));                       // 84.375
    // Against ces4 (100, 25.926, 94.444): the aggregation changes the numbers, as the change from the CES 3.0 draft to CES 4.0 shows.
    CHECK(*A.score != Approx(100.0));
}

TEST_CASE("unscored rule: fewer than 5 population-characteristics indicators present") {
    // CES unscored rule: scored = #non-missing PC indicators >= 5 (of 8). One exposure, 3 + 5 PC indicators.
    // Z1 has all 8, Z2 has 5, Z3 has 4 (and the highest PB, which must not set the maximum).
    std::vector<RankedIndicator> t = {given_component("X", "exposures", {50.0, 80.0, 100.0}),
                                      given_component("S1", "sensitive_populations", {40.0, 80.0, 100.0}),
                                      given_component("S2", "sensitive_populations", {40.0, NUL, NUL}),
                                      given_component("S3", "sensitive_populations", {40.0, NUL, NUL})};
    for (int i = 1; i <= 5; ++i) {
        const std::optional<double> z2 = i <= 4 ? std::optional<double>(80.0) : std::nullopt;
        const std::optional<double> z3 = i <= 3 ? std::optional<double>(100.0) : std::nullopt;
        t.push_back(given_component("P" + std::to_string(i), "socioeconomic_factors", {40.0, z2, z3}));
    }
    const auto r = compute_ces(t, ces4_options());
    const auto& Z1 = r.zones[0];
    const auto& Z2 = r.zones[1];
    const auto& Z3 = r.zones[2];
    CHECK(Z1.scored);
    CHECK(Z2.scored);
    CHECK_FALSE(Z3.scored);
    CHECK(Z3.unscored_reason == "only 4 of 8 population-characteristics indicators have data (at least 5 needed)");
    CHECK(Z3.n_missing[kSens] == 2);
    CHECK(Z3.n_missing[kSes] == 2);
    // PB and PC are still reported for the unscored zone (no effects indicators: PB = Exp).
    CHECK(*Z3.pollution_burden == 100.0);
    CHECK(*Z3.population_characteristics == 100.0);
    CHECK_FALSE(Z3.score.has_value());
    CHECK_FALSE(Z3.score_percentile.has_value());
    // Maxima over scored zones only: PB 80 (Z2), not 100 (Z3); PC 80.
    CHECK(*r.max_pollution_burden == 80.0);
    CHECK(*r.max_population_characteristics == 80.0);
    // Z1: PB_score = 10·50/80 = 6.25; PC = (40+40)/2 = 40 → 10·40/80 = 5; score 31.25. Z2: 10·10.
    CHECK(*Z1.score == Approx(6.25 * 5));
    CHECK(*Z2.score == Approx(100.0));
    // Percentile over N = 2 scored zones.
    CHECK(*Z2.score_percentile == 100.0);
    CHECK(*Z1.score_percentile == 50.0);
    CHECK(r.n_scored == 2);
    // The reasons start with why the zone is not scored.
    REQUIRE_FALSE(Z3.reasons.empty());
    CHECK(reason_text(Z3.reasons.front()) == "not scored: " + Z3.unscored_reason);
    CHECK(Z3.reasons.size() == 1 + 3);  // at most 3 indicator parts
}

TEST_CASE("unscored zones get the pollution burden score (as OEHHA publishes it), not a score", "[ces][unscored]") {
    // Z1 and Z2 scored (2 PC indicators each), Z3 unscored (1 of 2) with PB 40, Z4 unscored with
    // the highest PB 90, Z5 unscored without any PB indicator. The maximum is over scored zones.
    auto options = ces4_options();
    options.min_population_indicators = 2;
    const auto r = compute_ces({given_component("X", "exposures", {50.0, 80.0, 40.0, 90.0, NUL}),
                                given_component("P1", "socioeconomic_factors", {40.0, 80.0, 100.0, 100.0, 100.0}),
                                given_component("P2", "socioeconomic_factors", {40.0, 80.0, NUL, NUL, 100.0})},
                               options);
    CHECK(*r.max_pollution_burden == 80.0);
    CHECK(r.n_scored == 2);
    const auto& Z3 = r.zones[2];
    const auto& Z4 = r.zones[3];
    const auto& Z5 = r.zones[4];
    CHECK_FALSE(Z3.scored);
    REQUIRE(Z3.pollution_burden_score.has_value());
    CHECK(*Z3.pollution_burden_score == Approx(10 * 40.0 / 80));  // 5
    // Scaled by the same maximum: above it, above 10 (the formula, not clamped).
    REQUIRE(Z4.pollution_burden_score.has_value());
    CHECK(*Z4.pollution_burden_score == Approx(10 * 90.0 / 80));  // 11.25
    // The rest of the score stays NULL for unscored zones.
    for (const CesZone* z : {&Z3, &Z4}) {
        CHECK_FALSE(z->population_characteristics_score.has_value());
        CHECK_FALSE(z->score.has_value());
        CHECK_FALSE(z->score_percentile.has_value());
    }
    // No pollution burden, no pollution burden score.
    CHECK_FALSE(Z5.scored);
    CHECK_FALSE(Z5.pollution_burden_score.has_value());
    // Scored zones unchanged: 10·50/80 and 10·80/80.
    CHECK(*r.zones[0].pollution_burden_score == Approx(6.25));
    CHECK(*r.zones[1].pollution_burden_score == Approx(10.0));
}

TEST_CASE("no scored zone: no maximum, so no pollution burden score either", "[ces][unscored]") {
    auto options = ces4_options();
    options.min_population_indicators = 2;
    const auto r = compute_ces({given_component("X", "exposures", {50.0, 80.0}), given_component("P", "socioeconomic_factors", {40.0, 80.0})}, options);
    CHECK(r.n_scored == 0);
    CHECK(*r.zones[1].pollution_burden == 80.0);
    CHECK_FALSE(r.zones[1].pollution_burden_score.has_value());
}

TEST_CASE("unscored when no pollution-burden indicator has data") {
    auto options = ces4_options();
    options.min_population_indicators = 1;
    const auto r = compute_ces({given_component("X", "exposures", {NUL, 50.0}), given_component("P", "socioeconomic_factors", {50.0, 50.0})},
                               options);
    CHECK_FALSE(r.zones[0].scored);
    CHECK(r.zones[0].unscored_reason == "no pollution-burden indicator has data");
    CHECK(r.zones[1].scored);
}

TEST_CASE("nl_default: the ces4 arithmetic from raw values through the CES percentile rule") {
    // NO2 raw 0, 2, 4, 4 → CES percentile rule: 0 → 0; positives 2, 4, 4 (n = 3): 2 → 100/3, 4 → 100.
    // Low-income share 10, 30, 20, NULL → 10 → 100/3, 30 → 100, 20 → 200/3, NULL.
    const std::vector<RankedIndicator> t = {
        rank_indicator({"no2", "NO2", "exposures", Direction::higher_is_worse, {0.0, 2.0, 4.0, 4.0}}, PercentileRule::ces),
        rank_indicator({"low_income", "low income", "socioeconomic_factors", Direction::higher_is_worse,
                        {10.0, 30.0, 20.0, NUL}},
                       PercentileRule::ces)};
    const auto r = compute_ces(t, nl_default_options());
    // Zone 3 has no PC indicator (nl_default needs 1) → unscored, PB still 100.
    CHECK_FALSE(r.zones[3].scored);
    CHECK(*r.zones[3].pollution_burden == 100.0);
    // Maxima over zones 0..2: PB 100, PC 100. Scores: 0·(10/3) = 0; (10/3)·10; 10·(20/3).
    CHECK(*r.zones[0].score == Approx(0.0));
    CHECK(*r.zones[1].score == Approx(100.0 / 3));
    CHECK(*r.zones[2].score == Approx(200.0 / 3));
    CHECK(*r.zones[0].score_percentile == Approx(100.0 / 3));
    CHECK(*r.zones[2].score_percentile == Approx(100.0));
}

TEST_CASE("CES input errors name the indicator") {
    REQUIRE_THROWS_WITH(compute_ces({given_component("x", "exposure", {1.0})}, ces4_options()),
                        Contains("CES indicator 'x'") && Contains("unknown CES component 'exposure'"));
    REQUIRE_THROWS_WITH(compute_ces({given_component("a", "exposures", {1.0}), given_component("b", "exposures", {1.0, 2.0})}, ces4_options()),
                        Contains("CES indicator 'b'"));
    REQUIRE_THROWS_AS(compute_ces({}, ces4_options()), std::invalid_argument);
}
