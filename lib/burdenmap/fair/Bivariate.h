#pragma once
// 3 × 3 bivariate class: burden tertile × low-income tertile (issue #7 §5; EEA Report
// 22/2018 "Unequal exposure and unequal impacts": a bivariate overlay of exposure and social
// classes, no composite index).
//
// Tertiles are of ZONES (equal numbers of zones per class, as map legends do), unweighted:
//     tertile(z) = 1 + floor(3 · #{j : v_j < v_z} / n)      (n = zones with a value)
// on the direction-adjusted values, so 3 = most burdened / most low income. Ties share the LOWER
// class: zones with equal values never split, and a burden of 0 shared by many zones stays in
// class 1 instead of being pushed up. NULL → no class.
//
// Class numbering (QGIS bivariate-legend style, letter × digit):
//     letter = burden tertile      A (low) … C (high)
//     digit  = low-income tertile  1 (least poor) … 3 (poorest): by a mean income or a share of
//              low-income households, whichever [fairness] income names
//     index  = 3 · (burden − 1) + low_income   → 1 ("A1") … 9 ("C3")
// "C3" is the double burden: most burdened and most low income.
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/fair/Indicator.h"

namespace burdenmap::fair {

// 1..3 per zone by the rule above; nullopt for NULL values.
std::vector<std::optional<int>> tertiles(const ZoneValues& values, Direction direction = Direction::higher_is_worse);

struct BivariateClass {
    int burden_tertile = 0;      // 1..3
    int low_income_tertile = 0;  // 1..3
    int index = 0;               // 1..9
    std::string code;            // "A1".."C3"
};

// `income` is turned so that tertile 3 = lowest income (most low-income residents).
std::vector<std::optional<BivariateClass>> bivariate_classes(const ZoneValues& burden, const ZoneValues& income,
                                                             IncomeOrder order);

}  // namespace burdenmap::fair
