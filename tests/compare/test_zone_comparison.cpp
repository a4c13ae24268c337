// compare's zones table on the hand-made 4 zones (CompareFixture.h): plan values, differences,
// change classes, zones matched by id whatever the plans' row order.
#include <catch2/catch.hpp>

#include "CompareFixture.h"
#include "burdenmap/compare/StatisticColumns.h"
#include "burdenmap/compare/ZoneDelta.h"

using namespace burdenmap;
using namespace compare_test;

namespace {

const FieldValue& value(const ZoneComparison& z, std::size_t row, const std::string& field) {
    for (std::size_t i = 0; i < z.fields.size(); ++i)
        if (z.fields[i].name == field) return z.features.at(row).values.at(i);
    FAIL("no field " << field);
    throw std::logic_error("unreachable");
}

double number(const ZoneComparison& z, std::size_t row, const std::string& field) { return std::get<double>(value(z, row, field)); }
std::string text(const ZoneComparison& z, std::size_t row, const std::string& field) { return std::get<std::string>(value(z, row, field)); }
bool is_null(const ZoneComparison& z, std::size_t row, const std::string& field) {
    return std::holds_alternative<std::monostate>(value(z, row, field));
}

}  // namespace

TEST_CASE("compare zones: plan values, plan - base and better / same / worse per zone, zones matched by id", "[compare]") {
    const ZoneTables t = four_zones();
    ZoneDeltaInput in;
    in.tables = &t;
    in.columns = {{"residents", FieldType::real, "residents", "persons", "", ""},
                  {"stapeling_mean", FieldType::real, "mean count", "number of layers", "count_at_least", ""}};
    in.judged = {stapeling(), noise_cum()};
    in.wkb = {{1}, {2}, {3}, {4}};
    const ZoneComparison z = zone_comparison(in);

    std::vector<std::string> names;
    for (const FieldSpec& f : z.fields) names.push_back(f.name);
    CHECK(names == std::vector<std::string>{"zone_id", "zone_name", "residents", "change_stapeling_screen", "change_noise_cum_screen",
                                            "residents_screen", "residents_delta_screen", "stapeling_mean_screen",
                                            "stapeling_mean_delta_screen"});
    REQUIRE(z.features.size() == 4);
    // Base order, base geometry.
    CHECK(text(z, 0, "zone_id") == "A");
    CHECK(text(z, 3, "zone_id") == "D");
    CHECK(z.features[2].wkb == std::vector<unsigned char>{3});
    // A: stapeling 2.0 -> 1.0: -1, beyond 0.01: better. noise_cum on _pop_mean 60 -> 57: -3 dB: better.
    CHECK(number(z, 0, "stapeling_mean_screen") == Approx(1.0));
    CHECK(number(z, 0, "stapeling_mean_delta_screen") == Approx(-1.0));
    CHECK(text(z, 0, "change_stapeling_screen") == "better");
    CHECK(text(z, 0, "change_noise_cum_screen") == "better");
    // B: 1.0 -> 1.005: +0.005 <= 0.01: same; 55 -> 55.4 dB: +0.4 <= 0.5: same.
    CHECK(number(z, 1, "stapeling_mean_delta_screen") == Approx(0.005));
    CHECK(text(z, 1, "change_stapeling_screen") == "same");
    CHECK(text(z, 1, "change_noise_cum_screen") == "same");
    // C: 0.5 -> 1.5: worse; the plan has no noise_cum_pop_mean there, so both runs' area means
    // (49 -> 52, +3 dB) judge it: worse. 300 -> 400 residents.
    CHECK(text(z, 2, "change_stapeling_screen") == "worse");
    CHECK(text(z, 2, "change_noise_cum_screen") == "worse");
    CHECK(number(z, 2, "residents_delta_screen") == Approx(100));
    // D: no value in either run: NULL everywhere, no change class.
    CHECK(is_null(z, 3, "stapeling_mean_screen"));
    CHECK(is_null(z, 3, "stapeling_mean_delta_screen"));
    CHECK(is_null(z, 3, "change_stapeling_screen"));
    CHECK(is_null(z, 3, "residents"));
}

TEST_CASE("compare zones: a run compared with itself has every difference 0 and every zone the same", "[compare]") {
    ZoneTables t = four_zones();
    t.plans = {t.base};
    t.plan_row = {{0, 1, 2, 3}};
    ZoneDeltaInput in;
    in.tables = &t;
    in.columns = {{"noise_cum_pop_mean", FieldType::real, "", "dB", "", ""}};
    in.judged = {stapeling()};
    const ZoneComparison z = zone_comparison(in);
    for (std::size_t r = 0; r < 3; ++r) {
        CHECK(number(z, r, "noise_cum_pop_mean_delta_screen") == 0.0);
        CHECK(text(z, r, "change_stapeling_screen") == "same");
    }
}

TEST_CASE("compare zones: the zone ids of two runs, the differences named", "[compare]") {
    CHECK_FALSE(zone_id_difference({"a", "b", "c"}, {"c", "a", "b"}));
    const auto missing = zone_id_difference({"a", "b", "c", "d", "e"}, {"a"});
    REQUIRE(missing);
    CHECK(*missing == "4 zone id(s) of the base not in the plan: 'b', 'c', 'd', ...");
    const auto both = zone_id_difference({"a", "b"}, {"a", "x"});
    REQUIRE(both);
    CHECK(*both == "1 zone id(s) of the base not in the plan: 'b'; 1 zone id(s) of the plan not in the base: 'x'");
    const auto repeated = zone_id_difference({"a", "b"}, {"a", "b", "b"});
    REQUIRE(repeated);
    CHECK(*repeated == "1 zone id(s) repeated: 'b'");
    CHECK(match_zones({"a", "b", "c"}, {"c", "a", "b"}) == std::vector<std::size_t>{1, 2, 0});
}

TEST_CASE("compare zones: a layer's statistics by the codebook, not the fairness columns named like it", "[compare]") {
    const std::vector<std::string> columns = {"no2_mean", "no2_pop_mean", "no2_score_mean", "no2_pop_class_0", "no2_air_value",
                                              "road_mean", "road_noise_mean", "road_noise_score_mean", "stapeling_mean", "income_quintile"};
    const std::map<std::string, std::string> method = {
        {"no2_mean", "input"},        {"no2_pop_mean", "input"},       {"no2_score_mean", "air.no2_ladder"},
        {"no2_pop_class_0", "air.no2_ladder"}, {"no2_air_value", "indicator"}, {"road_mean", "input"},
        {"road_noise_mean", "input"}, {"road_noise_score_mean", "ges.road_noise"}, {"stapeling_mean", "count_at_least"}};
    const std::vector<ColumnOwner> owners = {{"no2", {"input", "air.no2_ladder"}},
                                             {"road", {"input"}},
                                             {"road_noise", {"input", "ges.road_noise"}},
                                             {"stapeling", {"count_at_least"}}};
    const auto got = statistic_columns(columns, owners, method);
    CHECK(got[0] == std::vector<std::string>{"no2_mean", "no2_pop_mean", "no2_score_mean", "no2_pop_class_0"});
    CHECK(got[1] == std::vector<std::string>{"road_mean"});
    CHECK(got[2] == std::vector<std::string>{"road_noise_mean", "road_noise_score_mean"});
    CHECK(got[3] == std::vector<std::string>{"stapeling_mean"});
}
