#pragma once
// Burden by income group (issue #7 §4; DESIGN.md §5 `income_groups` table).
//
// Groups: zones ordered from the poorest to the richest by the chosen income indicator
// (IncomeRank.h) and cut into k groups of equal POPULATION (k = 5 quintiles, 10 deciles), not of
// equal zone count. Why: Dutch buurten range from a few dozen to many thousands of residents, and
// the questions are about people ("the poorest fifth of residents"); zone-count groups would give
// a few large buurten the weight of many small ones. This is the practice of the health-equity
// literature (population quintiles of a living-standard ranking; O'Donnell et al. 2008 ch. 8).
// A whole zone goes to the group holding the middle of its population:
//     group = 1 + floor(k · R),  R = population-weighted fractional rank (IncomeRank.h)
// (capped at k), computed as integer-exact comparisons for integer populations. Tied incomes share
// R and hence a group. Zones with NULL income or NULL population get no group. If the total
// population is 0, no zone gets a group. Groups can be empty when one zone holds more than 1/k of
// the population.
//
// Per group: the population-weighted mean of each burden, Σ P·b / Σ P over the group's zones with
// a burden value (NULL burdens are left out of that burden's mean only); the zone count; the
// population; the income range. Per burden: the ratio of the lowest-income group's mean to the
// highest-income group's mean (nullopt when either is missing or the highest is 0).
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/fair/Indicator.h"

namespace burdenmap::fair {

// The group per zone: 1 = lowest income … n_groups = highest; nullopt where not grouped.
// Throws std::invalid_argument for n_groups < 1, size mismatches, a negative population.
std::vector<std::optional<int>> income_groups(const ZoneValues& income, IncomeOrder order,
                                              const ZoneValues& population, int n_groups);

// Weights under which every zone counts once: as the population, they make income groups of equal
// numbers of zones (config income_groups = "zones", for jobs without a population) and a
// zone-level concentration index.
ZoneValues equal_zone_weights(std::size_t n);

struct NamedBurden {
    std::string name;
    ZoneValues values;
};

struct IncomeGroupRow {
    int group = 0;  // 1 = lowest income
    std::size_t n_zones = 0;
    double population = 0;
    std::optional<double> income_min, income_max;    // raw income values of the group's zones
    std::vector<std::optional<double>> burden_mean;  // per burden, population-weighted
};

struct IncomeGroupTable {
    int n_groups = 0;
    std::vector<std::string> burdens;
    std::vector<IncomeGroupRow> rows;  // groups 1..n_groups, empty groups included
    std::vector<std::optional<double>> lowest_to_highest_ratio;  // per burden
    std::vector<std::optional<int>> zone_group;                  // per zone
};

IncomeGroupTable income_group_table(const ZoneValues& income, IncomeOrder order, const ZoneValues& population,
                                    int n_groups, const std::vector<NamedBurden>& burdens);

}  // namespace burdenmap::fair
