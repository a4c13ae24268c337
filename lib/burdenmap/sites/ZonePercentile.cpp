#include "burdenmap/sites/ZonePercentile.h"

#include <cmath>
#include <limits>

namespace burdenmap::sites {

double percent_at_or_below(const std::vector<double>& zone_values, double value) {
    std::size_t n = 0, at_or_below = 0;
    for (double z : zone_values) {
        if (std::isnan(z)) continue;
        ++n;
        if (z <= value) ++at_or_below;
    }
    if (n == 0 || std::isnan(value)) return std::numeric_limits<double>::quiet_NaN();
    return 100.0 * static_cast<double>(at_or_below) / static_cast<double>(n);
}

}  // namespace burdenmap::sites
