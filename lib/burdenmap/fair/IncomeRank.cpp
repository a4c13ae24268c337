#include "burdenmap/fair/IncomeRank.h"

#include <algorithm>
#include <stdexcept>

namespace burdenmap::fair {

IncomeRanking rank_by_income(const ZoneValues& income, IncomeOrder order, const ZoneValues& population,
                             const std::vector<bool>* include) {
    const std::size_t n = income.size();
    require_zone_count(n, population.size(), "income ranking: population");
    if (include) require_zone_count(n, include->size(), "income ranking: zone mask");
    struct Entry {
        double poorness;  // ascending = poorest first
        double population;
        std::size_t zone;
    };
    std::vector<Entry> entries;
    for (std::size_t z = 0; z < n; ++z) {
        if (include && !(*include)[z]) continue;
        const auto inc = usable(income[z]);
        const auto pop = usable(population[z]);
        if (!inc || !pop) continue;
        if (*pop < 0) throw std::invalid_argument("income ranking: negative population in zone " + std::to_string(z));
        // Poorest first: ascending income when higher is richer, descending when higher is poorer.
        entries.push_back({order == IncomeOrder::higher_is_richer ? *inc : -*inc, *pop, z});
    }
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry& a, const Entry& b) { return a.poorness < b.poorness; });
    IncomeRanking r;
    for (std::size_t b = 0; b < entries.size();) {
        IncomeRanking::Block block;
        block.population_before = r.total_population;
        std::size_t end = b;
        for (; end < entries.size() && entries[end].poorness == entries[b].poorness; ++end) {
            block.zones.push_back(entries[end].zone);
            block.population += entries[end].population;
        }
        std::sort(block.zones.begin(), block.zones.end());
        r.total_population += block.population;
        r.blocks.push_back(std::move(block));
        b = end;
    }
    return r;
}

}  // namespace burdenmap::fair
