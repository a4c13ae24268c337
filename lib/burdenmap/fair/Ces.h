#pragma once
// CalEnviroScreen-style composite score: presets `ces4`, `ces3draft` and `nl_default`
// (OEHHA CalEnviroScreen 4.0 report, Oct 2021, and the scoring model page; the formulas below were
// recomputed from OEHHA's published results).
//
// Each indicator's `group` names its component: "exposures", "environmental_effects" (Pollution
// Burden, PB) or "sensitive_populations", "socioeconomic_factors" (Population Characteristics, PC).
// Percentiles are used on 0–100 whatever rule produced them (RankedIndicator::percent). Per zone,
// only indicators with a percentile count (CES unscored rule [V-data]: a missing indicator is left out of its
// component, no imputation):
//
// ces4 — component means (CES 4.0 scoring, [V-data] on the 2,284 SB 535 tracts, max |Δ| 0.0076):
//     Exp, Eff, Sens, SES = mean percentile of the component's present indicators
//     PB = (Exp + ½·Eff) / 1.5          PC = (Sens + SES) / 2
// ces3draft — indicator-weighted (CES 3.0 draft scoring, [V-data] on 8,035 tracts of the CES 3.0 draft):
//     PB = (ΣExp + ½·ΣEff) / (n_exp + ½·n_eff)       PC = mean of all present PC percentiles
// both:
//     PB_score = 10·PB / max over scored zones of PB    (likewise PC_score)
//     score    = PB_score × PC_score, from the unrounded scaled scores (CES 4.0 scoring: rounding first is
//                off by up to 0.079)
//     score percentile = 100·rank_max(score) / N over the N scored zones (CES percentile rule, [V-data])
//     scored   = at least 5 PC indicators present (CES unscored rule, [V-data] on CES 3.0 draft: all 106
//                unscored tracts miss ≥ 4 of 8, every scored tract misses ≤ 3)
//
// Our readings where the sources are silent (CES always has data in every component):
//  - a component with no present indicator is left out of PB or PC, which is then the weighted
//    mean of the components that have data (ces4: Exp alone, or Eff alone; this also serves
//    configurations without effects layers); with no PB (or PC) indicator at all the zone is
//    unscored;
//  - PB and PC (0–100) are reported for unscored zones too (SB 535 uses PB of unscored tracts,
//    CES unscored rule [R]), and so is PB_score, as OEHHA's results list it for every tract: 10·PB / the same
//    maximum over scored zones (an unscored zone above that maximum gets a PB_score above 10);
//    PC_score, score and its percentile only for scored zones;
//  - if the maximum over scored zones is 0 the scaled scores are 0.
//
// nl_default is our own construction, not a published index: the ces4 arithmetic on Dutch layers
// (suggested groups: exposures = NO2, PM2.5, PM10, road/rail/air/industry noise; effects =
// external-safety risk and other proximity layers; socioeconomic = low-income share and similar
// CBS fields; sensitive = health data where available), scored when at least one PC indicator is
// present, because Dutch neighbourhood data offer far fewer than CES's 8 PC indicators.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/fair/Percentile.h"
#include "burdenmap/fair/Reasons.h"

namespace burdenmap::fair {

enum class CesComponent { exposures, environmental_effects, sensitive_populations, socioeconomic_factors };
inline constexpr std::size_t kCesComponentCount = 4;
const char* to_string(CesComponent c);  // "exposures", "environmental_effects", ...
CesComponent ces_component_from_string(const std::string& s);  // throws std::invalid_argument

enum class CesAggregation {
    component_means,    // ces4, nl_default
    indicator_weighted  // ces3draft
};

struct CesOptions {
    CesAggregation aggregation = CesAggregation::component_means;
    double effects_weight = 0.5;                // CES 4.0 scoring Environmental Effects weighted ½ [V-data]
    std::size_t min_population_indicators = 5;  // CES unscored rule [V-data, CES 3.0 draft]
    double score_scale = 10.0;                  // CES 4.0 scoring PB_score = 10·PB/max [V-data]
    // Presentation, not part of CES: list up to max_reasons indicators at or above this percentile.
    double reason_at_least_percent = 80.0;
    std::size_t max_reasons = 3;
};
CesOptions ces4_options();
CesOptions ces3draft_options();
CesOptions nl_default_options();  // ces4 with min_population_indicators = 1

struct CesZone {
    // Per component (indexed by CesComponent): mean percentile, present and missing indicators.
    std::array<std::optional<double>, kCesComponentCount> component_mean{};
    std::array<std::size_t, kCesComponentCount> n_present{};
    std::array<std::size_t, kCesComponentCount> n_missing{};
    std::optional<double> pollution_burden;                  // PB, 0–100
    std::optional<double> population_characteristics;        // PC, 0–100
    std::optional<double> pollution_burden_score;            // every zone with PB, once any zone is scored; 0–10 for scored zones
    std::optional<double> population_characteristics_score;  // 0–10, scored zones only
    std::optional<double> score;                             // 0–100, scored zones only
    std::optional<double> score_percentile;                  // 0–100, scored zones only
    bool scored = false;
    std::string unscored_reason;     // empty when scored
    std::vector<ReasonPart> reasons;  // unscored note first, then the highest indicators
};

struct CesResult {
    std::vector<CesZone> zones;
    std::optional<double> max_pollution_burden;            // over scored zones
    std::optional<double> max_population_characteristics;  // over scored zones
    std::size_t n_scored = 0;
};

// All indicators have the same number of zones and a CES component as group; throws
// std::invalid_argument otherwise (naming the indicator).
CesResult compute_ces(const std::vector<RankedIndicator>& indicators, const CesOptions& options);

}  // namespace burdenmap::fair
