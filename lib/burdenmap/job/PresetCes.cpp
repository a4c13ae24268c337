// The CalEnviroScreen presets: ces4, ces3draft and nl_default share the arithmetic (fair/Ces.h)
// and differ in their base options and published parameters.
#include <string>
#include <vector>

#include "burdenmap/fair/Ces.h"
#include "burdenmap/job/FairnessPresets.h"

namespace burdenmap {
namespace {

ZoneReasons apply_ces(const PresetInputs& in, FairnessResult& r, fair::CesOptions o) {
    const std::string p = in.preset.id;
    const std::string src = in.preset.provenance.source;
    o.effects_weight = in.preset.at("effects_weight");
    o.min_population_indicators = static_cast<std::size_t>(in.preset.at("min_population_indicators"));
    o.score_scale = in.preset.at("score_scale");
    const fair::CesResult res = fair::compute_ces(in.indicators.ranked, o);  // groups checked by plan_fairness
    std::vector<FieldValue> pb, pc, pbs, pcs, score, pct, scored;
    for (const fair::CesZone& z : res.zones) {
        pb.push_back(opt(z.pollution_burden));
        pc.push_back(opt(z.population_characteristics));
        pbs.push_back(opt(z.pollution_burden_score));
        pcs.push_back(opt(z.population_characteristics_score));
        score.push_back(opt(z.score));
        pct.push_back(opt(z.score_percentile));
        scored.push_back(static_cast<long long>(z.scored));
    }
    add_zone_column(r, {p + "_pb", FieldType::real, "pollution burden (0-100): mean percentiles of exposures and effects (effects weighted " + fair::format_number(o.effects_weight) + ")", "percentile", p, src}, pb);
    add_zone_column(r, {p + "_pc", FieldType::real, "population characteristics (0-100)", "percentile", p, src}, pc);
    add_zone_column(r, {p + "_pb_score", FieldType::real, "pollution burden scaled by " + fair::format_number(o.score_scale) + " / maximum over scored zones; also for unscored zones, as OEHHA publishes it (above " + fair::format_number(o.score_scale) + " where an unscored zone's pollution burden exceeds every scored zone's)", "score", p, src}, pbs);
    add_zone_column(r, {p + "_pc_score", FieldType::real, "population characteristics scaled by the maximum", "0-10", p, src}, pcs);
    add_zone_column(r, {p + "_score", FieldType::real, in.preset.title + " score = pollution burden score x population characteristics score", "0-100", p, src}, score);
    add_zone_column(r, {p + "_pct", FieldType::real, "percentile of the score among scored zones (CES rule)", "percentile", p, src}, pct);
    add_zone_column(r, {p + "_scored", FieldType::integer, "1 when the zone has enough population-characteristics indicators to be scored", "0/1", p, src}, scored);
    for (std::size_t c = 0; c < fair::kCesComponentCount; ++c) {
        std::vector<FieldValue> missing;
        for (const fair::CesZone& z : res.zones) missing.push_back(static_cast<long long>(z.n_missing[c]));
        const std::string comp = fair::to_string(static_cast<fair::CesComponent>(c));
        add_zone_column(r, {p + "_missing_" + comp, FieldType::integer, "indicators of " + comp + " without a value", "count", p, src}, missing);
    }
    return reasons_of(res.zones, in.plan.zones.size());
}

}  // namespace

ZoneReasons apply_ces4(const PresetInputs& in, FairnessResult& r) { return apply_ces(in, r, fair::ces4_options()); }

ZoneReasons apply_ces3draft(const PresetInputs& in, FairnessResult& r) { return apply_ces(in, r, fair::ces3draft_options()); }

// CES 4.0's options: what sets nl_default apart (min_population_indicators = 1) is in its table entry.
ZoneReasons apply_nl_default(const PresetInputs& in, FairnessResult& r) { return apply_ces(in, r, fair::ces4_options()); }

}  // namespace burdenmap
