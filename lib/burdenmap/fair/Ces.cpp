#include "burdenmap/fair/Ces.h"

#include <algorithm>
#include <initializer_list>
#include <stdexcept>
#include <utility>

#include "burdenmap/core/EnumNames.h"

namespace burdenmap::fair {

namespace {

constexpr auto kExp = static_cast<std::size_t>(CesComponent::exposures);
constexpr auto kEff = static_cast<std::size_t>(CesComponent::environmental_effects);
constexpr auto kSens = static_cast<std::size_t>(CesComponent::sensitive_populations);
constexpr auto kSes = static_cast<std::size_t>(CesComponent::socioeconomic_factors);

struct ComponentSums {
    std::array<double, kCesComponentCount> sum{};
    std::array<std::size_t, kCesComponentCount> n{};
};

// Weighted mean of the available terms (value, weight); nullopt when none is available.
std::optional<double> weighted_mean(std::initializer_list<std::pair<std::optional<double>, double>> terms) {
    double num = 0, den = 0;
    for (const auto& [value, weight] : terms)
        if (value) {
            num += weight * *value;
            den += weight;
        }
    if (den <= 0) return std::nullopt;
    return num / den;
}

// CES 4.0 scoring: PB and PC of one zone, by the chosen aggregation.
void aggregate(const ComponentSums& s, const CesOptions& o, CesZone& z) {
    for (std::size_t c = 0; c < kCesComponentCount; ++c)
        if (s.n[c] > 0) z.component_mean[c] = s.sum[c] / static_cast<double>(s.n[c]);
    if (o.aggregation == CesAggregation::component_means) {
        // PB = (Exp + ½·Eff) / 1.5; PC = (Sens + SES) / 2 — over the components with data.
        z.pollution_burden = weighted_mean({{z.component_mean[kExp], 1.0}, {z.component_mean[kEff], o.effects_weight}});
        z.population_characteristics = weighted_mean({{z.component_mean[kSens], 1.0}, {z.component_mean[kSes], 1.0}});
    } else {
        // PB = (ΣExp + ½·ΣEff) / (n_exp + ½·n_eff); PC = mean of all PC percentiles.
        const double pb_den = static_cast<double>(s.n[kExp]) + o.effects_weight * static_cast<double>(s.n[kEff]);
        if (pb_den > 0) z.pollution_burden = (s.sum[kExp] + o.effects_weight * s.sum[kEff]) / pb_den;
        const auto pc_n = s.n[kSens] + s.n[kSes];
        if (pc_n > 0) z.population_characteristics = (s.sum[kSens] + s.sum[kSes]) / static_cast<double>(pc_n);
    }
}

// CES unscored rule: scored when enough PC indicators are present (and PB/PC exist at all).
void decide_scored(const CesOptions& o, std::size_t n_pc_indicators, CesZone& z) {
    const std::size_t pc_present = z.n_present[kSens] + z.n_present[kSes];
    if (pc_present < o.min_population_indicators) {
        z.unscored_reason = "only " + std::to_string(pc_present) + " of " + std::to_string(n_pc_indicators) +
                            " population-characteristics indicators have data (at least " +
                            std::to_string(o.min_population_indicators) + " needed)";
    } else if (!z.pollution_burden) {
        z.unscored_reason = "no pollution-burden indicator has data";
    } else if (!z.population_characteristics) {
        z.unscored_reason = "no population-characteristics indicator has data";
    }
    z.scored = z.unscored_reason.empty();
}

std::optional<double> max_over_scored(const std::vector<CesZone>& zones, std::optional<double> CesZone::*field) {
    std::optional<double> m;
    for (const auto& z : zones)
        if (z.scored && (!m || *(z.*field) > *m)) m = z.*field;
    return m;
}

double scaled(double value, double max, double scale) { return max > 0 ? scale * value / max : 0.0; }

// Presentation: the zone's highest indicators at or above the cut, highest first.
std::vector<ReasonPart> top_indicators(const std::vector<RankedIndicator>& indicators, std::size_t zone,
                                       const CesOptions& o) {
    std::vector<ReasonPart> parts;
    for (const auto& ind : indicators) {
        const auto pct = ind.percent(zone);
        if (pct && *pct >= o.reason_at_least_percent)
            parts.push_back(ReasonPart::at_percentile(ind.indicator.display_label(), usable(ind.indicator.values[zone]),
                                                      *pct, comparison_for(ind.indicator.direction),
                                                      o.reason_at_least_percent));
    }
    std::stable_sort(parts.begin(), parts.end(),
                     [](const ReasonPart& a, const ReasonPart& b) { return *a.percent > *b.percent; });
    if (parts.size() > o.max_reasons) parts.resize(o.max_reasons);
    return parts;
}

constexpr EnumName<CesComponent> kComponentNames[] = {{CesComponent::exposures, "exposures"},
                                                      {CesComponent::environmental_effects, "environmental_effects"},
                                                      {CesComponent::sensitive_populations, "sensitive_populations"},
                                                      {CesComponent::socioeconomic_factors, "socioeconomic_factors"}};

}  // namespace

const char* to_string(CesComponent c) { return enum_name(kComponentNames, c); }

CesComponent ces_component_from_string(const std::string& s) {
    return enum_value_or_throw(kComponentNames, s, "CES component");
}

CesOptions ces4_options() { return CesOptions{}; }

CesOptions ces3draft_options() {
    CesOptions o;
    o.aggregation = CesAggregation::indicator_weighted;
    return o;
}

CesOptions nl_default_options() {
    CesOptions o;
    o.min_population_indicators = 1;
    return o;
}

CesResult compute_ces(const std::vector<RankedIndicator>& indicators, const CesOptions& options) {
    if (indicators.empty()) throw std::invalid_argument("CES: no indicators");
    const std::size_t n = indicators.front().percentile.size();
    std::vector<std::size_t> component_of;
    std::array<std::size_t, kCesComponentCount> indicators_per_component{};
    for (const auto& ind : indicators) {
        const std::string what = "CES indicator '" + ind.indicator.name + "'";
        require_zone_count(n, ind.percentile.size(), what.c_str());
        require_zone_count(n, ind.indicator.values.size(), what.c_str());
        try {
            component_of.push_back(static_cast<std::size_t>(ces_component_from_string(ind.indicator.group)));
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument(what + ": " + e.what());
        }
        ++indicators_per_component[component_of.back()];
    }

    CesResult result;
    result.zones.resize(n);
    const std::size_t n_pc = indicators_per_component[kSens] + indicators_per_component[kSes];
    for (std::size_t z = 0; z < n; ++z) {
        ComponentSums sums;
        for (std::size_t i = 0; i < indicators.size(); ++i)
            if (const auto pct = indicators[i].percent(z)) {
                sums.sum[component_of[i]] += *pct;
                ++sums.n[component_of[i]];
            }
        CesZone& zone = result.zones[z];
        zone.n_present = sums.n;
        for (std::size_t c = 0; c < kCesComponentCount; ++c) zone.n_missing[c] = indicators_per_component[c] - sums.n[c];
        aggregate(sums, options, zone);
        decide_scored(options, n_pc, zone);
    }

    result.max_pollution_burden = max_over_scored(result.zones, &CesZone::pollution_burden);
    result.max_population_characteristics = max_over_scored(result.zones, &CesZone::population_characteristics);
    ZoneValues scores(n);
    for (std::size_t z = 0; z < n; ++z) {
        CesZone& zone = result.zones[z];
        // OEHHA publishes the pollution burden score of unscored tracts too (SB 535 uses their
        // pollution burden), scaled by the same maximum over scored tracts: it depends on PB only.
        if (zone.pollution_burden && result.max_pollution_burden)
            zone.pollution_burden_score = scaled(*zone.pollution_burden, *result.max_pollution_burden, options.score_scale);
        if (!zone.scored) continue;
        ++result.n_scored;
        zone.population_characteristics_score =
            scaled(*zone.population_characteristics, *result.max_population_characteristics, options.score_scale);
        zone.score = *zone.pollution_burden_score * *zone.population_characteristics_score;
        scores[z] = zone.score;
    }
    const auto score_pct = percent_at_or_below(scores);
    for (std::size_t z = 0; z < n; ++z) {
        CesZone& zone = result.zones[z];
        zone.score_percentile = score_pct[z];
        if (!zone.scored) zone.reasons.push_back(ReasonPart::note("not scored: " + zone.unscored_reason));
        for (auto& part : top_indicators(indicators, z, options)) zone.reasons.push_back(std::move(part));
    }
    return result;
}

}  // namespace burdenmap::fair
