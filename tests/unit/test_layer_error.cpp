// The layer error model (lib/burdenmap/uncertainty/LayerError.h): the log-normal sigma, a draw
// without error changing nothing to the bit, clamping at ±kMaxSigma, and crossing_range covering
// the crossing point of every draw (the corners exactly, random draws inside).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>

#include "burdenmap/uncertainty/DrawRandom.h"
#include "burdenmap/uncertainty/LayerError.h"

using namespace burdenmap::uncertainty;

TEST_CASE("log_sigma: sqrt(ln(1 + sd_rel²)), 0 without error") {
    CHECK(log_sigma(0) == 0.0);
    CHECK(log_sigma(0.2) == Approx(std::sqrt(std::log(1.04))).epsilon(1e-15));
    CHECK(log_sigma(1.0) == Approx(std::sqrt(std::log(2.0))).epsilon(1e-15));
}

TEST_CASE("draw_error: without error the shift is 0 and the factor 1, exactly, for any z") {
    const LayerError none;
    CHECK_FALSE(none.any());
    for (double z : {-100.0, -6.0, -1.5, 0.0, 2.5, 6.0, 100.0}) {
        const ErrorDraw d = draw_error(none, z, -z, z, -z);
        CHECK(d.shift == 0.0);
        CHECK(d.factor == 1.0);
        CHECK(d.apply(61.3) == 61.3);
        CHECK(d.crossing(55.0) == 55.0);
    }
}

TEST_CASE("draw_error: the shift and factor of the model, each z clamped to ±6") {
    const LayerError e{2, 0.5, 0.2, 0.1};  // sd_zone, sd_study, sd_rel_zone, sd_rel_study
    CHECK(e.any());
    const ErrorDraw d = draw_error(e, 1.5, -2, 0.5, 1);
    CHECK(d.shift == Approx(2 * 1.5 + 0.5 * -2).epsilon(1e-15));
    CHECK(d.factor == Approx(std::exp(log_sigma(0.2) * 0.5 + log_sigma(0.1) * 1)).epsilon(1e-15));
    CHECK(d.apply(10) == Approx(d.factor * 10 + d.shift).epsilon(1e-15));
    CHECK(d.crossing(d.apply(10)) == Approx(10).epsilon(1e-14));
    // Beyond ±6 a z counts as ±6, one by one.
    const ErrorDraw far = draw_error(e, 50, -7, 1e300, -6.5);
    const ErrorDraw at = draw_error(e, 6, -6, 6, -6);
    CHECK(far.shift == at.shift);
    CHECK(far.factor == at.factor);
    CHECK(at.shift == Approx(2 * 6 - 0.5 * 6).epsilon(1e-15));
    const ErrorDraw inside = draw_error(e, 5.9, -6, 6, -6);
    CHECK(inside.shift < at.shift);
}

TEST_CASE("crossing_range: {b, b} without error") {
    const auto r = crossing_range(LayerError{}, 55.0);
    CHECK(r.first == 55.0);
    CHECK(r.second == 55.0);
}

TEST_CASE("crossing_range: the corners by hand, and every draw's crossing inside") {
    const LayerError e{1.5, 0.5, 0.15, 0.05};  // sd_zone, sd_study, sd_rel_zone, sd_rel_study
    const double s = kMaxSigma * (1.5 + 0.5);
    const double f = std::exp(kMaxSigma * (log_sigma(0.15) + log_sigma(0.05)));
    for (double b : {55.0, 0.5, -3.0}) {
        INFO("b = " << b);
        const auto r = crossing_range(e, b);
        // (b − shift) / factor at the corners: for b − s < 0 the lowest has the smallest factor.
        const double corners[] = {(b - s) / f, (b - s) * f, (b + s) / f, (b + s) * f};
        CHECK(r.first == Approx(*std::min_element(std::begin(corners), std::end(corners))).epsilon(1e-12));
        CHECK(r.second == Approx(*std::max_element(std::begin(corners), std::end(corners))).epsilon(1e-12));
        CHECK(r.first < b);
        CHECK(r.second > b);
        // 10 000 random draws, and the clamped extremes, all inside (no tolerance).
        for (std::uint64_t d = 0; d < 10000; ++d) {
            const double z[4] = {standard_normal(9, d, 0, 0) * 3, standard_normal(9, d, 1, 0) * 3,
                                 standard_normal(9, d, 2, 0) * 3, standard_normal(9, d, 3, 0) * 3};
            const double c = draw_error(e, z[0], z[1], z[2], z[3]).crossing(b);
            if (c < r.first || c > r.second) FAIL("draw " << d << ": crossing " << c << " outside the range");
        }
        for (double z1 : {-9.0, 9.0})
            for (double z3 : {-9.0, 9.0}) {
                const double c = draw_error(e, z1, z1, z3, z3).crossing(b);
                CHECK(c >= r.first);
                CHECK(c <= r.second);
            }
    }
}
