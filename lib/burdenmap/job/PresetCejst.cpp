// The CEJST preset: burden categories AND low income, optionally with the adjacency (donut hole) rule.
#include <string>
#include <vector>

#include "burdenmap/fair/Cejst.h"
#include "burdenmap/io/ZoneNeighbours.h"
#include "burdenmap/job/FairnessPresets.h"

namespace burdenmap {

ZoneReasons apply_cejst(const PresetInputs& in, FairnessResult& r) {
    const FairnessConfig& fc = in.plan.config.fairness;
    const std::string p = in.preset.id;
    const std::string src = in.preset.provenance.source;
    // plan_fairness made sure the low-income indicator is among the indicators.
    const fair::RankedIndicator* low = nullptr;
    std::vector<fair::RankedIndicator> burdens;
    for (const fair::RankedIndicator& ri : in.indicators.ranked) {
        if (ri.indicator.name == fc.low_income_indicator) low = &ri;
        else burdens.push_back(ri);
    }
    fair::CejstOptions o;
    o.burden_at_least = in.preset.at("burden_at_least");
    o.low_income_at_least = in.preset.at("low_income_at_least");
    o.donut_hole = fc.donut_hole;
    o.donut.low_income_at_least = in.preset.at("donut_low_income_at_least");
    o.donut.neighbour_share_at_least = in.preset.at("donut_neighbour_share");
    std::vector<std::vector<std::size_t>> neighbours;
    if (fc.donut_hole) neighbours = zone_neighbours(in.plan.zones, *in.plan.zone_index);
    const fair::CejstResult res = fair::compute_cejst(burdens, *low, o, {}, fc.donut_hole ? &neighbours : nullptr);
    for (std::size_t c = 0; c < res.categories.size(); ++c) {
        std::vector<FieldValue> flag;
        for (const auto& z : res.zones) flag.push_back(static_cast<long long>(z.category_flag[c]));
        add_zone_column(r, {"cejst_" + res.categories[c], FieldType::integer, "category " + res.categories[c] + ": an indicator at or above the " + fair::format_number(o.burden_at_least) + " percentile AND low income", "0/1", p, src}, flag);
    }
    std::vector<FieldValue> thresholds, categories, low_pct, low_flag, dac, donut, final_dac;
    for (const auto& z : res.zones) {
        thresholds.push_back(static_cast<long long>(z.threshold_count));
        categories.push_back(static_cast<long long>(z.category_count));
        low_pct.push_back(opt(z.low_income_percentile));
        low_flag.push_back(static_cast<long long>(z.low_income));
        dac.push_back(static_cast<long long>(z.disadvantaged));
        donut.push_back(static_cast<long long>(z.donut_hole));
        final_dac.push_back(static_cast<long long>(z.final_disadvantaged));
    }
    add_zone_column(r, {"cejst_thresholds", FieldType::integer, "number of burden thresholds exceeded together with low income", "count", p, src}, thresholds);
    add_zone_column(r, {"cejst_categories", FieldType::integer, "number of categories flagged", "count", p, src}, categories);
    add_zone_column(r, {"cejst_low_income_pct", FieldType::real, "percentile of the low-income indicator (CEJST rule, 0-1)", "0-1", p, src}, low_pct);
    add_zone_column(r, {"cejst_low_income", FieldType::integer, "low-income percentile at or above " + fair::format_number(o.low_income_at_least), "0/1", p, src}, low_flag);
    add_zone_column(r, {"cejst_disadvantaged", FieldType::integer, "disadvantaged before the adjacency rule", "0/1", p, src}, dac);
    add_zone_column(r, {"cejst_donut", FieldType::integer, "added by the adjacency (donut hole) rule", "0/1", p, src}, donut);
    add_zone_column(r, {"cejst_final", FieldType::integer, "disadvantaged, including the adjacency rule", "0/1", p, src}, final_dac);
    return reasons_of(res.zones, in.plan.zones.size());
}

}  // namespace burdenmap
