// The pure pieces of `compare`'s cell side, on hand-made numbers: the class of a score cell, the
// transition counts and their fold, residents per cell from zones, and delta.qml's diverging ramp.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "burdenmap/compare/CellResidents.h"
#include "burdenmap/core/Raster.h"
#include "burdenmap/report/ColorRamp.h"
#include "burdenmap/report/RasterStyle.h"
#include "burdenmap/compare/TransitionCounts.h"
#include "burdenmap/core/Errors.h"
#include "burdenmap/report/QmlStyle.h"
#include "report/XmlCheck.h"
#include "support/Shapes.h"
#include "support/TestValues.h"

using namespace burdenmap;

namespace {

using burdenmap::test::rectangle;

}  // namespace

TEST_CASE("transition_class: floor of a value inside 0..classes-1, else -1") {
    CHECK(transition_class(0.0f, 3) == 0);
    CHECK(transition_class(2.0f, 3) == 2);
    CHECK(transition_class(1.5f, 3) == 1);
    CHECK(transition_class(3.0f, 3) == -1);
    CHECK(transition_class(-0.5f, 3) == -1);
    CHECK(transition_class(kNoData, 3) == -1);
}

TEST_CASE("TransitionCounts: residents per (from, to) on a hand-made 4x4 pair of score rasters") {
    // 4x4, classes 0..2; row-major. Base and plan differ in a few cells; two cells lose data.
    const std::vector<float> base = {0, 0, 1, 1,  //
                                     0, 1, 1, 2,  //
                                     2, 2, kNoData, 1,  //
                                     0, 1, 2, 2};
    const std::vector<float> plan = {0, 1, 1, 0,  //
                                     0, 1, 2, 2,  //
                                     1, 2, 0, kNoData,  //
                                     0, 0, 2, 2};
    const std::vector<double> residents = {1, 2, 3, 4,  //
                                           5, 6, 7, 8,  //
                                           9, 10, 11, 12,  //
                                           0, 0.5, 0.25, -3};  // 0 and negative add nothing
    TransitionCounts counts(3);
    counts.add(base.data(), plan.data(), residents.data(), base.size());
    // By hand, cell by cell: (0,0)=1+5 ; (0,1)=2 ; (1,1)=3+6 ; (1,0)=4+0.5 ; (1,2)=7 ; (2,2)=8+0.25 ;
    // (2,1)=9 ; (2,2)+=10 ; (-1,0)=11 ; (1,-1)=12 ; (0,0)+=0 (no residents) ; (2,2)+=-3 ignored.
    CHECK(counts.residents(0, 0) == 6);
    CHECK(counts.residents(0, 1) == 2);
    CHECK(counts.residents(1, 1) == 9);
    CHECK(counts.residents(1, 0) == 4.5);
    CHECK(counts.residents(1, 2) == 7);
    CHECK(counts.residents(2, 2) == 18.25);
    CHECK(counts.residents(2, 1) == 9);
    CHECK(counts.residents(-1, 0) == 11);
    CHECK(counts.residents(1, -1) == 12);
    CHECK(counts.residents(0, 2) == 0);
    CHECK(counts.residents(-1, -1) == 0);

    const std::vector<TransitionRow> rows = counts.rows("road_noise_score", "a1");
    // Only pairs with residents, by from then to, -1 first.
    REQUIRE(rows.size() == 9);
    CHECK(rows[0].from == -1);
    CHECK(rows[0].to == 0);
    CHECK(rows[0].residents == 11);
    CHECK(rows[1].from == 0);
    CHECK(rows[1].to == 0);
    CHECK(rows.back().from == 2);
    CHECK(rows.back().to == 2);
    for (const TransitionRow& r : rows) {
        CHECK(r.measure == "road_noise_score");
        CHECK(r.label == "a1");
        CHECK(r.residents > 0);
    }
    double total = 0;
    for (const TransitionRow& r : rows) total += r.residents;
    CHECK(total == 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10 + 11 + 12 + 0.5 + 0.25);
}

TEST_CASE("TransitionCounts: halves added apart and merged give the counts of the whole") {
    const std::vector<float> base = {0, 1, 2, 1, 0, 2};
    const std::vector<float> plan = {1, 1, 2, 0, 0, kNoData};
    const std::vector<double> residents = {0.5, 1.25, 2, 3, 4.75, 6};
    TransitionCounts whole(3), first(3), second(3);
    whole.add(base.data(), plan.data(), residents.data(), 6);
    first.add(base.data(), plan.data(), residents.data(), 3);
    second.add(base.data() + 3, plan.data() + 3, residents.data() + 3, 3);
    first.merge(second);
    for (int from = -1; from < 3; ++from)
        for (int to = -1; to < 3; ++to) CHECK(first.residents(from, to) == whole.residents(from, to));
    TransitionCounts other(4);
    CHECK_THROWS_AS(first.merge(other), std::invalid_argument);
    CHECK_THROWS_AS(TransitionCounts(0), std::invalid_argument);
}

TEST_CASE("CellResidents from zones: population spread evenly over each zone's area, coverage-weighted") {
    const Grid grid(0, 40, 10, 10, 4, 4);  // 4x4 cells of 10 m, 100 m2 each
    ResidentsPerCell zones;
    zones.kind = ResidentsPerCell::Kind::zones;
    // A: columns 0-1 (800 m2, 80 residents: 10 a cell). B: column 2 and the left half of column 3
    // (600 m2, 120 residents: 20 a whole cell, 10 a half). C: no population (NaN): none.
    zones.zone_shapes = {rectangle(0, 0, 20, 40), rectangle(20, 0, 35, 40), rectangle(35, 0, 40, 40)};
    zones.zone_population = {80, 120, std::nan("")};
    zones.zone_area = {800, 600, 200};
    CellResidents residents(zones, grid, "", 4);
    REQUIRE(residents.placed());
    std::vector<double> cells(16);
    residents.read(Window{0, 0, 4, 4}, cells.data());
    for (int r = 0; r < 4; ++r) {
        CHECK(cells[r * 4 + 0] == Approx(10).epsilon(1e-12));
        CHECK(cells[r * 4 + 1] == Approx(10).epsilon(1e-12));
        CHECK(cells[r * 4 + 2] == Approx(20).epsilon(1e-12));
        CHECK(cells[r * 4 + 3] == Approx(10).epsilon(1e-12));
    }
    // A window of its own: the cells of that window only.
    std::vector<double> part(4);
    residents.read(Window{2, 2, 2, 2}, part.data());
    CHECK(part[0] == Approx(20).epsilon(1e-12));
    CHECK(part[1] == Approx(10).epsilon(1e-12));
    double total = 0;
    for (double c : cells) total += c;
    CHECK(total == Approx(200).epsilon(1e-12));

    ResidentsPerCell none;
    CellResidents nobody(none, grid, "", 4);
    CHECK_FALSE(nobody.placed());
    std::vector<double> empty(16, 7.0);
    nobody.read(Window{0, 0, 4, 4}, empty.data());
    for (double c : empty) CHECK(c == 0);

    ResidentsPerCell mismatched = zones;
    mismatched.zone_area.pop_back();
    CHECK_THROWS_AS(CellResidents(mismatched, grid, "", 4), InputError);
}

TEST_CASE("delta.qml ramp: symmetric about 0, blue for lower burden, white at 0, red for higher") {
    const report::RasterStyle s = report::diverging_raster_style(2, -1.5, 4, report::ColorRamp::blue_white_red(), "stapeling_delta_a1 (number of layers)");
    CHECK(s.band == 2);
    REQUIRE(s.stops.size() == 11);
    CHECK(s.min() == -4);
    CHECK(s.max() == 4);
    CHECK(s.stops[5].value == 0);
    for (std::size_t i = 0; i < s.stops.size(); ++i) CHECK(s.stops[i].value == -s.stops[s.stops.size() - 1 - i].value);
    CHECK(s.stops.front().colour == report::rgb_from_hex("#053061"));  // dark blue: better
    CHECK(s.stops[5].colour == report::rgb_from_hex("#f7f7f7"));       // no change
    CHECK(s.stops.back().colour == report::rgb_from_hex("#67001f"));   // dark red: worse
    const auto blue = *s.colour_for(-2), red = *s.colour_for(2);
    CHECK(blue.b > blue.r);
    CHECK(red.r > red.b);

    // No change at all (identical runs) or no data: a valid ramp around 0 all the same.
    for (const auto& [lo, hi] : std::vector<std::pair<double, double>>{{0, 0}, {std::nan(""), std::nan("")}}) {
        const report::RasterStyle flat = report::diverging_raster_style(1, lo, hi, report::ColorRamp::blue_white_red(), "x");
        CHECK(flat.min() == -1);
        CHECK(flat.max() == 1);
        CHECK(*flat.colour_for(0) == report::rgb_from_hex("#f7f7f7"));
    }
    const std::string qml = report::raster_pseudocolor_qml(s);
    CHECK(xmlcheck::problems(qml).empty());
    CHECK(xmlcheck::count_elements(qml, "item") == 11);
}
