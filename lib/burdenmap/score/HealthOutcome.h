#pragma once
// One health outcome of the health_burden cumulation (MGR practice: a common health unit that is
// additive across factors): an exposure–response curve on a layer's raw values, turned into
// attributable cases and DALYs per 1,000 residents per year.
//  - absolute risk (% affected, e.g. %HA): cases = %/100 · 1000; DALY = cases · weight · duration;
//  - relative risk: PAF = (RR − 1) / RR for residents at that level (the EU 2020/367 form with one
//    exposure band), cases = PAF · baseline incidence per 1000; DALY = cases · (YLL per case +
//    weight · duration).
// The weights, baseline rates and durations are the user's, each with its source.
#include <memory>
#include <string>

#include "burdenmap/score/ExposureResponse.h"

namespace burdenmap {

struct HealthOutcome {
    std::string name;      // short, part of column names, e.g. "road_ha"
    std::size_t layer = 0; // the job layer whose raw values the curve reads
    std::shared_ptr<const ExposureResponse> curve;
    double disability_weight = 0;    // 0..1
    double duration_years = 1;       // per case, for the disability part
    double baseline_per_1000 = 0;    // relative risk: annual incidence per 1000 residents
    double years_lost_per_case = 0;  // relative risk: YLL per attributable case (mortality)
    std::string source;              // where the parameters come from

    // NaN stays NaN.
    double cases_per_1000(double level) const;
    double daly_per_1000(double level) const;
};

}  // namespace burdenmap
