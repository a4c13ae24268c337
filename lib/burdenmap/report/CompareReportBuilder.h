#pragma once
// Decides what the compare report says from a CompareResult (compare/Comparison.h) and the delta
// maps the caller drew: the question, the answer per alternative, the class-shift and by-income
// charts with their tables, the zones that change most, and the run facts. Pure: the caller
// (CompareReport.h) reads delta.tif and draws the maps; CompareReportHtml.h lays the model out.
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "burdenmap/compare/Comparison.h"
#include "burdenmap/report/ReportModel.h"

namespace burdenmap::report {

// One alternative's delta map as the caller drew it.
struct DeltaMapImage {
    std::string png_base64;  // empty: no map (`problem` says why)
    std::string problem;
};

struct CompareMapModel {
    std::string title;       // the alternative's name
    std::string png_base64;  // empty: `caption` says why there is no map
    std::string caption;
};

struct TitledTable {
    std::string title;
    TextTable table;
};

struct CompareReportModel {
    std::string base_study;  // under the title: what the alternatives are compared against
    std::string title;       // the question: "What does <plan> change?"
    std::vector<std::string> answers;    // per alternative: two sentences
    std::vector<std::string> key_facts;

    std::vector<CompareMapModel> maps;   // per alternative
    std::string maps_intro;

    std::string class_shift_intro;
    std::string class_shift_svg;         // empty: no layer score or count (the intro says so)
    std::vector<TitledTable> class_shift_tables;  // per measure: class, base, plan, difference

    std::string income_intro;
    std::string income_svg;              // empty: no income groups (the intro says why)
    TextTable income_table;

    std::string zones_intro;
    TextTable changed_zones;

    std::vector<std::string> warnings;
    std::vector<std::pair<std::string, std::string>> run_facts;  // label → value
    TextTable compared;                  // the run folders, their studies and labels
    TextTable tolerances;                // per measure: what counts as "same"
    std::string footer;
};

// The alternative's name for people: its [study] name, else its label; with its label added
// when another alternative has the same name.
std::string alternative_name(const CompareResult& result, std::size_t plan);

// The answer for one alternative in two sentences: how many residents live in zones where the
// headline gets better, worse (beyond the tolerance) or stays the same, and whether the
// lowest-income fifth gains more or less than the highest-income fifth (from the summary's
// quintile changes; lower is better). `has_income`: the base run had income quintiles
// (CompareResult::by_income not empty); without them the second sentence says so. `headline`:
// the headline's measure (its unit and tolerance), when CompareResult::measures lists it.
std::string answer_sentences(const AlternativeSummary& summary, const std::string& plan_name,
                             const ComparedMeasure* headline, bool has_income);

// Who lives there: when the alternative changes the number of residents (new dwellings) or the
// residents at a layer's burden level (AlternativeSummary::at_burden_level), one or two sentences
// saying so ("It changes the number of residents from 268,080 to 271,080 (+3,000). Residents at a
// layer's burden level: rail noise 21,846 → 23,104 (+1,258)."); empty when neither changes by
// half a resident or more. A housing plan changes no map, so the answer above calls every
// neighbourhood "the same"; this is where its effect shows.
std::string residents_sentences(const AlternativeSummary& summary);

// Rows of `zones` with the `count` largest |value| of the column `delta_column` (zones without a
// value left out), largest first; ties by the zone_id column, ascending.
std::vector<std::size_t> most_changed_zones(const ZoneComparison& zones, const std::string& delta_column,
                                            std::size_t count);

// The band of delta.tif that maps the headline of `summary`, if the comparison wrote one.
std::optional<DeltaBand> headline_delta_band(const CompareResult& result, const AlternativeSummary& summary);

// The half-width of the delta maps' common scale: the largest |min| or |max| of the headline's
// delta bands (0 when there are none), so that every alternative's map has the same colours.
double headline_delta_extent(const CompareResult& result);

// The legend title of an alternative's delta map: "stapeling, Plan screen − base (number of
// layers); cells −0.42 to +1.3" (the band's own range; the colours run over the common scale).
std::string delta_map_legend(const CompareResult& result, std::size_t plan);

// `maps`: per alternative (CompareResult::plans order); missing entries mean no map.
CompareReportModel build_compare_report_model(const CompareResult& result, const std::vector<DeltaMapImage>& maps,
                                              std::size_t changed_zones = 10);

}  // namespace burdenmap::report
