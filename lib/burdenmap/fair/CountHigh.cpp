#include "burdenmap/fair/CountHigh.h"

#include <stdexcept>

namespace burdenmap::fair {

std::vector<CountHighZone> count_high(const std::vector<Indicator>& indicators, const std::vector<HighClass>& classes) {
    if (indicators.size() != classes.size())
        throw std::invalid_argument("count_high: " + std::to_string(indicators.size()) + " indicators but " +
                                    std::to_string(classes.size()) + " class boundaries");
    const std::size_t n = indicators.empty() ? 0 : indicators.front().values.size();
    for (const auto& ind : indicators) {
        const std::string what = "count_high indicator '" + ind.name + "'";
        require_zone_count(n, ind.values.size(), what.c_str());
    }
    std::vector<CountHighZone> zones(n);
    for (std::size_t z = 0; z < n; ++z) {
        for (std::size_t i = 0; i < indicators.size(); ++i) {
            const auto v = usable(indicators[i].values[z]);
            if (!v) {
                ++zones[z].n_missing;
                continue;
            }
            ++zones[z].n_present;
            const bool reversed = indicators[i].direction == Direction::higher_is_better;
            const bool high = reversed ? *v <= classes[i].high_at : *v >= classes[i].high_at;
            if (!high) continue;
            ++zones[z].count_high;
            zones[z].reasons.push_back(ReasonPart::at_value(indicators[i].display_label(), *v, classes[i].high_at,
                                                            reversed, classes[i].unit));
        }
    }
    return zones;
}

}  // namespace burdenmap::fair
