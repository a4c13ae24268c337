#include "burdenmap/fair/DonutHole.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace burdenmap::fair {

DonutHoleResult apply_donut_hole(const std::vector<bool>& flagged, const Neighbours& neighbours,
                                 const ZoneValues& low_income_fraction, const DonutHoleOptions& options) {
    const std::size_t n = flagged.size();
    require_zone_count(n, neighbours.size(), "donut hole: neighbour lists");
    require_zone_count(n, low_income_fraction.size(), "donut hole: low-income percentiles");
    DonutHoleResult r{std::vector<std::size_t>(n, 0), ZoneValues(n), std::vector<bool>(n, false), flagged};
    for (std::size_t t = 0; t < n; ++t) {
        std::vector<std::size_t> nb;
        for (std::size_t j : neighbours[t]) {
            if (j >= n)
                throw std::invalid_argument("donut hole: zone " + std::to_string(t) + " lists neighbour " +
                                            std::to_string(j) + " but there are " + std::to_string(n) + " zones");
            if (j != t) nb.push_back(j);
        }
        std::sort(nb.begin(), nb.end());
        nb.erase(std::unique(nb.begin(), nb.end()), nb.end());
        r.neighbour_count[t] = nb.size();
        if (nb.empty()) continue;
        std::size_t flagged_neighbours = 0;
        for (std::size_t j : nb)
            if (flagged[j]) ++flagged_neighbours;
        const double share = static_cast<double>(flagged_neighbours) / static_cast<double>(nb.size());
        r.neighbour_share[t] = share;
        const auto income = usable(low_income_fraction[t]);
        r.donut_hole[t] = share >= options.neighbour_share_at_least && income && *income >= options.low_income_at_least;
        r.final_flag[t] = flagged[t] || r.donut_hole[t];
    }
    return r;
}

}  // namespace burdenmap::fair
