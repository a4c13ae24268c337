#pragma once
// compare's `by_income` and the headline per alternative: who gains and who loses.
//
// Per income quintile of the base run (its income_quintile column, 1 = lowest income; a zone
// keeps its base quintile in every plan, so a quintile is the same people's neighbourhoods), per
// alternative and measure:
//   residents_base / residents_plan: the quintile's residents in each run (Σ residents);
//   mean_base / mean_plan: Σ residents·value / Σ residents over the quintile's zones with a value,
//     each run weighted by its own residents (a plan with new dwellings weighs them), the value
//     being the zone's judged value (ZoneTables.h: <stem>_pop_mean, else <stem>_mean);
//   mean_change = mean_plan - mean_base;
//   share_better / share_same / share_worse: of the quintile's plan residents in zones judged
//     (a value in both runs), the share in zones better / the same / worse (zone_change).
// NaN where nothing is there to average (no residents with a value; no zone judged).
#include <vector>

#include "burdenmap/compare/Comparison.h"
#include "burdenmap/compare/ZoneTables.h"

namespace burdenmap {

// Rows per quintile present in the base (ascending), per plan, per measure (in `measures` order).
// Empty when the base has no income_quintile column.
std::vector<IncomeChangeRow> income_change(const ZoneTables& tables, const std::vector<ComparedMeasure>& measures);

// Per plan: the plan residents of the zones better / same / worse by `headline` (zones not judged
// left out), the mean_change of quintiles 1 and 5 of `by_income` for the headline (nullopt when
// missing or NaN), the residents of all zones in base and plan, and per layer of `measures` whose
// zones have a <layer>_pop_ge<K> column, the residents at that level in base and plan.
std::vector<AlternativeSummary> summarise(const ZoneTables& tables, const ComparedMeasure& headline,
                                          const std::vector<IncomeChangeRow>& by_income,
                                          const std::vector<ComparedMeasure>& measures);

}  // namespace burdenmap
