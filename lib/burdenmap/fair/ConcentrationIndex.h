#pragma once
// Concentration index of a burden by income rank (issue #7 §4), with its standard error.
//
// Zones take part when burden, income and population are known and the population is > 0; each
// zone stands for its residents (weight f_i = P_i / ΣP). Income rank: the population-weighted
// fractional rank R, poorest first, tied incomes sharing their block's rank (IncomeRank.h).
//
//     μ = Σ f_i h_i                          (population-weighted mean burden)
//     C = 2 · cov_w(h, R) / μ = (2/μ) Σ f_i h_i R_i − 1       ("convenient covariance" formula;
//         Kakwani, Wagstaff & van Doorslaer 1997, J. Econometrics 77:87–103; O'Donnell et al. 2008
//         "Analyzing Health Equity Using Household Survey Data", ch. 8)
// C in (−1, 1): C < 0 means the burden is concentrated among the poor, C > 0 among the rich, 0 no
// income-related inequality. Meaningful for a burden that is ≥ 0 (μ > 0 is required).
//
// Standard error: the Kakwani, Wagstaff & van Doorslaer (1997) formula,
//     var(C) = (1/n) [ Σ f_i a_i² − (1 + C)² ]
//     a_i    = (h_i/μ)(2R_i − 1 − C) + 2 − q_{i−1} − q_i
//     q_i    = Σ_{j ≤ i} f_j h_j / μ        (concentration-curve ordinate, q_0 = 0)
// with zones in income order. With equal weights this is KWV's micro-data formula,
// (1/n)[(1/n)Σa_i² − (1+C)²]. Tied zones all use their block's ordinates (q before and after the
// block): Σ over a block of f_i a_i² then equals KWV's grouped-data terms f_t a_t² +
// f_t σ_t² (2R_t − 1 − C)²/μ² (σ_t² = the population-weighted variance of h within the block), so
// the result does not depend on the order of tied zones.
// n = the number of zones taking part: zones are treated as the observed units. Using the number
// of residents would claim a precision the zone data do not have; the SE describes sampling
// variability of zones, not measurement error of the burden.
#include <cstddef>
#include <optional>

#include "burdenmap/fair/Indicator.h"

namespace burdenmap::fair {

struct ConcentrationIndex {
    double index = 0;           // C
    double standard_error = 0;  // sqrt(var(C))
    double mean_burden = 0;     // μ
    double population = 0;      // Σ P over the zones used
    std::size_t n_zones = 0;    // n
};

// nullopt with fewer than 2 zones taking part or μ ≤ 0. Throws std::invalid_argument for size
// mismatches or a negative population.
std::optional<ConcentrationIndex> concentration_index(const ZoneValues& burden, const ZoneValues& income,
                                                      IncomeOrder order, const ZoneValues& population);

}  // namespace burdenmap::fair
