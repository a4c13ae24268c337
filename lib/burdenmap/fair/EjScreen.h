#pragma once
// EJScreen-style indexes: preset `ejscreen` ([V-code] USEPA/ejscreen-dataset-creator-2.2
// @ c388666 EJScreenTool.py calIndexes, percentileCal, getBin; [V-doc] EPA "EJ and supplemental
// indexes in EJScreen"):
//
//     D2_<E>   = P_<E> × DEMOGIDX_2          "EJ index"
//     D5_<E>   = P_<E> × DEMOGIDX_5          "supplemental index" (when a second index is given)
//     P_D2_<E> = EJScreen lookup percentile of D2_<E> over the zones (Percentile.h, rule ejscreen)
//     EXCEED_COUNT_80      = #{E : P_D2_<E> ≥ 80}       (pandas .ge(80): NULL counts as no)
//     EXCEED_COUNT_80_SUPP = #{E : P_D5_<E> ≥ 80}
//
// P_<E> is the environmental indicator's percentile on 0–100 (RankedIndicator::percent; EJScreen
// itself uses its integer lookup percentiles, rule ejscreen). The demographic indexes are inputs
// (as in the 2.2 tool): DEMOGIDX_2 = (% people of colour + % low income)/2 in the US [V-doc]; for
// Dutch data the lead chooses what stands for it (e.g. the low-income share as a fraction) and
// documents it. EJScreen never sums across environmental indicators (EPA "EJ and supplemental indexes in EJScreen" [V-doc]).
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/fair/Percentile.h"
#include "burdenmap/fair/Reasons.h"

namespace burdenmap::fair {

struct EjScreenOptions {
    double exceed_at_least = 80;  // EXCEED_COUNT_80, inclusive [V-code]
};

struct EjScreenIndex {
    std::string indicator;                 // the environmental indicator's name
    ZoneValues ej_index;                   // D2_<E>
    ZoneValues ej_index_percentile;        // P_D2_<E>, integers 0–100
    ZoneValues supplemental_index;         // D5_<E>, empty without a supplemental index
    ZoneValues supplemental_percentile;    // P_D5_<E>
};

struct EjScreenZone {
    std::size_t exceed_count = 0;                       // EXCEED_COUNT_80
    std::optional<std::size_t> exceed_count_supplemental;  // EXCEED_COUNT_80_SUPP
    std::vector<ReasonPart> reasons;  // "EJ index NO2 at the 85th percentile" for each counted index
};

struct EjScreenResult {
    std::vector<EjScreenIndex> indexes;  // one per environmental indicator, in input order
    std::vector<EjScreenZone> zones;
};

// `weights` (nullptr = unweighted, as the 2.2 tool) weight the lookup of the index percentiles
// (Percentile.h, weighted ejscreen). `supplemental_index` may be nullptr.
EjScreenResult compute_ejscreen(const std::vector<RankedIndicator>& environmental, const ZoneValues& demographic_index,
                                const ZoneValues* supplemental_index = nullptr, const EjScreenOptions& options = {},
                                const std::vector<double>* weights = nullptr);

// getBin: the map bin of a percentile: ≥ 95 → 11, [90, 95) → 10, [80, 90) → 9, … [10, 20) → 2,
// below 10 → 1; NULL → nullopt.
std::optional<int> ejscreen_bin(const std::optional<double>& percentile);

}  // namespace burdenmap::fair
