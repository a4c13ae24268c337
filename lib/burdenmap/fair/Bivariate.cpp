#include "burdenmap/fair/Bivariate.h"

#include <algorithm>

namespace burdenmap::fair {

std::vector<std::optional<int>> tertiles(const ZoneValues& values, Direction direction) {
    const double sign = direction == Direction::higher_is_better ? -1.0 : 1.0;
    std::vector<double> sorted;
    for (const auto& v : values)
        if (const auto u = usable(v)) sorted.push_back(sign * *u);
    std::sort(sorted.begin(), sorted.end());
    const std::size_t n = sorted.size();
    std::vector<std::optional<int>> out(values.size());
    for (std::size_t z = 0; z < values.size(); ++z) {
        const auto u = usable(values[z]);
        if (!u) continue;
        const auto below = static_cast<std::size_t>(std::lower_bound(sorted.begin(), sorted.end(), sign * *u) - sorted.begin());
        out[z] = 1 + static_cast<int>(3 * below / n);
    }
    return out;
}

std::vector<std::optional<BivariateClass>> bivariate_classes(const ZoneValues& burden, const ZoneValues& income,
                                                             IncomeOrder order) {
    require_zone_count(burden.size(), income.size(), "bivariate classes: income");
    const auto b = tertiles(burden, Direction::higher_is_worse);
    // Low income is the "worse" end: higher_is_richer income counts down.
    const auto l = tertiles(income, order == IncomeOrder::higher_is_richer ? Direction::higher_is_better
                                                                           : Direction::higher_is_worse);
    std::vector<std::optional<BivariateClass>> out(burden.size());
    for (std::size_t z = 0; z < burden.size(); ++z) {
        if (!b[z] || !l[z]) continue;
        BivariateClass c;
        c.burden_tertile = *b[z];
        c.low_income_tertile = *l[z];
        c.index = 3 * (c.burden_tertile - 1) + c.low_income_tertile;
        c.code = std::string(1, static_cast<char>('A' + c.burden_tertile - 1)) + std::to_string(c.low_income_tertile);
        out[z] = c;
    }
    return out;
}

}  // namespace burdenmap::fair
