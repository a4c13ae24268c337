#pragma once
// Who carries the burden, by income: from the finished zone table to the fairness outputs —
// income groups (quintiles, deciles), concentration index, the most-burdened-decile share,
// bivariate classes, indicator percentiles, the chosen composite index and plain-language
// reasons. The maths is in lib/burdenmap/fair; this file picks the columns and names the outputs.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "burdenmap/core/FeatureTable.h"
#include "burdenmap/job/JobPlan.h"

namespace burdenmap {

struct FairnessMeasure {
    std::string measure;  // e.g. "concentration_index", "lowest_to_highest_quintile_ratio"
    std::string burden;   // the burden column it is about
    double value = 0;
    std::optional<double> standard_error;
    std::string meaning;
};

struct FairnessResult {
    bool enabled = false;
    std::string income_column, headline_burden, index;
    bool groups_of_zones = false;                    // income_groups = "zones": groups of equal numbers of zones
    std::vector<FieldSpec> zone_fields;              // columns appended to the zones layer
    std::vector<std::vector<FieldValue>> zone_values;  // per zone, in zone_fields order
    std::vector<FieldSpec> group_fields;             // the income_groups table
    std::vector<std::vector<FieldValue>> group_rows;
    std::vector<FairnessMeasure> measures;           // also the fairness_summary table
    bool intervals = false;                          // [uncertainty]: fairness_summary has p05 and p95 columns
    std::map<std::size_t, std::pair<double, double>> measure_intervals;  // measure index → its 90 % interval over the draws
    std::vector<std::string> summary;                // plain-language lines for the terminal
};

// `fields`/`rows`: the zones layer as written (zone_fields/zone_row). Every config check was made
// by plan_fairness (job/FairnessPlan) before the pixels; this throws only InputError, for values
// that do not fit an indicator's rule (a "given" percentile outside 0-100).
FairnessResult compute_fairness(const JobPlan& plan, const std::vector<FieldSpec>& fields,
                                const std::vector<std::vector<FieldValue>>& rows, Diagnostics& diagnostics);

// With `intervals` ([uncertainty]), also the columns p05 and p95.
std::vector<FieldSpec> fairness_summary_fields(bool intervals = false);
std::vector<std::vector<FieldValue>> fairness_summary_rows(const FairnessResult& result);

}  // namespace burdenmap
