#pragma once
// CEJST's adjacency ("donut hole") rule ([V-code] usds/justice40-tool @ 980ace3
// score_narwhal.py `_mark_donut_hole_tracts`, score/utils.py `calculate_tract_adjacency_scores`):
//
//     neighbours(t)  = zones whose geometry touches t (shared edge OR vertex: queen contiguity,
//                      geopandas sjoin predicate="touches")
//     share(t)       = mean over neighbours of the pre-donut flag (true → 1, false → 0)
//     donut(t)       = share(t) ≥ 1.0  AND  low-income percentile(t) ≥ 0.50
//     final(t)       = flag(t) OR donut(t)
//
// One pass on the pre-donut flags, no iteration (as `_mark_donut_hole_tracts` does). A zone already flagged can also be a
// donut (CEJST computes the boolean for every tract). A zone without neighbours has no share
// (pandas NaN after the left merge) and is never a donut; a NULL low-income percentile never
// passes (NaN >= 0.5 is False).
//
// The contiguity is an input: the lead computes it from the polygons (GEOS touches). Here a
// zone's own index and repeated indices in its list are ignored; an index out of range throws.
#include <cstddef>
#include <optional>
#include <vector>

#include "burdenmap/fair/Indicator.h"

namespace burdenmap::fair {

// neighbours[i] = indices of the zones touching zone i.
using Neighbours = std::vector<std::vector<std::size_t>>;

struct DonutHoleOptions {
    double low_income_at_least = 0.50;    // LOW_INCOME_THRESHOLD_DONUT, inclusive
    double neighbour_share_at_least = 1.0;  // SCORE_THRESHOLD_DONUT, inclusive
};

struct DonutHoleResult {
    std::vector<std::size_t> neighbour_count;  // distinct neighbours, self excluded
    ZoneValues neighbour_share;  // share of neighbours flagged; nullopt without neighbours
    std::vector<bool> donut_hole;
    std::vector<bool> final_flag;  // flag OR donut_hole
};

// `low_income_fraction`: the zone's low-income percentile on 0–1.
DonutHoleResult apply_donut_hole(const std::vector<bool>& flagged, const Neighbours& neighbours,
                                 const ZoneValues& low_income_fraction, const DonutHoleOptions& options = {});

}  // namespace burdenmap::fair
