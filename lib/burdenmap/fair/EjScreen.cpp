#include "burdenmap/fair/EjScreen.h"

#include <cmath>
#include <stdexcept>

namespace burdenmap::fair {

namespace {

// D_<E> = P_<E> × index, NULL where either is NULL.
ZoneValues index_values(const RankedIndicator& env, const ZoneValues& demographic) {
    ZoneValues out(demographic.size());
    for (std::size_t z = 0; z < demographic.size(); ++z) {
        const auto p = env.percent(z);
        const auto d = usable(demographic[z]);
        if (p && d) out[z] = *p * *d;
    }
    return out;
}

std::size_t count_at_least(const std::vector<EjScreenIndex>& indexes, ZoneValues EjScreenIndex::*column,
                           std::size_t z, double at_least) {
    std::size_t count = 0;
    for (const auto& idx : indexes) {
        const auto& p = (idx.*column)[z];
        if (p && *p >= at_least) ++count;
    }
    return count;
}

}  // namespace

EjScreenResult compute_ejscreen(const std::vector<RankedIndicator>& environmental, const ZoneValues& demographic_index,
                                const ZoneValues* supplemental_index, const EjScreenOptions& options,
                                const std::vector<double>* weights) {
    const std::size_t n = demographic_index.size();
    if (supplemental_index) require_zone_count(n, supplemental_index->size(), "EJScreen supplemental index");
    EjScreenResult result;
    for (const auto& env : environmental) {
        const std::string what = "EJScreen indicator '" + env.indicator.name + "'";
        require_zone_count(n, env.percentile.size(), what.c_str());
        EjScreenIndex idx;
        idx.indicator = env.indicator.name;
        idx.ej_index = index_values(env, demographic_index);
        idx.ej_index_percentile = percentiles(idx.ej_index, PercentileRule::ejscreen, Direction::higher_is_worse, weights);
        if (supplemental_index) {
            idx.supplemental_index = index_values(env, *supplemental_index);
            idx.supplemental_percentile =
                percentiles(idx.supplemental_index, PercentileRule::ejscreen, Direction::higher_is_worse, weights);
        }
        result.indexes.push_back(std::move(idx));
    }
    result.zones.resize(n);
    for (std::size_t z = 0; z < n; ++z) {
        EjScreenZone& zone = result.zones[z];
        zone.exceed_count = count_at_least(result.indexes, &EjScreenIndex::ej_index_percentile, z, options.exceed_at_least);
        if (supplemental_index)
            zone.exceed_count_supplemental =
                count_at_least(result.indexes, &EjScreenIndex::supplemental_percentile, z, options.exceed_at_least);
        for (std::size_t i = 0; i < environmental.size(); ++i) {
            const auto& p = result.indexes[i].ej_index_percentile[z];
            if (p && *p >= options.exceed_at_least)
                zone.reasons.push_back(ReasonPart::at_percentile(
                    "EJ index " + environmental[i].indicator.display_label(), result.indexes[i].ej_index[z], *p,
                    Comparison::higher, options.exceed_at_least));
        }
    }
    return result;
}

std::optional<int> ejscreen_bin(const std::optional<double>& percentile) {
    const auto p = usable(percentile);
    if (!p) return std::nullopt;
    if (*p >= 95) return 11;
    if (*p < 10) return 1;
    return static_cast<int>(std::floor(*p / 10.0)) + 1;  // [10,20) → 2 … [90,95) → 10
}

}  // namespace burdenmap::fair
