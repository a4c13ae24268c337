// The step histogram (lib/burdenmap/uncertainty/StepHistogram.h) on hand-made cells: the exact
// weight at or above each boundary, the window's bins at their edges and in proportion inside a
// bin, the exact value at the boundary as the cells see it (float), clamping, merging, the
// residents channel, and the layouts it refuses. Weights are sums of powers of two, so every sum
// below is exact and compared with ==.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <stdexcept>
#include <vector>

#include "burdenmap/uncertainty/DrawRandom.h"
#include "burdenmap/uncertainty/StepHistogram.h"

using namespace burdenmap::uncertainty;

namespace {

struct Cell {
    float value;
    double area, residents;
};

std::shared_ptr<const StepLayout> layout(std::vector<float> boundaries, std::vector<std::pair<double, double>> windows,
                                         int bins) {
    auto l = std::make_shared<StepLayout>();
    l->boundaries = std::move(boundaries);
    l->windows = std::move(windows);
    l->bins = bins;
    return l;
}

// Boundaries 1, 2, 4 with 4 bins per window; the first two windows overlap on [1, 2), so a value
// there is binned in both.
//   window 0 [0, 2):  bins [0, .5) [.5, 1) [1, 1.5) [1.5, 2)
//   window 1 [1, 3):  bins [1, 1.5) [1.5, 2) [2, 2.5) [2.5, 3)
//   window 2 [3, 5):  bins [3, 3.5) [3.5, 4) [4, 4.5) [4.5, 5)
std::shared_ptr<const StepLayout> three_boundaries() { return layout({1, 2, 4}, {{0, 2}, {1, 3}, {3, 5}}, 4); }

// Residents are powers of two: each cell's share shows in the sums.
const std::vector<Cell> kCells = {
    {0.25f, 0.5, 1},  {0.75f, 0.25, 2}, {1.0f, 1, 4},     {1.25f, 0.5, 8},   {1.75f, 0.25, 16},
    {2.25f, 0.5, 32}, {3.75f, 1, 64},   {4.0f, 0.25, 128}, {6.0f, 0.5, 256}, {-3.0f, 1, 512},
    {std::numeric_limits<float>::quiet_NaN(), 100, 100},
};

StepHistogram histogram_of(const std::vector<Cell>& cells, std::shared_ptr<const StepLayout> l, bool residents = true) {
    StepHistogram h(std::move(l), residents);
    for (const Cell& c : cells) h.add(c.value, c.area, c.residents);
    return h;
}

}  // namespace

TEST_CASE("StepHistogram: the exact weight at or above each boundary, NaN not counted") {
    const StepHistogram h = histogram_of(kCells, three_boundaries());
    // Rows: [-inf, 1): 0.25, 0.75, -3 | [1, 2): 1, 1.25, 1.75 | [2, 4): 2.25, 3.75 | [4, inf): 4, 6.
    CHECK(h.total(Channel::area) == 5.75);
    CHECK(h.at_least_boundary(0, Channel::area) == 1.75 + 1.5 + 0.75);
    CHECK(h.at_least_boundary(1, Channel::area) == 1.5 + 0.75);
    CHECK(h.at_least_boundary(2, Channel::area) == 0.75);  // 4.0 is at the boundary: counted
    REQUIRE_THROWS_AS(h.at_least_boundary(3, Channel::area), std::out_of_range);
}

TEST_CASE("StepHistogram: at_least at bin edges is the hand-summed weight, overlapping windows both binned") {
    const StepHistogram h = histogram_of(kCells, three_boundaries());
    // Boundary 0 (window [0, 2)): weight >= x by hand.
    CHECK(h.at_least(0, 0.0, Channel::area) == 4.75);   // all but -3
    CHECK(h.at_least(0, 0.5, Channel::area) == 4.25);   // less 0.25
    CHECK(h.at_least(0, 1.0, Channel::area) == 4.0);    // less 0.75
    CHECK(h.at_least(0, 1.5, Channel::area) == 2.5);    // less 1 and 1.25
    CHECK(h.at_least(0, 2.0, Channel::area) == 2.25);   // less 1.75: the window's upper end
    // Boundary 1 (window [1, 3)): the cells 1, 1.25, 1.75 are in its bins too.
    CHECK(h.at_least(1, 1.0, Channel::area) == 4.0);
    CHECK(h.at_least(1, 1.5, Channel::area) == 2.5);
    CHECK(h.at_least(1, 2.5, Channel::area) == 1.75);
    CHECK(h.at_least(1, 3.0, Channel::area) == 1.75);
    // Boundary 2 (window [3, 5)): no cell in [3, 3.5).
    CHECK(h.at_least(2, 3.0, Channel::area) == 1.75);
    CHECK(h.at_least(2, 3.5, Channel::area) == 1.75);
    CHECK(h.at_least(2, 3.75, Channel::area) == 1.75 - 0.5 * 1);  // half of bin [3.5, 4)
    CHECK(h.at_least(2, 4.5, Channel::area) == 0.5);
    CHECK(h.at_least(2, 5.0, Channel::area) == 0.5);
}

TEST_CASE("StepHistogram: inside a bin the weight is taken as spread evenly") {
    const StepHistogram h = histogram_of(kCells, three_boundaries());
    // Below the boundary: bin [.5, 1) holds 0.25; x a quarter into it adds three quarters of it.
    CHECK(h.at_least(0, 0.625, Channel::area) == 4.0 + 0.75 * 0.25);
    // Above: bin [1, 1.5) holds 1.5; x a quarter into it takes a quarter of it away.
    CHECK(h.at_least(0, 1.125, Channel::area) == 4.0 - 0.25 * 1.5);
    // Across several bins: from 0.25 (half of bin 0) up to the boundary.
    CHECK(h.at_least(0, 0.25, Channel::area) == 4.0 + 0.25 + 0.5 * 0.5);
}

TEST_CASE("StepHistogram: x outside the window is clamped to it") {
    const StepHistogram h = histogram_of(kCells, three_boundaries());
    CHECK(h.at_least(0, -100.0, Channel::area) == h.at_least(0, 0.0, Channel::area));
    CHECK(h.at_least(0, 100.0, Channel::area) == h.at_least(0, 2.0, Channel::area));
    CHECK(h.at_least(2, -std::numeric_limits<double>::infinity(), Channel::area) == 1.75);
    REQUIRE_THROWS_AS(h.at_least(0, std::numeric_limits<double>::quiet_NaN(), Channel::area), std::invalid_argument);
}

TEST_CASE("StepHistogram: at the boundary the exact weight to the bit, the boundary mid-bin") {
    // Boundary 0.3f in bin [0, 1/3) of window [0, 1): the bin also holds a cell below the boundary.
    // Weights 0.1, 0.7, 0.2 do not sum exactly: the result must still be at_least_boundary's bits.
    const auto l = layout({0.3f}, {{0, 1}}, 3);
    StepHistogram h(l, false);
    h.add(0.1f, 0.7, 0);
    h.add(0.3f, 0.1, 0);
    h.add(0.31f, 0.2, 0);
    h.add(0.9f, 0.3, 0);
    const double exact = h.at_least_boundary(0, Channel::area);
    CHECK(exact == 0.1 + 0.2 + 0.3);
    const double b = 0.3f;
    CHECK(h.at_least(0, b, Channel::area) == exact);
    // The class table's double bound 0.3 is 0.3f as the cells see it: the same bits.
    CHECK(0.3 != b);
    CHECK(h.at_least(0, 0.3, Channel::area) == exact);
    // Off the boundary, inside the bin [0, 1/3) (weight 0.7 + 0.1 + 0.2 = 1.0 there, in float):
    // the share of the bin between x and the boundary.
    const double bin_weight = static_cast<double>(0.7f + 0.1f + 0.2f);
    const double at_0_2 = h.at_least(0, 0.2, Channel::area);
    CHECK(at_0_2 == Approx(exact + bin_weight * (b - 0.2) * 3).epsilon(1e-7));
    CHECK(at_0_2 != exact);
}

TEST_CASE("StepHistogram: boundaries compare in float (a cell holding float(1e-6) is at boundary float(1e-6))") {
    // float(1e-6) = 9.99999997e-7 < 1e-6: compared in double the cell would be below the boundary.
    const float b = 1e-6f;
    REQUIRE(static_cast<double>(b) < 1e-6);
    // Without bins and with bins around the boundary (4 bins over [0, 2e-6)).
    for (bool binned : {false, true}) {
        INFO("binned " << binned);
        const auto l = binned ? layout({b}, {{0, 2e-6}}, 4) : layout({b}, {{1e-6, 1e-6}}, 4);
        StepHistogram h(l, false);
        h.add(b, 1, 0);
        h.add(std::nextafter(b, 0.0f), 0.5, 0);
        CHECK(h.at_least_boundary(0, Channel::area) == 1.0);
        CHECK(h.at_least(0, 1e-6, Channel::area) == 1.0);
        CHECK(h.at_least(0, static_cast<double>(b), Channel::area) == 1.0);
    }
}

TEST_CASE("StepHistogram: the residents channel") {
    const StepHistogram h = histogram_of(kCells, three_boundaries());
    REQUIRE(h.has_residents());
    CHECK(h.total(Channel::residents) == 1023);
    CHECK(h.at_least_boundary(0, Channel::residents) == 4 + 8 + 16 + 32 + 64 + 128 + 256);
    CHECK(h.at_least(0, 0.5, Channel::residents) == 2 + 4 + 8 + 16 + 32 + 64 + 128 + 256);
    CHECK(h.at_least(2, 3.5, Channel::residents) == 64 + 128 + 256);
    const StepHistogram area_only = histogram_of(kCells, three_boundaries(), false);
    CHECK_FALSE(area_only.has_residents());
    CHECK(area_only.at_least(0, 0.5, Channel::area) == 4.25);
    REQUIRE_THROWS_AS(area_only.total(Channel::residents), std::invalid_argument);
    REQUIRE_THROWS_AS(area_only.at_least(0, 0.5, Channel::residents), std::invalid_argument);
}

TEST_CASE("StepHistogram: merging two halves gives the histogram of all cells") {
    const auto l = three_boundaries();
    const std::vector<Cell> first(kCells.begin(), kCells.begin() + 5), second(kCells.begin() + 5, kCells.end());
    StepHistogram merged = histogram_of(first, l);
    merged.merge(histogram_of(second, l));
    const StepHistogram whole = histogram_of(kCells, l);
    for (Channel c : {Channel::area, Channel::residents}) {
        CHECK(merged.total(c) == whole.total(c));
        for (std::size_t j = 0; j < 3; ++j) {
            CHECK(merged.at_least_boundary(j, c) == whole.at_least_boundary(j, c));
            for (double x = -0.5; x <= 5.5; x += 0.125) {
                INFO("boundary " << j << ", x " << x);
                CHECK(merged.at_least(j, x, c) == whole.at_least(j, x, c));
            }
        }
    }
    // A layout with the same content (another pointer) merges too; another layout or channel count does not.
    StepHistogram copy_layout(std::make_shared<StepLayout>(*l), true);
    copy_layout.merge(whole);
    CHECK(copy_layout.total(Channel::area) == 5.75);
    StepHistogram other(layout({1, 2, 4}, {{0, 2}, {1, 3}, {3, 5}}, 8), true);
    REQUIRE_THROWS_AS(other.merge(whole), std::invalid_argument);
    StepHistogram area_only(l, false);
    REQUIRE_THROWS_AS(area_only.merge(whole), std::invalid_argument);
}

TEST_CASE("StepHistogram: 7 boundaries with overlapping windows against counting every cell") {
    // Windows [b − 1.5, b + 1.5) with 32 bins (edges multiples of 1/32); cell values are odd
    // multiples of 1/1024, so never on an edge, plus cells exactly on each boundary.
    const std::vector<float> boundaries = {-2, -1, 0, 0.5f, 1, 2, 4};
    std::vector<std::pair<double, double>> windows;
    for (float b : boundaries) windows.emplace_back(b - 1.5, b + 1.5);
    const auto l = layout(boundaries, windows, 32);
    std::vector<Cell> cells;
    for (std::uint64_t i = 0; i < 2000; ++i) {
        const double u = uniform_open(5, 0, 0, i);
        const double value = (std::floor(u * 8192) - 4096) / 512 + 1.0 / 1024;
        cells.push_back({static_cast<float>(value), 0.25 * static_cast<double>(1 + i % 4), 1});
    }
    for (float b : boundaries) cells.push_back({b, 0.5, 1});
    const StepHistogram h = histogram_of(cells, l, false);
    const auto weight_at_least = [&](double x) {
        double s = 0;
        for (const Cell& c : cells)
            if (c.value >= x) s += c.area;
        return s;
    };
    for (std::size_t j = 0; j < boundaries.size(); ++j) {
        CHECK(h.at_least_boundary(j, Channel::area) == weight_at_least(boundaries[j]));
        for (int k = 0; k <= 32; ++k) {
            const double edge = windows[j].first + k * (3.0 / 32);
            INFO("boundary " << j << ", edge " << edge);
            CHECK(h.at_least(j, edge, Channel::area) == weight_at_least(edge));
        }
    }
}

TEST_CASE("StepHistogram: layouts it cannot use are refused") {
    REQUIRE_NOTHROW(StepHistogram(layout({}, {}, 4), false));
    REQUIRE_NOTHROW(StepHistogram(layout({1, 2}, {{1, 1}, {2, 2}}, 4), false));  // no bins anywhere
    // Descending or equal boundaries.
    REQUIRE_THROWS_AS(StepHistogram(layout({2, 1}, {{1, 3}, {0, 2}}, 4), false), std::invalid_argument);
    REQUIRE_THROWS_AS(StepHistogram(layout({1, 1}, {{0, 2}, {0, 2}}, 4), false), std::invalid_argument);
    // A window with bins that does not contain its boundary ([lower, upper): not at upper).
    REQUIRE_THROWS_AS(StepHistogram(layout({2}, {{0, 2}}, 4), false), std::invalid_argument);
    REQUIRE_THROWS_AS(StepHistogram(layout({2}, {{2.5, 3}}, 4), false), std::invalid_argument);
    // Windows whose upper end decreases (a narrow window after a wide one).
    REQUIRE_THROWS_AS(StepHistogram(layout({1, 2}, {{0, 4}, {1.5, 2.5}}, 4), false), std::invalid_argument);
    // A window per boundary, finite, lower <= upper, bins >= 1.
    REQUIRE_THROWS_AS(StepHistogram(layout({1}, {}, 4), false), std::invalid_argument);
    REQUIRE_THROWS_AS(StepHistogram(layout({1}, {{0, std::numeric_limits<double>::infinity()}}, 4), false),
                      std::invalid_argument);
    REQUIRE_THROWS_AS(StepHistogram(layout({1}, {{2, 0}}, 4), false), std::invalid_argument);
    REQUIRE_THROWS_AS(StepHistogram(layout({1}, {{-1e308, 1e308}}, 4), false), std::invalid_argument);  // width overflows
    REQUIRE_THROWS_AS(StepHistogram(layout({1}, {{0, 2}}, 0), false), std::invalid_argument);
    REQUIRE_THROWS_AS(StepHistogram(nullptr, false), std::invalid_argument);
}
