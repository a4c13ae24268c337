// The health_burden cumulation on a hand-made 3 x 3 case: DALYs per 1000 residents per cell,
// written out as arithmetic, and the sum over outcomes (MGR: a common, additive health unit).
#include <catch2/catch.hpp>

#include <cmath>

#include "burdenmap/score/CumulationRule.h"

using namespace burdenmap;
using Catch::Matchers::WithinAbs;

namespace {

std::shared_ptr<const ExposureResponse> quadratic(double c0, double c1, double c2) {
    MethodInfo i;
    i.id = "t.ha";
    CurveParameters p;
    p.c0 = c0;
    p.c1 = c1;
    p.c2 = c2;
    p.valid_min = 40;
    p.valid_max = 80;
    p.outcome = "highly annoyed";
    return std::make_shared<ExposureResponse>(i, p);
}

std::shared_ptr<const ExposureResponse> rr(double per10, double x0) {
    MethodInfo i;
    i.id = "t.rr";
    CurveParameters p;
    p.form = CurveParameters::Form::log_linear_rr;
    p.rr = per10;
    p.increment = 10;
    p.counterfactual = x0;
    p.outcome = "mortality";
    return std::make_shared<ExposureResponse>(i, p);
}

}  // namespace

TEST_CASE("health burden on a 3 x 3 case", "[health]") {
    // Layer 0: road noise Lden; layer 1: PM2.5.
    const float noise[9] = {50, 60, 70,  //
                            35, 60, NAN, //
                            80, 90, 45};
    const float pm25[9] = {5, 15, 25,  //
                           5, 15, NAN, //
                           NAN, 5, 5};
    // Outcome A: the WHO 2018 road %HA curve, disability weight 0.02.
    HealthOutcome a;
    a.name = "ha";
    a.layer = 0;
    a.curve = quadratic(78.9270, -3.1162, 0.0342);
    a.disability_weight = 0.02;
    // Outcome B: RR 1.08 per 10 µg/m³ above 5, baseline 8.9 per 1000, 10 years lost per case.
    HealthOutcome b;
    b.name = "mort";
    b.layer = 1;
    b.curve = rr(1.08, 5.0);
    b.baseline_per_1000 = 8.9;
    b.years_lost_per_case = 10.0;

    CumulationRule total;
    total.name = "health";
    total.kind = CumulationKind::health_burden;
    total.layers = {0, 1};
    total.outcomes = {a, b};
    float out[9];
    total.apply({noise, pm25}, {noise, pm25}, out, 9);

    // %HA(L) = 78.9270 − 3.1162 L + 0.0342 L²; cases/1000 = 10·%HA; DALY/1000 = cases · 0.02.
    const double ha50 = 78.9270 - 3.1162 * 50 + 0.0342 * 2500;   // 7.617
    const double ha60 = 15.075, ha70 = 28.373, ha80 = 48.511;     // see test_exposure_response
    const double ha45 = 78.9270 - 3.1162 * 45 + 0.0342 * 2025;   // 7.9545
    auto daly_ha = [](double pct) { return pct * 10.0 * 0.02; };
    // Mortality: PAF = (RR − 1)/RR, cases = PAF · 8.9, DALY = cases · 10.
    auto daly_mort = [](double c) {
        const double r = std::pow(1.08, (c - 5.0) / 10.0);
        return (r - 1.0) / r * 8.9 * 10.0;
    };
    CHECK_THAT(out[0], WithinAbs(daly_ha(ha50) + 0.0, 1e-4));                 // PM2.5 at the counterfactual: 0
    CHECK_THAT(out[1], WithinAbs(daly_ha(ha60) + (0.08 / 1.08) * 89.0, 1e-4));  // RR 1.08: PAF 0.08/1.08
    CHECK_THAT(out[2], WithinAbs(daly_ha(ha70) + daly_mort(25), 1e-4));
    CHECK_THAT(out[3], WithinAbs(0.0, 1e-6));                                 // 35 dB: below the range
    CHECK(std::isnan(out[5]));                                                // both layers nodata
    CHECK_THAT(out[6], WithinAbs(daly_ha(ha80), 1e-4));                       // PM2.5 nodata: noise only
    CHECK_THAT(out[7], WithinAbs(daly_ha(ha80), 1e-4));                       // 90 dB: the 80 dB value
    CHECK_THAT(out[8], WithinAbs(daly_ha(ha45), 1e-4));

    // The per-factor breakdown adds up to the total where both layers have data.
    CumulationRule part_a = total, part_b = total;
    part_a.kind = part_b.kind = CumulationKind::health_daly;
    part_a.outcomes = {a};
    part_b.outcomes = {b};
    float da[9], db[9];
    part_a.apply({noise, pm25}, {noise, pm25}, da, 9);
    part_b.apply({noise, pm25}, {noise, pm25}, db, 9);
    for (int i : {0, 1, 2, 4}) CHECK_THAT(da[i] + db[i], WithinAbs(out[i], 1e-4));

    CumulationRule cases = part_a;
    cases.kind = CumulationKind::health_cases;
    float ca[9];
    cases.apply({noise, pm25}, {noise, pm25}, ca, 9);
    CHECK_THAT(ca[1], WithinAbs(150.75, 1e-3));  // 15.075 % of 1000 residents
}
