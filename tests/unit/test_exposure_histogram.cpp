// The exposure histogram (lib/burdenmap/uncertainty/ExposureHistogram.h): sums of g(value) at the
// bins' midpoints, the values below and above the range at their weighted mean, totals, merging,
// the residents channel. Values and weights are binary fractions, so the sums are exact.
#include <catch2/catch.hpp>

#include <limits>
#include <memory>
#include <stdexcept>

#include "burdenmap/uncertainty/ExposureHistogram.h"

using namespace burdenmap::uncertainty;

namespace {

// [0, 8) in 8 bins: midpoints 0.5, 1.5, ..., 7.5.
std::shared_ptr<const ExposureLayout> eight_bins() {
    auto l = std::make_shared<ExposureLayout>();
    l->lower = 0;
    l->upper = 8;
    l->bins = 8;
    return l;
}

const auto identity = [](double v) { return v; };
const auto square = [](double v) { return v * v; };

}  // namespace

TEST_CASE("ExposureHistogram: values at bin midpoints give the exact weighted sum") {
    ExposureHistogram h(eight_bins(), true);
    h.add(0.5f, 0.5, 2);
    h.add(3.5f, 0.25, 4);
    h.add(3.5f, 1, 1);
    h.add(7.5f, 0.75, 8);
    h.add(std::numeric_limits<float>::quiet_NaN(), 10, 10);
    CHECK(h.sum_of(identity, Channel::area) == 0.5 * 0.5 + 3.5 * 1.25 + 7.5 * 0.75);
    CHECK(h.sum_of(square, Channel::area) == 0.25 * 0.5 + 12.25 * 1.25 + 56.25 * 0.75);
    CHECK(h.sum_of(identity, Channel::residents) == 0.5 * 2 + 3.5 * 5 + 7.5 * 8);
    CHECK(h.total(Channel::area) == 2.5);
    CHECK(h.total(Channel::residents) == 15);
}

TEST_CASE("ExposureHistogram: a value inside a bin counts at the bin's midpoint") {
    ExposureHistogram h(eight_bins(), false);
    h.add(2.0f, 1, 0);   // bin [2, 3): midpoint 2.5
    h.add(2.75f, 1, 0);  // the same bin
    h.add(0.0f, 1, 0);   // the lower end is inside: bin [0, 1)
    CHECK(h.sum_of(identity, Channel::area) == 2.5 + 2.5 + 0.5);
}

TEST_CASE("ExposureHistogram: values below and above the range count at their weighted mean") {
    ExposureHistogram h(eight_bins(), false);
    h.add(-1.0f, 1, 0);
    h.add(-3.0f, 1, 0);   // below: mean −2 with weight 2
    h.add(8.0f, 0.5, 0);  // the upper end is outside: above
    h.add(12.0f, 1.5, 0); // above: (4 + 18) / 2 = 11 with weight 2
    CHECK(h.total(Channel::area) == 4);
    CHECK(h.sum_of(identity, Channel::area) == -4.0 + 22.0);  // the identity is exact through the means
    // g(x) = x² at the means, not the mean of the squares: 2·4 + 2·121, not 1 + 9 + 32 + 216.
    CHECK(h.sum_of(square, Channel::area) == 2 * 4.0 + 2 * 121.0);
}

TEST_CASE("ExposureHistogram: merging parts equals one histogram of all cells") {
    const auto l = eight_bins();
    ExposureHistogram whole(l, true), first(l, true), second(l, true);
    const float values[] = {-2.0f, 0.25f, 1.5f, 4.0f, 7.75f, 9.0f, 3.25f, -0.5f};
    for (int i = 0; i < 8; ++i) {
        const double area = 0.25 * (1 + i % 3), residents = 1 << i;
        whole.add(values[i], area, residents);
        (i < 4 ? first : second).add(values[i], area, residents);
    }
    first.merge(second);
    for (Channel c : {Channel::area, Channel::residents}) {
        CHECK(first.total(c) == whole.total(c));
        CHECK(first.sum_of(identity, c) == whole.sum_of(identity, c));
        CHECK(first.sum_of(square, c) == whole.sum_of(square, c));
    }
    auto other_layout = std::make_shared<ExposureLayout>(*l);
    other_layout->bins = 16;
    ExposureHistogram other(other_layout, true);
    REQUIRE_THROWS_AS(other.merge(whole), std::invalid_argument);
    ExposureHistogram area_only(l, false);
    REQUIRE_THROWS_AS(area_only.merge(whole), std::invalid_argument);
    REQUIRE_THROWS_AS(area_only.total(Channel::residents), std::invalid_argument);
    REQUIRE_THROWS_AS(area_only.sum_of(identity, Channel::residents), std::invalid_argument);
}

TEST_CASE("ExposureHistogram: layouts it cannot use are refused") {
    auto l = std::make_shared<ExposureLayout>();
    l->lower = 1;
    l->upper = 1;
    REQUIRE_THROWS_AS(ExposureHistogram(l, false), std::invalid_argument);
    l->upper = std::numeric_limits<double>::infinity();
    REQUIRE_THROWS_AS(ExposureHistogram(l, false), std::invalid_argument);
    l->upper = 2;
    l->bins = 0;
    REQUIRE_THROWS_AS(ExposureHistogram(l, false), std::invalid_argument);
    REQUIRE_THROWS_AS(ExposureHistogram(nullptr, false), std::invalid_argument);
}
