// Exposure–response curves against values computed by hand from the published coefficients
// (Directive (EU) 2020/367 Annex III for noise; WHO AQG 2021 with Chen & Hoek 2020 and Huangfu &
// Atkinson 2020 for air), never by calling the same formula in the test.
#include <catch2/catch.hpp>

#include <cmath>

#include "burdenmap/score/ExposureResponse.h"

using namespace burdenmap;
using Catch::Matchers::WithinAbs;

namespace {

MethodInfo info(const std::string& id) {
    MethodInfo i;
    i.id = id;
    i.family = "exposure_response";
    return i;
}

// WHO 2018 %HA road: 78.9270 − 3.1162 L + 0.0342 L² (EU 2020/367 Annex III, Guski et al. 2017; secondary), valid 40–80 dB.
ExposureResponse road_ha() {
    CurveParameters p;
    p.form = CurveParameters::Form::quadratic;
    p.c0 = 78.9270;
    p.c1 = -3.1162;
    p.c2 = 0.0342;
    p.valid_min = 40.0;
    p.valid_max = 80.0;
    p.outcome = "highly annoyed";
    return ExposureResponse(info("t.road_ha"), p);
}

// IHD: RR 1.08 per 10 dB above 53 dB Lden (WHO 2018; recalled: placeholder).
ExposureResponse ihd() {
    CurveParameters p;
    p.form = CurveParameters::Form::log_linear_rr;
    p.rr = 1.08;
    p.increment = 10.0;
    p.counterfactual = 53.0;
    p.outcome = "ischaemic heart disease";
    return ExposureResponse(info("t.ihd"), p);
}

}  // namespace

TEST_CASE("%HA road traffic at hand-computed levels", "[erf]") {
    const ExposureResponse c = road_ha();
    // 60 dB: 78.9270 − 186.972 + 123.12 = 15.075
    CHECK_THAT(c.evaluate(60.0), WithinAbs(15.075, 1e-9));
    // 70 dB: 78.9270 − 218.134 + 167.58 = 28.373
    CHECK_THAT(c.evaluate(70.0), WithinAbs(28.373, 1e-9));
    // 40 dB (the lower end, inside): 78.9270 − 124.648 + 54.72 = 8.999
    CHECK_THAT(c.evaluate(40.0), WithinAbs(8.999, 1e-9));
}

TEST_CASE("outside the validity range: no effect below, the end value above", "[erf]") {
    const ExposureResponse c = road_ha();
    CHECK(c.evaluate(39.9) == 0.0);
    // 80 dB: 78.9270 − 249.296 + 218.88 = 48.511; 90 dB keeps it.
    CHECK_THAT(c.evaluate(90.0), WithinAbs(48.511, 1e-9));
    std::vector<std::uint64_t> bins(3, 0);
    const float values[] = {30.0f, 60.0f, 95.0f, NAN};
    float out[4];
    c.score(values, out, 4, bins);
    CHECK(bins == std::vector<std::uint64_t>{1, 1, 1});  // below, inside, above; NaN in none
    CHECK(std::isnan(out[3]));
}

TEST_CASE("log-linear relative risk above the counterfactual", "[erf]") {
    const ExposureResponse c = ihd();
    CHECK(c.evaluate(50.0) == 1.0);                            // below 53 dB: no excess risk
    CHECK(c.evaluate(53.0) == 1.0);
    CHECK_THAT(c.evaluate(63.0), WithinAbs(1.08, 1e-12));       // one increment
    CHECK_THAT(c.evaluate(73.0), WithinAbs(1.08 * 1.08, 1e-12));  // two: 1.1664
    CHECK_THAT(c.evaluate(58.0), WithinAbs(std::sqrt(1.08), 1e-12));
    // Another counterfactual moves the curve: at 63 dB with x0 = 43, two increments.
    CHECK_THAT(c.with_counterfactual(43.0).evaluate(63.0), WithinAbs(1.1664, 1e-12));
}

TEST_CASE("a curve with an inverted range or a non-positive RR is refused", "[erf]") {
    CurveParameters p;
    p.valid_min = 80;
    p.valid_max = 40;
    CHECK_THROWS_AS(ExposureResponse(info("t.bad"), p), std::invalid_argument);
    CurveParameters q;
    q.form = CurveParameters::Form::log_linear_rr;
    q.rr = 0;
    CHECK_THROWS_AS(ExposureResponse(info("t.bad2"), q), std::invalid_argument);
}

TEST_CASE("rr_low and rr_high: the 95 % CI of rr, both or neither, around rr", "[erf][ci]") {
    CurveParameters p = ihd().parameters();
    SECTION("a CI around rr is kept, and with_counterfactual keeps it") {
        p.rr_low = 1.06;
        p.rr_high = 1.09;
        const ExposureResponse c(info("t.ci"), p);
        REQUIRE(c.parameters().rr_low);
        CHECK(*c.parameters().rr_low == 1.06);
        CHECK(*c.with_counterfactual(40).parameters().rr_high == 1.09);
    }
    SECTION("a CI of zero width at rr is accepted") {
        p.rr_low = p.rr;
        p.rr_high = p.rr;
        CHECK_NOTHROW(ExposureResponse(info("t.ci"), p));
    }
    SECTION("refused: one bound only, rr outside, a bound at or below 0, a CI on a quadratic") {
        const auto refused = [](const CurveParameters& q, const std::string& words) {
            try {
                ExposureResponse(info("t.bad_ci"), q);
            } catch (const std::invalid_argument& e) {
                CHECK_THAT(std::string(e.what()), Catch::Matchers::Contains("t.bad_ci") && Catch::Matchers::Contains(words));
                return;
            }
            FAIL_CHECK("accepted a bad CI: " << words);
        };
        CurveParameters q = p;
        q.rr_low = 1.06;
        refused(q, "give both or neither");
        q = p;
        q.rr_high = 1.09;
        refused(q, "give both or neither");
        q = p;
        q.rr_low = 1.09;  // above rr 1.08
        q.rr_high = 1.10;
        refused(q, "0 < rr_low <= rr <= rr_high");
        q = p;
        q.rr_low = 1.01;
        q.rr_high = 1.07;  // below rr
        refused(q, "0 < rr_low <= rr <= rr_high");
        q = p;
        q.rr_low = 0;
        q.rr_high = 1.09;
        refused(q, "0 < rr_low <= rr <= rr_high");
        CurveParameters quad = road_ha().parameters();
        quad.rr_low = 1.0;
        quad.rr_high = 1.0;
        refused(quad, "log_linear_rr\" only");
    }
}
