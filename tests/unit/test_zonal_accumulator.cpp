// ZonalAccumulator: weighted statistics and the merge property.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

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
