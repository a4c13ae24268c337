#pragma once
// The composite index presets of [fairness] index: each its own function that computes the index
// from the ranked indicators (lib/burdenmap/fair), appends its columns to the zones and returns
// each zone's reasons; preset_function() is the table from preset id to function. Which presets
// exist, and the keys and parameters each needs, is checked by plan_fairness (FairnessPlan.cpp)
// before any pixel is read.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/fair/Percentile.h"
#include "burdenmap/fair/Reasons.h"
#include "burdenmap/job/FairnessColumns.h"
#include "burdenmap/job/JobPlan.h"

namespace burdenmap {

// The [[fairness.indicator]]s ranked by their percentile rules, each with its config.
struct RankedIndicators {
    std::vector<fair::RankedIndicator> ranked;
    std::vector<const FairnessIndicatorConfig*> configs;
};

struct PresetInputs {
    const JobPlan& plan;
    const IndexParameters& preset;  // the preset's published parameters (plan.fairness.preset)
    const RankedIndicators& indicators;
    const ZoneColumns& zones;
};

using ZoneReasons = std::vector<std::vector<fair::ReasonPart>>;  // per zone
using PresetFunction = ZoneReasons (*)(const PresetInputs& in, FairnessResult& r);

// CalEnviroScreen arithmetic (PresetCes.cpp): 4.0, the 3.0 draft, and burdenmap's Dutch
// construction (CES 4.0 options; its parameters come from its own table entry).
ZoneReasons apply_ces4(const PresetInputs& in, FairnessResult& r);
ZoneReasons apply_ces3draft(const PresetInputs& in, FairnessResult& r);
ZoneReasons apply_nl_default(const PresetInputs& in, FairnessResult& r);
ZoneReasons apply_cejst(const PresetInputs& in, FairnessResult& r);       // PresetCejst.cpp
ZoneReasons apply_ejscreen(const PresetInputs& in, FairnessResult& r);    // PresetEjScreen.cpp
ZoneReasons apply_count_high(const PresetInputs& in, FairnessResult& r);  // PresetCountHigh.cpp

// Indicator i's values per zone: its zones column, or its column of the joined [fairness.table].
fair::ZoneValues indicator_values(const JobPlan& plan, const ZoneColumns& zones, std::size_t i);

// The fairness index of one uncertainty draw (job/Uncertainty): the preset's column `column`
// computed from `values` (per [[fairness.indicator]], per zone) with `rule` replacing the
// percentile rule of every indicator that has no rule of its own (nullopt: each keeps its own).
fair::ZoneValues fairness_index_draw(const JobPlan& plan, const ZoneColumns& zones, const std::vector<fair::ZoneValues>& values,
                                     std::optional<fair::PercentileRule> rule, const std::string& column);

// The function of preset `id`, or nullptr when no function implements it.
PresetFunction preset_function(const std::string& id);

// The reasons of the plan's `n` zones as a preset's result carries them (`zones[z].reasons`).
template <class Zones>
ZoneReasons reasons_of(const Zones& zones, std::size_t n) {
    ZoneReasons out(n);
    for (std::size_t z = 0; z < n; ++z) out[z] = zones[z].reasons;
    return out;
}

}  // namespace burdenmap
