#pragma once
// Zones ranked by income from the poorest to the richest, population-weighted, the common base of
// the income groups (IncomeGroups.h) and the concentration index (ConcentrationIndex.h).
//
// A zone takes part when its income and population are known (NULL → left out) and it is in the
// optional `include` mask. Zones with equal income form one tie block: they get the same rank and
// always fall in the same group, whatever their order in the input. The population-weighted
// fractional rank of a block is the middle of its population:
//     R = (population of poorer zones + ½·population of the block) / total population
// (O'Donnell, van Doorslaer, Wagstaff & Lindelow 2008, "Analyzing Health Equity Using Household
// Survey Data", ch. 8: the fractional rank; ties share the mean rank of their block).
#include <cstddef>
#include <vector>

#include "burdenmap/fair/Indicator.h"

namespace burdenmap::fair {

struct IncomeRanking {
    struct Block {
        std::vector<std::size_t> zones;  // equal income, in input order
        double population_before = 0;    // population of all poorer blocks
        double population = 0;           // population of this block
    };
    std::vector<Block> blocks;  // poorest first
    double total_population = 0;

    // (population_before + population/2) / total; requires total_population > 0.
    double fractional_rank(const Block& b) const { return (b.population_before + b.population / 2) / total_population; }
};

// Throws std::invalid_argument for size mismatches or a negative population.
IncomeRanking rank_by_income(const ZoneValues& income, IncomeOrder order, const ZoneValues& population,
                             const std::vector<bool>* include = nullptr);

}  // namespace burdenmap::fair
