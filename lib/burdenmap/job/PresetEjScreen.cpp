// The EJScreen preset: an EJ index per environmental indicator (its percentile x the demographic
// index, a zones column), and the count of indexes at or above the threshold percentile.
#include <string>
#include <vector>

#include "burdenmap/fair/EjScreen.h"
#include "burdenmap/job/FairnessPresets.h"

namespace burdenmap {

ZoneReasons apply_ejscreen(const PresetInputs& in, FairnessResult& r) {
    const FairnessConfig& fc = in.plan.config.fairness;
    const std::string p = in.preset.id;
    const std::string src = in.preset.provenance.source;
    const fair::ZoneValues demog = in.zones.values(fc.demographic_index);
    fair::ZoneValues supp;
    if (!fc.supplemental_index.empty()) supp = in.zones.values(fc.supplemental_index);
    fair::EjScreenOptions o;
    o.exceed_at_least = in.preset.at("exceed_at_least");
    const fair::EjScreenResult res = fair::compute_ejscreen(in.indicators.ranked, demog, supp.empty() ? nullptr : &supp, o);
    for (const auto& e : res.indexes) {
        std::vector<FieldValue> idx, pct;
        for (std::size_t z = 0; z < in.plan.zones.size(); ++z) {
            idx.push_back(opt(e.ej_index[z]));
            pct.push_back(opt(e.ej_index_percentile[z]));
        }
        add_zone_column(r, {"ej_" + e.indicator, FieldType::real, "EJ index: percentile of " + e.indicator + " x demographic index", "", p, src}, idx);
        add_zone_column(r, {"ej_" + e.indicator + "_pct", FieldType::real, "percentile of the EJ index (EJScreen lookup)", "percentile", p, src}, pct);
    }
    std::vector<FieldValue> count;
    for (const auto& z : res.zones) count.emplace_back(static_cast<long long>(z.exceed_count));
    add_zone_column(r, {"ej_count_ge" + fair::format_number(o.exceed_at_least), FieldType::integer, "number of EJ indexes at or above the threshold percentile", "count", p, src}, count);
    return reasons_of(res.zones, in.plan.zones.size());
}

}  // namespace burdenmap
