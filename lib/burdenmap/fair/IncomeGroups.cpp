#include "burdenmap/fair/IncomeGroups.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "burdenmap/fair/IncomeRank.h"

namespace burdenmap::fair {

std::vector<std::optional<int>> income_groups(const ZoneValues& income, IncomeOrder order,
                                              const ZoneValues& population, int n_groups) {
    if (n_groups < 1) throw std::invalid_argument("income groups: need at least 1 group");
    const auto ranking = rank_by_income(income, order, population);
    std::vector<std::optional<int>> group(income.size());
    if (!(ranking.total_population > 0)) return group;
    const double k = n_groups;
    for (const auto& block : ranking.blocks) {
        // floor(k·R) with R = (2·before + block) / (2·total), as one division of exact sums.
        const double j = std::floor(k * (2 * block.population_before + block.population) / (2 * ranking.total_population));
        const int g = std::min(n_groups, static_cast<int>(j) + 1);
        for (auto z : block.zones) group[z] = g;
    }
    return group;
}

ZoneValues equal_zone_weights(std::size_t n) { return ZoneValues(n, 1.0); }

IncomeGroupTable income_group_table(const ZoneValues& income, IncomeOrder order, const ZoneValues& population,
                                    int n_groups, const std::vector<NamedBurden>& burdens) {
    IncomeGroupTable t;
    t.n_groups = n_groups;
    t.zone_group = income_groups(income, order, population, n_groups);
    for (const auto& b : burdens) {
        const std::string what = "income groups: burden '" + b.name + "'";
        require_zone_count(income.size(), b.values.size(), what.c_str());
        t.burdens.push_back(b.name);
    }
    const std::size_t nb = burdens.size();
    std::vector<std::vector<double>> weighted_sum(static_cast<std::size_t>(n_groups), std::vector<double>(nb, 0.0));
    std::vector<std::vector<double>> weight(static_cast<std::size_t>(n_groups), std::vector<double>(nb, 0.0));
    t.rows.resize(static_cast<std::size_t>(n_groups));
    for (int g = 0; g < n_groups; ++g) t.rows[static_cast<std::size_t>(g)].group = g + 1;

    for (std::size_t z = 0; z < income.size(); ++z) {
        if (!t.zone_group[z]) continue;
        const auto g = static_cast<std::size_t>(*t.zone_group[z] - 1);
        auto& row = t.rows[g];
        const double pop = *usable(population[z]);
        const double inc = *usable(income[z]);
        ++row.n_zones;
        row.population += pop;
        row.income_min = row.income_min ? std::min(*row.income_min, inc) : inc;
        row.income_max = row.income_max ? std::max(*row.income_max, inc) : inc;
        for (std::size_t b = 0; b < nb; ++b)
            if (const auto v = usable(burdens[b].values[z])) {
                weighted_sum[g][b] += pop * *v;
                weight[g][b] += pop;
            }
    }
    for (std::size_t g = 0; g < t.rows.size(); ++g) {
        t.rows[g].burden_mean.resize(nb);
        for (std::size_t b = 0; b < nb; ++b)
            if (weight[g][b] > 0) t.rows[g].burden_mean[b] = weighted_sum[g][b] / weight[g][b];
    }
    t.lowest_to_highest_ratio.resize(nb);
    for (std::size_t b = 0; b < nb; ++b) {
        const auto& low = t.rows.front().burden_mean[b];
        const auto& high = t.rows.back().burden_mean[b];
        if (low && high && *high != 0) t.lowest_to_highest_ratio[b] = *low / *high;
    }
    return t;
}

}  // namespace burdenmap::fair
