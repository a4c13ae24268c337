// ZonalAccumulator: weighted statistics and the merge property.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <stdexcept>

#include "burdenmap/zonal/PopulationAccumulator.h"
#include "burdenmap/zonal/ZonalAccumulator.h"

using namespace burdenmap;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

TEST_CASE("weighted statistics of a few cells", "[zonal]") {
    ZonalAccumulator acc({2.0, 5.0});
    acc.add(1.0, 1.0);
    acc.add(3.0, 0.5);
    acc.add(NAN, 0.25);
    acc.add(5.0, 0.5);
    // weights 1, 0.5, 0.5 → Σw = 2; mean = (1 + 1.5 + 2.5) / 2 = 2.5
    CHECK_THAT(acc.valid_weight(), WithinAbs(2.0, 1e-15));
    CHECK_THAT(acc.nodata_weight(), WithinAbs(0.25, 1e-15));
    CHECK_THAT(acc.mean(), WithinAbs(2.5, 1e-12));
    // variance = (1·(1−2.5)² + 0.5·(3−2.5)² + 0.5·(5−2.5)²) / 2 = (2.25 + 0.125 + 3.125) / 2 = 2.75
    CHECK_THAT(acc.variance(), WithinAbs(2.75, 1e-12));
    CHECK(acc.min() == 1.0);
    CHECK(acc.max() == 5.0);
    // share ≥ 2: (0.5 + 0.5) / 2; share ≥ 5: 0.5 / 2
    CHECK_THAT(acc.share_at_least(0), WithinAbs(0.5, 1e-15));
    CHECK_THAT(acc.share_at_least(1), WithinAbs(0.25, 1e-15));
}

TEST_CASE("an accumulator without data reports NaN statistics", "[zonal]") {
    ZonalAccumulator acc({1.0});
    acc.add(NAN, 1.0);
    CHECK_FALSE(acc.has_data());
    CHECK(std::isnan(acc.mean()));
    CHECK(std::isnan(acc.max()));
    CHECK(std::isnan(acc.share_at_least(0)));
    CHECK(acc.total_weight() == 1.0);
}

TEST_CASE("merge equals sequential accumulation (random partitions)", "[zonal][invariant]") {
    std::mt19937_64 rng(2026);
    std::normal_distribution<double> value(55.0, 8.0);
    std::uniform_real_distribution<double> weight(0.0, 1.0), u(0.0, 1.0);
    for (int trial = 0; trial < 50; ++trial) {
        const int n = 1 + trial * 13;
        std::vector<std::pair<double, double>> cells;
        for (int i = 0; i < n; ++i) cells.emplace_back(u(rng) < 0.1 ? NAN : value(rng), weight(rng));

        ZonalAccumulator whole({55.0, 65.0});
        for (auto [v, w] : cells) whole.add(v, w);

        // Split into random contiguous parts, accumulate each, merge in order.
        ZonalAccumulator merged({55.0, 65.0});
        std::size_t i = 0;
        while (i < cells.size()) {
            const std::size_t len = 1 + static_cast<std::size_t>(u(rng) * 20);
            ZonalAccumulator part({55.0, 65.0});
            for (std::size_t j = i; j < std::min(cells.size(), i + len); ++j) part.add(cells[j].first, cells[j].second);
            merged.merge(part);
            i += len;
        }
        CHECK_THAT(merged.valid_weight(), WithinRel(whole.valid_weight(), 1e-12));
        CHECK_THAT(merged.nodata_weight(), WithinRel(whole.nodata_weight(), 1e-12));
        if (whole.has_data()) {
            CHECK_THAT(merged.mean(), WithinRel(whole.mean(), 1e-12));
            CHECK_THAT(merged.variance(), WithinRel(whole.variance(), 1e-9));
            CHECK(merged.min() == whole.min());
            CHECK(merged.max() == whole.max());
            CHECK_THAT(merged.share_at_least(0), WithinAbs(whole.share_at_least(0), 1e-12));
            CHECK_THAT(merged.share_at_least(1), WithinAbs(whole.share_at_least(1), 1e-12));
        }
    }
}

TEST_CASE("class weights: the weight per integer class, merged like the other sums", "[zonal]") {
    ZonalAccumulator acc({2.0}, 4);
    acc.add(0.0, 0.5);
    acc.add(2.0, 1.0);
    acc.add(2.5, 0.25);  // a fractional value counts in its floor
    acc.add(3.0, 0.75);
    acc.add(7.0, 0.5);   // beyond the last class: not counted in any
    acc.add(-1.0, 0.5);  // below the first: neither
    acc.add(-0.5, 0.5);  // floor -1: neither (truncation would say 0)
    acc.add(3.999, 0.125);  // floor 3
    acc.add(NAN, 2.0);   // nodata: neither
    REQUIRE(acc.classes() == 4);
    CHECK(acc.weight_in_class(0) == 0.5);
    CHECK(acc.weight_in_class(1) == 0.0);
    CHECK(acc.weight_in_class(2) == 1.25);
    CHECK(acc.weight_in_class(3) == 0.875);
    CHECK_THAT(acc.weighted_sum(), WithinAbs(0.0 + 2.0 + 0.625 + 2.25 + 3.5 - 0.5 - 0.25 + 0.499875, 1e-12));

    ZonalAccumulator more({2.0}, 4);
    more.add(3.0, 1.0);
    acc.merge(more);
    CHECK(acc.weight_in_class(3) == 1.875);
    ZonalAccumulator without_classes({2.0});
    CHECK_THROWS_AS(acc.merge(without_classes), std::logic_error);
}

TEST_CASE("an even density gives the population statistics of a cell-by-cell accumulation",
          "[zonal][population][invariant]") {
    // The run applies a zone's even spread of residents to its area statistics instead of
    // accumulating residents per cell: Σ(ρw)·v = ρ·Σw·v. Both ways must agree for scores
    // (classes) and continuous values, with nodata and fractional coverage.
    std::mt19937_64 rng(28);
    std::uniform_real_distribution<double> weight(0.0, 1.0), u(0.0, 1.0), density(0.0, 40.0);
    std::uniform_int_distribution<int> score(0, 5);
    std::normal_distribution<double> level(55.0, 8.0);
    for (int trial = 0; trial < 40; ++trial) {
        const bool integer = trial % 2 == 0;
        const int classes = integer ? 5 : 0;  // scores 0..4; a 5 falls outside, like a bad class
        const double rho = density(rng);
        ZonalAccumulator area(std::vector<double>{}, classes);
        PopulationAccumulator per_cell(classes);
        for (int i = 0; i < 1 + trial * 17; ++i) {
            const double v = u(rng) < 0.1 ? NAN : integer ? static_cast<double>(score(rng)) : level(rng);
            const double w = weight(rng);
            area.add(v, w);
            per_cell.add(v, rho * w);
        }
        const PopulationAccumulator even = PopulationAccumulator::uniform_density(area, rho, classes);
        CHECK_THAT(even.residents(), WithinRel(per_cell.residents(), 1e-12));
        CHECK_THAT(even.residents_without_data(), WithinRel(per_cell.residents_without_data(), 1e-12));
        if (per_cell.residents() > 0) CHECK_THAT(even.mean(), WithinRel(per_cell.mean(), 1e-12));
        REQUIRE(even.classes() == per_cell.classes());
        for (std::size_t k = 0; k < even.classes(); ++k) {
            CHECK_THAT(even.residents_in_class(k), WithinAbs(per_cell.residents_in_class(k), 1e-9));
            CHECK_THAT(even.residents_at_least(k), WithinAbs(per_cell.residents_at_least(k), 1e-9));
        }
    }
    ZonalAccumulator no_classes(std::vector<double>{});
    CHECK_THROWS_AS(PopulationAccumulator::uniform_density(no_classes, 1.0, 3), std::logic_error);
}
