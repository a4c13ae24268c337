// When a zone is "the same", and what the alternatives' columns are called.
#include <catch2/catch.hpp>

#include "burdenmap/compare/CompareLabels.h"
#include "burdenmap/compare/Tolerance.h"

using namespace burdenmap;

TEST_CASE("compare tolerance: by name beats by unit beats the default", "[compare]") {
    const std::map<std::string, double> none;
    CHECK(tolerance_for("road_noise", "dB Lden", "", none) == 0.5);
    CHECK(tolerance_for("noise_cum", "dB", "energetic_sum", none) == 0.5);
    CHECK(tolerance_for("no2", "µg/m³", "", none) == 0.5);
    CHECK(tolerance_for("pm25", "ug/m3", "", none) == 0.5);
    CHECK(tolerance_for("stapeling", "number of layers", "count_at_least", none) == 0.01);
    CHECK(tolerance_for("road_noise_score", "class", "", none) == 0.01);
    CHECK(tolerance_for("rail_noise_score", "0/1", "", none) == 0.01);
    CHECK(tolerance_for("risk", "per year", "", none) == 0.0);
    // The first word of a unit: "dB=1" covers "dB Lden"; the whole unit beats its first word.
    CHECK(tolerance_for("road_noise", "dB Lden", "", {{"dB", 1.0}}) == 1.0);
    CHECK(tolerance_for("road_noise", "dB Lden", "", {{"dB", 1.0}, {"dB Lden", 2.0}}) == 2.0);
    // By name beats by unit.
    CHECK(tolerance_for("road_noise", "dB Lden", "", {{"dB", 1.0}, {"road_noise", 0.25}}) == 0.25);
    CHECK(tolerance_for("noise_cum", "dB", "", {{"dB", 1.0}, {"road_noise", 0.25}}) == 1.0);
    // "ug/m3" set for "µg/m³".
    CHECK(tolerance_for("no2", "µg/m³", "", {{"ug/m3", 2.0}}) == 2.0);
}

TEST_CASE("compare tolerance: |difference| at the tolerance is the same, higher is worse", "[compare]") {
    CHECK(classify_change(0.5, 0.5) == ChangeClass::same);
    CHECK(classify_change(-0.5, 0.5) == ChangeClass::same);
    CHECK(classify_change(0.51, 0.5) == ChangeClass::worse);
    CHECK(classify_change(-0.51, 0.5) == ChangeClass::better);
    CHECK(classify_change(0.0, 0.0) == ChangeClass::same);
    CHECK(classify_change(1e-12, 0.0) == ChangeClass::worse);
    CHECK(to_string(ChangeClass::better) == "better");
}

TEST_CASE("compare tolerance: NAME_OR_UNIT=VALUE parsed, mistakes named", "[compare]") {
    CHECK(parse_tolerance("stapeling=0.1") == std::pair<std::string, double>{"stapeling", 0.1});
    CHECK(parse_tolerance("dB Lden=1") == std::pair<std::string, double>{"dB Lden", 1.0});
    CHECK_THROWS_WITH(parse_tolerance("stapeling"), Catch::Contains("NAME_OR_UNIT=VALUE"));
    CHECK_THROWS_WITH(parse_tolerance("=1"), Catch::Contains("names no measure"));
    CHECK_THROWS_WITH(parse_tolerance("dB=-1"), Catch::Contains(">= 0"));
    CHECK_THROWS_WITH(parse_tolerance("dB=1,5"), Catch::Contains(">= 0"));
}

TEST_CASE("compare labels: slugs of the study names, else a1, a2", "[compare]") {
    CHECK(label_slug("Noise screen A12") == "noise_screen_a12");
    CHECK(label_slug("  Woningbouw — spoor (plan 2) ") == "woningbouw_spoor_plan_2");
    CHECK(label_slug("Demo town (synthetic, gemeente 0999)") == "demo_town_synthetic_geme");
    CHECK(label_slug("A very long name that ends_ here") == "a_very_long_name_that_en");
    CHECK(choose_labels({"Screen", "Housing"}, {}) == std::vector<std::string>{"screen", "housing"});
    // Two plans of one study (duplicates), or a name that starts with a digit: numbered.
    CHECK(choose_labels({"Plan", "plan!"}, {}) == std::vector<std::string>{"a1", "a2"});
    CHECK(choose_labels({"2030 plan"}, {}) == std::vector<std::string>{"a1"});
    CHECK(choose_labels({"Base"}, {}) == std::vector<std::string>{"a1"});
    CHECK(choose_labels({""}, {}) == std::vector<std::string>{"a1"});
    // Given labels win, and must be valid, distinct, one per plan.
    CHECK(choose_labels({"Screen", "Housing"}, {"s", "h"}) == std::vector<std::string>{"s", "h"});
    CHECK_THROWS_WITH(choose_labels({"x", "y"}, {"s"}), Catch::Contains("1 label(s) given for 2"));
    CHECK_THROWS_WITH(choose_labels({"x", "y"}, {"s", "s"}), Catch::Contains("given twice"));
    CHECK_THROWS_WITH(choose_labels({"x"}, {"Screen"}), Catch::Contains("lowercase letter"));
    CHECK_THROWS_WITH(choose_labels({"x"}, {"a-b"}), Catch::Contains("a-z, 0-9"));
}
