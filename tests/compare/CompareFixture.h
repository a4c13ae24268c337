#pragma once
// The hand-made 4-zone comparison of the compare tests: a base and one plan ("screen"), the plan's
// zones in reverse order (the tables match zones by id, not by row). Every expected number of the
// tests is worked out by hand in their comments from these values.
//
//        residents  quintile  stapeling_mean  noise_cum_pop_mean (_mean)  road_noise_pop_class_0/1/2  stapeling_pop_ge1/ge2
// base A   100        1          2.0              60 (59)                   20 / 30 / 50                80 / 50
//      B   200        1          1.0              55 (55)                  100 /100 /  0               100 /  0
//      C   300        5          0.5              50 (49)                  300 /  0 /  0                 0 /  0
//      D   NULL       5          NULL             NULL                     NULL                         NULL
// plan A   100                   1.0              57 (57)                   50 / 50 /  0                50 /  0
//      B   200                   1.005            55.4 (55.4)              100 /100 /  0               100 /  0
//      C   400 (new dwellings)   1.5              NULL (52)                300 /100 /  0               100 /  0
//      D   NULL                  NULL             NULL                     NULL                         NULL
#include <string>
#include <vector>

#include "burdenmap/compare/Comparison.h"
#include "burdenmap/compare/ZoneTables.h"

namespace compare_test {

using burdenmap::ComparedMeasure;
using burdenmap::FieldValue;
using burdenmap::ZoneRows;
using burdenmap::ZoneTables;

inline FieldValue null() { return std::monostate{}; }

inline const std::vector<std::string>& columns() {
    static const std::vector<std::string> c = {
        "zone_id",         "zone_name",          "residents",          "income_quintile", "stapeling_mean", "noise_cum_mean",
        "noise_cum_pop_mean", "road_noise_pop_class_0", "road_noise_pop_class_1", "road_noise_pop_class_2", "stapeling_pop_ge1",
        "stapeling_pop_ge2"};
    return c;
}

inline ZoneTables four_zones() {
    ZoneTables t;
    t.base.columns = columns();
    t.base.rows = {
        {std::string("A"), std::string("Aa"), 100.0, 1LL, 2.0, 59.0, 60.0, 20.0, 30.0, 50.0, 80.0, 50.0},
        {std::string("B"), std::string("Bb"), 200.0, 1LL, 1.0, 55.0, 55.0, 100.0, 100.0, 0.0, 100.0, 0.0},
        {std::string("C"), std::string("Cc"), 300.0, 5LL, 0.5, 49.0, 50.0, 300.0, 0.0, 0.0, 0.0, 0.0},
        {std::string("D"), std::string("Dd"), null(), 5LL, null(), null(), null(), null(), null(), null(), null(), null()},
    };
    ZoneRows plan;
    plan.columns = columns();
    plan.rows = {
        {std::string("D"), std::string("Dd"), null(), null(), null(), null(), null(), null(), null(), null(), null(), null()},
        {std::string("C"), std::string("Cc"), 400.0, 5LL, 1.5, 52.0, null(), 300.0, 100.0, 0.0, 100.0, 0.0},
        {std::string("B"), std::string("Bb"), 200.0, 1LL, 1.005, 55.4, 55.4, 100.0, 100.0, 0.0, 100.0, 0.0},
        {std::string("A"), std::string("Aa"), 100.0, 1LL, 1.0, 57.0, 57.0, 50.0, 50.0, 0.0, 50.0, 0.0},
    };
    t.plans.push_back(plan);
    t.labels = {"screen"};
    t.plan_row = {{3, 2, 1, 0}};
    return t;
}

inline ComparedMeasure cumulation(const std::string& name, const std::string& unit, double tolerance) {
    ComparedMeasure m;
    m.kind = ComparedMeasure::Kind::cumulation;
    m.name = m.layer = name;
    m.unit = unit;
    m.tolerance = tolerance;
    return m;
}

inline ComparedMeasure stapeling() { return cumulation("stapeling", "number of layers", 0.01); }
inline ComparedMeasure noise_cum() { return cumulation("noise_cum", "dB", 0.5); }

inline ComparedMeasure road_noise_score() {
    ComparedMeasure m;
    m.kind = ComparedMeasure::Kind::layer_score;
    m.name = "road_noise_score";
    m.layer = "road_noise";
    m.unit = "class";
    m.tolerance = 0.01;
    m.classes = 3;
    m.class_labels = {"zeer goed", "goed"};  // class 2 unnamed: its label stays empty
    return m;
}

}  // namespace compare_test
