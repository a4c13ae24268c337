#include "burdenmap/fair/BurdenedShare.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace burdenmap::fair {

std::vector<bool> most_burdened_zones(const ZoneValues& burden, int k) {
    if (k < 1) throw std::invalid_argument("most burdened zones: k must be at least 1");
    std::vector<double> sorted;
    for (const auto& b : burden)
        if (const auto v = usable(b)) sorted.push_back(*v);
    std::sort(sorted.begin(), sorted.end());
    const std::size_t n = sorted.size();
    std::vector<bool> top(burden.size(), false);
    for (std::size_t z = 0; z < burden.size(); ++z) {
        const auto v = usable(burden[z]);
        if (!v) continue;
        const auto higher = static_cast<std::size_t>(sorted.end() - std::upper_bound(sorted.begin(), sorted.end(), *v));
        top[z] = static_cast<std::size_t>(k) * higher < n;
    }
    return top;
}

std::optional<BurdenedShare> most_burdened_share(const ZoneValues& burden, const ZoneValues& low_income_share,
                                                 const ZoneValues& population, int k) {
    const std::size_t n = burden.size();
    require_zone_count(n, low_income_share.size(), "most burdened share: low-income share");
    require_zone_count(n, population.size(), "most burdened share: population");
    const auto top = most_burdened_zones(burden, k);
    BurdenedShare r;
    double low_all = 0, low_top = 0, pop_all = 0, pop_top = 0;
    std::optional<double> cut;
    for (std::size_t z = 0; z < n; ++z) {
        const auto b = usable(burden[z]);
        if (!b) continue;
        ++r.n_zones_ranked;
        if (top[z]) {
            ++r.n_zones_top;
            cut = cut ? std::min(*cut, *b) : *b;
        }
        const auto s = usable(low_income_share[z]);
        const auto p = usable(population[z]);
        if (!s || !p) continue;
        if (*s < 0 || *s > 1)
            throw std::invalid_argument("most burdened share: low-income share must be a fraction 0-1 (zone " +
                                        std::to_string(z) + " has " + std::to_string(*s) +
                                        "; divide CBS percentages by 100)");
        if (*p < 0) throw std::invalid_argument("most burdened share: negative population in zone " + std::to_string(z));
        low_all += *s * *p;
        pop_all += *p;
        if (top[z]) {
            low_top += *s * *p;
            pop_top += *p;
        }
    }
    if (!(low_all > 0) || !(pop_all > 0)) return std::nullopt;
    r.low_income_share_in_top = low_top / low_all;
    r.residents_share_in_top = pop_top / pop_all;
    if (r.residents_share_in_top > 0) r.ratio = r.low_income_share_in_top / r.residents_share_in_top;
    r.lowest_burden_in_top = cut.value_or(0.0);
    return r;
}

}  // namespace burdenmap::fair
