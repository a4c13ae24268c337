#pragma once
// CEJST-style boolean designation: preset `cejst` ([V-code] usds/justice40-tool @ 980ace3:
// data_pipeline/score/score_narwhal.py, score/utils.py; census_acs/etl.py for low income).
//
// Each burden indicator's `group` is its category (e.g. "transportation", "energy"). Percentiles
// are compared on 0–1 (RankedIndicator::fraction), as pandas' own doubles, with inclusive tests:
//     indicator exceeded   = percentile ≥ 0.90                 (ENVIRONMENTAL_BURDEN_THRESHOLD)
//     low_income           = low-income percentile ≥ 0.65      (LOW_INCOME_THRESHOLD)
//     category_flag[c]     = any(indicator exceeded in c) AND low_income
//                            (a category with a gate uses the gate instead of low_income: CEJST's
//                            Workforce category uses "≥ 10 % of adults without a high-school
//                            diploma", score_narwhal.py, burden categories)
//     disadvantaged        = any(category_flag)                (SCORE_N_COMMUNITIES)
//     category_count       = Σ category_flag                   (CATEGORY_COUNT)
//     threshold_count      = Σ (indicator exceeded AND its category's test)   (THRESHOLD_COUNT)
//     option donut_hole    → DonutHole.h on `disadvantaged`, final = disadvantaged OR donut
// A NULL percentile never exceeds (pandas: NaN >= 0.9 is False); a NULL low-income percentile is
// not low income. CEJST imputes a missing low-income value from touching tracts (census_acs/etl_imputations.py); that is
// not done here: impute before ranking if wanted.
// Not implemented (US data specific, score_narwhal.py, burden categories): the lead-paint/median-home-value pair, boolean
// indicators (redlining, mines, FUDS), tribal lands, territory and PR exceptions.
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/fair/DonutHole.h"
#include "burdenmap/fair/Percentile.h"
#include "burdenmap/fair/Reasons.h"

namespace burdenmap::fair {

struct CejstOptions {
    double burden_at_least = 0.90;      // score_narwhal.py, burden categories [V-code]
    double low_income_at_least = 0.65;  // score_narwhal.py, low income [V-code]
    bool donut_hole = false;            // score/utils.py, adjacency, an option here
    DonutHoleOptions donut;             // 0.50 low income, neighbour share 1.0
};

// A category whose low-income test is replaced by another per-zone test.
struct CejstCategoryGate {
    std::string category;
    std::string label;         // reason text, e.g. "at least 10 % of adults without a high-school diploma"
    std::vector<bool> passes;  // per zone
};

struct CejstZone {
    std::vector<bool> burden_exceeded;  // per category: any indicator ≥ 0.90, before the income test
    std::vector<bool> category_flag;    // per category: exceeded AND low income (or the gate)
    std::size_t category_count = 0;
    std::size_t threshold_count = 0;
    std::optional<double> low_income_percentile;  // 0–1
    bool low_income = false;
    bool disadvantaged = false;                // before the donut-hole rule
    std::optional<double> neighbour_share;     // donut option only
    bool donut_hole = false;
    bool final_disadvantaged = false;          // disadvantaged OR donut_hole
    std::vector<ReasonPart> reasons;           // why final_disadvantaged; empty when not
};

struct CejstResult {
    std::vector<std::string> categories;  // in order of first appearance among the indicators
    std::vector<CejstZone> zones;
};

// `neighbours` is required when options.donut_hole is set. Throws std::invalid_argument for
// inconsistent zone counts, an indicator without a category, a gate for an unknown category,
// or a missing neighbour list.
CejstResult compute_cejst(const std::vector<RankedIndicator>& burdens, const RankedIndicator& low_income,
                          const CejstOptions& options = {}, const std::vector<CejstCategoryGate>& gates = {},
                          const Neighbours* neighbours = nullptr);

}  // namespace burdenmap::fair
