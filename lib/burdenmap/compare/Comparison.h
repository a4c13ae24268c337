#pragma once
// What `burdenmap compare` found: a base run against one or more plan alternatives, each a
// finished run folder. The tables here are what compare.gpkg (and the CSVs beside it) hold and
// what the compare report words; job/CompareRuns.h fills them, report/CompareReport.h reads them.
// Plain values only (no GDAL, no JSON), so every part can be tested with hand-made numbers.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/core/Diagnostics.h"
#include "burdenmap/core/FeatureTable.h"

namespace burdenmap {

// One run folder taking part: the base or an alternative.
struct ComparedRun {
    std::filesystem::path dir;
    std::string study_name;  // its [study] name (run.json "study.name")
    std::string label;       // column suffix: "base" for the base; for a plan its name slug or a1, a2, ...
};

// A measure compared: a layer's raw values, a layer's score, or a cumulation.
struct ComparedMeasure {
    enum class Kind { layer, layer_score, cumulation };
    Kind kind = Kind::layer;
    std::string name;     // zones column stem: "road_noise", "road_noise_score", "stapeling"
    std::string layer;    // the layer or cumulation it belongs to
    std::string unit;     // as run.json gives it ("dB Lden", "µg/m³", "class", "number of layers")
    double tolerance = 0; // |delta| <= tolerance is "same" (CompareOptions: per unit, settable)
    int classes = 0;      // integer classes 0..classes-1 counted per resident (scores); 0: none
    std::vector<std::string> class_labels;  // per class when the method names them; may be empty
};

// `zones`: one row per zone (base order), plan values and deltas per alternative.
// change_<cumulation>_<label>: "better" / "same" / "worse" by the measure's tolerance.
struct ZoneComparison {
    std::vector<FieldSpec> fields;
    std::vector<Feature> features;   // geometry from the base run's zones (WKB in the base CRS)
    std::string crs_wkt;
};

// `class_shift`: residents per class of a layer score (kind "class"), or at or above a count of a
// cumulation (kind "at_least"), in the base and in each alternative.
struct ClassShiftRow {
    std::string measure;      // "road_noise_score", "stapeling"
    std::string kind;         // "class" | "at_least"
    int cls = 0;
    std::string class_label;  // may be empty
    double base = 0;
    std::vector<double> plan; // per alternative (order of CompareResult::plans)
    // difference = plan - base, per alternative (computed by the writer and the report)
};

// `transitions`: residents of an alternative whose cell moves from class `from` in the base to
// class `to` in the plan, per layer score. -1 is "no data" in that run.
struct TransitionRow {
    std::string measure;  // "road_noise_score"
    std::string label;    // the alternative's label
    int from = 0, to = 0;
    double residents = 0;
};

// `by_income`: per income quintile of the base run (its income_quintile column; 1 = lowest
// income), per alternative and measure: population-weighted mean in base and plan (each weighted
// by its own run's residents), their difference, and the shares of the quintile's plan residents
// living in zones that got better / stayed the same / got worse.
struct IncomeChangeRow {
    int quintile = 0;
    std::string label;
    std::string measure;
    double residents_base = 0, residents_plan = 0;
    double mean_base = 0, mean_plan = 0, mean_change = 0;
    double share_better = 0, share_same = 0, share_worse = 0;
};

// Residents at a layer's burden level (the level its method flags, e.g. GES class 6 and up): the
// run's <layer>_pop_ge<level> column summed over the zones.
struct BurdenLevelCount {
    std::string layer;  // "road_noise"
    int level = 0;
    double base = 0, plan = 0;
};

// The headline per alternative: what the report's answer says.
struct AlternativeSummary {
    std::string label;
    std::string headline;   // the measure judged (the base run's headline cumulation)
    double residents_better = 0, residents_same = 0, residents_worse = 0;
    std::optional<double> lowest_quintile_change, highest_quintile_change;  // mean_change of quintiles 1 and 5
    // Who lives there, not only how the places change: a plan with new dwellings changes no map,
    // but it may add residents at a burden level (judged per zone, they would all be "the same").
    double residents_base_total = 0, residents_plan_total = 0;  // Σ residents over the zones
    std::vector<BurdenLevelCount> at_burden_level;              // per compared layer that flags a level
};

// delta.tif: one band per alternative and measure (cumulations, then layer scores).
struct DeltaBand {
    int band = 0;            // 1-based
    std::string measure;     // "stapeling", "road_noise_score"
    std::string label;       // the alternative's label
    std::string description; // "<measure>_delta_<label>"
    double min = 0, max = 0; // over cells with data in both runs (0, 0 when none)
};

struct CompareResult {
    ComparedRun base;
    std::vector<ComparedRun> plans;
    std::vector<ComparedMeasure> measures;
    ZoneComparison zones;
    std::vector<ClassShiftRow> class_shift;
    std::vector<TransitionRow> transitions;
    std::vector<IncomeChangeRow> by_income;     // empty when the base run has no income_quintile
    std::vector<AlternativeSummary> summaries;  // per alternative
    std::vector<DeltaBand> delta_bands;
    std::filesystem::path geopackage, delta_tif, delta_qml, manifest;  // compare.gpkg, delta.tif, delta.qml, compare.json
    std::vector<std::filesystem::path> csvs;
    std::vector<Diagnostic> warnings;
};

}  // namespace burdenmap
