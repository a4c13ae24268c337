#pragma once
// Do low-income residents live in the most burdened zones more often than residents in general?
// (issue #7 §4: "share of low-income residents living in the most burdened decile of zones versus
// all residents").
//
// Most burdened zones: the top 1/k of ZONES by burden (k = 10: the most burdened decile), ties
// included — zone z is in when fewer than n/k zones have a strictly higher burden:
//     k · #{j : b_j > b_z} < n          (n = zones with a burden value; integer-exact)
// so zones tied at the cut are all in (the set can exceed n/k, never fall short of it). The issue
// names a decile "of zones", so it is counted in zones; the comparison below is in residents.
//
// Over the zones with burden, population and low-income share all known:
//     low-income residents of a zone = low_income_share × population
//     low_income_share_in_top = Σ_top s·P / Σ_all s·P
//     residents_share_in_top  = Σ_top P   / Σ_all P
//     ratio                   = low_income_share_in_top / residents_share_in_top
// ratio > 1: low-income residents are over-represented in the most burdened zones.
// The low-income share must be a fraction 0–1: CBS percentages (e.g.
// `percentage_huishoudens_met_laag_inkomen`) are divided by 100 by the caller. That CBS field
// counts households, not persons; share × population then estimates low-income residents under
// the assumption that low-income households are of average size (say so in the report).
#include <cstddef>
#include <optional>
#include <vector>

#include "burdenmap/fair/Indicator.h"

namespace burdenmap::fair {

// The most burdened 1/k of zones by the rule above; false for NULL burdens. Throws for k < 1.
std::vector<bool> most_burdened_zones(const ZoneValues& burden, int k = 10);

struct BurdenedShare {
    double low_income_share_in_top = 0;  // of all low-income residents
    double residents_share_in_top = 0;   // of all residents
    std::optional<double> ratio;         // nullopt when residents_share_in_top is 0
    std::size_t n_zones_top = 0;         // zones in the most burdened set
    std::size_t n_zones_ranked = 0;      // zones with a burden value
    double lowest_burden_in_top = 0;     // the cut
};

// nullopt when no zone has all three values or the totals are 0. Throws std::invalid_argument for
// size mismatches, a negative population, or a low-income share outside [0, 1].
std::optional<BurdenedShare> most_burdened_share(const ZoneValues& burden, const ZoneValues& low_income_share,
                                                 const ZoneValues& population, int k = 10);

}  // namespace burdenmap::fair
