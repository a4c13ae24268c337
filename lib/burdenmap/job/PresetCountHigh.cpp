// The count_high preset: how many indicators are in their "high" class (a value at or above the
// indicator's high_at), Berlin Umweltgerechtigkeit style; it ranks nothing.
#include <string>
#include <vector>

#include "burdenmap/fair/CountHigh.h"
#include "burdenmap/job/FairnessPresets.h"

namespace burdenmap {

ZoneReasons apply_count_high(const PresetInputs& in, FairnessResult& r) {
    const std::string p = in.preset.id;
    const std::string src = in.preset.provenance.source;
    std::vector<fair::Indicator> raw;
    std::vector<fair::HighClass> classes;
    for (std::size_t i = 0; i < in.indicators.ranked.size(); ++i) {
        raw.push_back(in.indicators.ranked[i].indicator);
        classes.push_back({*in.indicators.configs[i]->high_at, in.indicators.configs[i]->unit});  // high_at checked by plan_fairness
    }
    const std::vector<fair::CountHighZone> res = fair::count_high(raw, classes);
    std::vector<FieldValue> count, present;
    for (const auto& z : res) {
        count.emplace_back(static_cast<long long>(z.count_high));
        present.emplace_back(static_cast<long long>(z.n_present));
    }
    add_zone_column(r, {"count_high", FieldType::integer, "number of indicators in their high class", "count", p, src}, count);
    add_zone_column(r, {"count_high_present", FieldType::integer, "number of indicators with a value", "count", p, src}, present);
    return reasons_of(res, in.plan.zones.size());
}

}  // namespace burdenmap
