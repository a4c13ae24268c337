#pragma once
// Count of indicators in the "high" class: preset `count_high`, Berlin "Umweltgerechtigkeit"
// style (Berlin Umweltatlas "Umweltgerechtigkeit", SenMVKU, method 2024: each core indicator is
// classed high / medium / low, air, noise and thermal load by health-risk class; counting the
// "high" classes is recalled, [R]). Also the Dutch GES
// practice of counting factors at or above a class (DESIGN.md §1 "overlay and count").
//
//     high(i, z)  = value ≥ high_at[i]   (higher_is_worse)
//                   value ≤ high_at[i]   (higher_is_better, e.g. green space per inhabitant)
//     count_high  = Σ_i high(i, z)
// Thresholds are inclusive and come from the method tables (never hard-coded). The values are
// whatever the config classes: raw values (Berlin: health-risk class boundaries) or percentiles
// (e.g. high = at or above the 80th percentile, then pass the percentiles as values). A NULL
// value is not high and is counted in n_missing, so a low count with many missing is visible.
#include <cstddef>
#include <string>
#include <vector>

#include "burdenmap/fair/Indicator.h"
#include "burdenmap/fair/Reasons.h"

namespace burdenmap::fair {

struct HighClass {
    double high_at = 0;  // class boundary, inclusive
    std::string unit;    // for reasons, e.g. "dB Lden"; may be empty
};

struct CountHighZone {
    std::size_t count_high = 0;
    std::size_t n_present = 0;
    std::size_t n_missing = 0;
    std::vector<ReasonPart> reasons;  // one value part per high indicator, in input order
};

// `classes[i]` belongs to `indicators[i]`. Throws std::invalid_argument for mismatched sizes.
std::vector<CountHighZone> count_high(const std::vector<Indicator>& indicators, const std::vector<HighClass>& classes);

}  // namespace burdenmap::fair
