#include "burdenmap/score/HealthOutcome.h"

#include <cmath>

namespace burdenmap {

double HealthOutcome::cases_per_1000(double level) const {
    if (std::isnan(level)) return level;
    const double y = curve->evaluate(level);
    if (!curve->is_relative_risk()) return y / 100.0 * 1000.0;
    const double paf = y > 0 ? (y - 1.0) / y : 0.0;
    return paf * baseline_per_1000;
}

double HealthOutcome::daly_per_1000(double level) const {
    const double cases = cases_per_1000(level);
    if (std::isnan(cases)) return cases;
    if (!curve->is_relative_risk()) return cases * disability_weight * duration_years;
    return cases * (years_lost_per_case + disability_weight * duration_years);
}

}  // namespace burdenmap
