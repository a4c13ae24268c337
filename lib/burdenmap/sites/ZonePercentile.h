#pragma once
// Where a site stands among the study area's neighbourhoods: the percentage of zones whose value
// is at or below the site's (a plain empirical CDF, ties counted in). 100 means no zone is higher.
// This is check-sites' own rule for comparing one value with zones; the fairness indices use
// their own published percentile rules (lib/burdenmap/fair).
#include <vector>

namespace burdenmap::sites {

// Percentage (0–100) of the non-NaN `zone_values` that are <= `value`. NaN when `value` is NaN
// or no zone has a value.
double percent_at_or_below(const std::vector<double>& zone_values, double value);

}  // namespace burdenmap::sites
