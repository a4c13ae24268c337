// compare's class_shift on the hand-made 4 zones (CompareFixture.h): residents per score class and
// at or above each count, summed over the zones, NULL as 0.
#include <catch2/catch.hpp>

#include "CompareFixture.h"
#include "burdenmap/compare/ClassShift.h"

using namespace burdenmap;
using namespace compare_test;

TEST_CASE("compare class shift: residents per class of a layer score and at or above each count, by hand", "[compare]") {
    const ZoneTables t = four_zones();
    const auto rows = class_shift(t, {road_noise_score(), stapeling()});
    REQUIRE(rows.size() == 5);
    // road_noise class 0: base 20 + 100 + 300 = 420; plan 50 + 100 + 300 = 450.
    CHECK(rows[0].measure == "road_noise_score");
    CHECK(rows[0].kind == "class");
    CHECK(rows[0].cls == 0);
    CHECK(rows[0].class_label == "zeer goed");
    CHECK(rows[0].base == Approx(420));
    CHECK(rows[0].plan == std::vector<double>{450});
    // class 1: base 30 + 100 + 0 = 130; plan 50 + 100 + 100 = 250.
    CHECK(rows[1].class_label == "goed");
    CHECK(rows[1].base == Approx(130));
    CHECK(rows[1].plan[0] == Approx(250));
    // class 2: base 50; plan 0; no label given for it.
    CHECK(rows[2].cls == 2);
    CHECK(rows[2].class_label.empty());
    CHECK(rows[2].base == Approx(50));
    CHECK(rows[2].plan[0] == Approx(0));
    // stapeling at least 1: base 80 + 100 + 0 = 180; plan 50 + 100 + 100 = 250. At least 2: 50 -> 0.
    CHECK(rows[3].measure == "stapeling");
    CHECK(rows[3].kind == "at_least");
    CHECK(rows[3].cls == 1);
    CHECK(rows[3].base == Approx(180));
    CHECK(rows[3].plan[0] == Approx(250));
    CHECK(rows[4].cls == 2);
    CHECK(rows[4].base == Approx(50));
    CHECK(rows[4].plan[0] == Approx(0));
}

TEST_CASE("compare class shift: a run with itself has plan equal to base in every row", "[compare]") {
    ZoneTables t = four_zones();
    t.plans = {t.base};
    t.plan_row = {{0, 1, 2, 3}};
    for (const ClassShiftRow& r : class_shift(t, {road_noise_score(), stapeling()})) CHECK(r.plan[0] == r.base);
}

TEST_CASE("compare class shift: numbered columns found in any order, others ignored", "[compare]") {
    CHECK(numbered_columns({"x_pop_class_10", "x_pop_class_2", "x_pop_class_", "x_pop_class_a", "y_pop_class_1", "x_pop_class_0"},
                           "x_pop_class_") == std::vector<int>{0, 2, 10});
}
