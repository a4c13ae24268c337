#include "burdenmap/fair/ConcentrationIndex.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "burdenmap/fair/IncomeRank.h"

namespace burdenmap::fair {

std::optional<ConcentrationIndex> concentration_index(const ZoneValues& burden, const ZoneValues& income,
                                                      IncomeOrder order, const ZoneValues& population) {
    const std::size_t n = burden.size();
    require_zone_count(n, income.size(), "concentration index: income");
    require_zone_count(n, population.size(), "concentration index: population");
    std::vector<bool> include(n, false);
    for (std::size_t z = 0; z < n; ++z) {
        const auto p = usable(population[z]);
        include[z] = usable(burden[z]) && p && *p > 0;
    }
    const auto ranking = rank_by_income(income, order, population, &include);
    ConcentrationIndex ci;
    for (const auto& block : ranking.blocks) ci.n_zones += block.zones.size();
    if (ci.n_zones < 2) return std::nullopt;
    const double total = ranking.total_population;
    ci.population = total;

    auto f = [&](std::size_t z) { return *usable(population[z]) / total; };
    auto h = [&](std::size_t z) { return *usable(burden[z]); };
    for (const auto& block : ranking.blocks)
        for (auto z : block.zones) ci.mean_burden += f(z) * h(z);
    const double mu = ci.mean_burden;
    if (!(mu > 0)) return std::nullopt;

    double sum_fhr = 0;
    for (const auto& block : ranking.blocks) {
        const double r = ranking.fractional_rank(block);
        for (auto z : block.zones) sum_fhr += f(z) * h(z) * r;
    }
    const double c = 2.0 / mu * sum_fhr - 1.0;
    ci.index = c;

    double sum_fa2 = 0, q_before = 0;
    for (const auto& block : ranking.blocks) {
        const double r = ranking.fractional_rank(block);
        double block_share = 0;  // Σ f h / μ over the block
        for (auto z : block.zones) block_share += f(z) * h(z) / mu;
        const double q_after = q_before + block_share;
        for (auto z : block.zones) {
            const double a = h(z) / mu * (2 * r - 1 - c) + 2 - q_before - q_after;
            sum_fa2 += f(z) * a * a;
        }
        q_before = q_after;
    }
    const double variance = (sum_fa2 - (1 + c) * (1 + c)) / static_cast<double>(ci.n_zones);
    ci.standard_error = std::sqrt(std::max(0.0, variance));
    return ci;
}

}  // namespace burdenmap::fair
