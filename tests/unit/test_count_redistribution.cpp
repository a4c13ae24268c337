// Population counts moved between grids by overlap area: totals are conserved for any alignment.
#include <catch2/catch.hpp>

#include <random>

#include "burdenmap/core/CountRedistribution.h"

using namespace burdenmap;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {
double total(const Raster<double>& r) {
    double s = 0;
    for (double v : r.values()) s += v;
    return s;
}
}  // namespace

TEST_CASE("a coarse cell's count is shared by area among the fine cells it covers", "[population]") {
    // One 100 m cell with 400 residents onto 50 m cells offset by 25 m: the target cells see
    // overlaps of 25x25, 25x50, 50x50 ... m out of 100x100.
    Raster<float> src(Grid(0, 100, 100, 100, 1, 1), 400.0f);
    const Grid target(-25, 125, 50, 50, 3, 3);  // x -25..125, y -25..125
    const auto out = redistribute_counts(src, target);
    CHECK_THAT(out(0, 0), WithinAbs(400.0 * (25.0 * 25.0) / (100.0 * 100.0), 1e-9));  // corner: 25 x 25
    CHECK_THAT(out(0, 1), WithinAbs(400.0 * (50.0 * 25.0) / (100.0 * 100.0), 1e-9));  // edge: 50 x 25
    CHECK_THAT(out(1, 1), WithinAbs(400.0 * (50.0 * 50.0) / (100.0 * 100.0), 1e-9));  // centre: 50 x 50
    CHECK_THAT(total(out), WithinAbs(400.0, 1e-9));
}

TEST_CASE("fine cells are summed into the coarse cell that contains them", "[population]") {
    Raster<float> src(Grid(0, 20, 10, 10, 2, 2), std::vector<float>{1, 2, 3, 4});
    const auto out = redistribute_counts(src, Grid(0, 20, 20, 20, 1, 1));
    CHECK_THAT(out(0, 0), WithinAbs(1.0 + 2.0 + 3.0 + 4.0, 1e-12));
}

TEST_CASE("nodata counts as no residents; cells outside the target are dropped", "[population]") {
    Raster<float> src(Grid(0, 10, 10, 10, 3, 1), std::vector<float>{5, NAN, 7});
    const auto out = redistribute_counts(src, Grid(0, 10, 20, 10, 1, 1));  // covers the first two cells only
    CHECK_THAT(out(0, 0), WithinAbs(5.0, 1e-12));
}

TEST_CASE("invariant: the total is conserved for any alignment and resolution", "[population][invariant]") {
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> count(0, 100), offset(-37, 37), res(3, 60);
    for (int trial = 0; trial < 100; ++trial) {
        const int cols = 7 + trial % 5, rows = 5 + trial % 7;
        std::vector<float> values(static_cast<std::size_t>(cols * rows));
        double expected = 0;
        for (float& v : values) {
            v = static_cast<float>(count(rng));
            expected += v;
        }
        const double sres = res(rng);
        Raster<float> src(Grid(1000 + offset(rng), 2000 + offset(rng), sres, sres, cols, rows), values);
        // A target that contains the whole source, with any resolution and origin.
        const double tres = res(rng);
        const Box e = src.grid().extent();
        const Grid target(e.xmin - tres - 10, e.ymax + tres + 10, tres, tres,
                          static_cast<int>((e.width() + 2 * tres + 20) / tres) + 2, static_cast<int>((e.height() + 2 * tres + 20) / tres) + 2);
        CHECK_THAT(total(redistribute_counts(src, target)), WithinRel(expected, 1e-9));
    }
}
