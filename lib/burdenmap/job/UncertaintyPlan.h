#pragma once
// [uncertainty] resolved against the job before any pixel is read (issue 17): each layer's error
// model, the method alternatives drawn, the zone-level sufficient statistics the single pass must
// keep (StepHistogram and ExposureHistogram layouts) and, for every zones column the draws must
// redo — the headline burden and the fairness indicators' columns — how it is recomputed from
// them. A column that a declared source changes but that no zone-level statistic can redo (an
// energetic_sum or max over layers with error: not linear in its layers) is refused here, so
// `validate` and `run` refuse the same configs, naming the column and the source.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/fair/Percentile.h"
#include "burdenmap/uncertainty/ExposureHistogram.h"
#include "burdenmap/uncertainty/LayerError.h"
#include "burdenmap/uncertainty/StepHistogram.h"

namespace burdenmap {

struct JobPlan;

// A class score as a step function of the raw value, for a StepHistogram: the score below the
// first boundary, then the score from each boundary on.
struct ScoreSteps {
    double first_score = 0;
    std::vector<double> scores;  // per boundary of the layout
};

// Per zone one StepHistogram of a layer's values, over the cells where the layer has a value and,
// with `mask_band`, that band (a cumulation) has one too.
struct StepSpec {
    std::size_t layer = 0;
    std::optional<std::size_t> mask_band;  // BandSet::zonal index
    std::shared_ptr<const uncertainty::StepLayout> layout;
    ScoreSteps steps;
};

// Per zone one ExposureHistogram of a layer's values over its cells with a value (the curves of
// health outcomes and continuous scores: a health burden counts each outcome where its layer has a
// value, so no mask is needed).
struct ExposureSpec {
    std::size_t layer = 0;
    std::shared_ptr<const uncertainty::ExposureLayout> layout;
};

// A zones column the draws recompute.
struct DrawnColumn {
    enum class Kind { raw, score_steps, score_curve, count, weighted_sum, health } kind = Kind::raw;
    enum class Stat { mean, pop_mean, min, max, std, share_ge } stat = Stat::mean;
    std::string column;
    std::size_t layer = 0;       // raw, score_*
    std::size_t cumulation = 0;  // count, weighted_sum, health
    double level = 0;            // share_ge: the score level
    // score_steps: {the StepSpec}; score_curve: {the ExposureSpec}; count and weighted_sum: per
    // layer of the rule its StepSpec; health: per outcome its ExposureSpec.
    std::vector<std::size_t> parts;
    std::size_t band = 0;        // its BandSet::zonal band (for the valid weight of the zone)
};

// A curve's relative risk drawn from its 95 % CI: log rr' ~ Normal(log rr, sigma_log²), one draw
// per method, used by every outcome that reads it (a health_burden and its per-outcome breakdown).
struct RelativeRiskDraw {
    std::string method;
    double rr = 1, rr_low = 1, rr_high = 1, sigma_log = 0;
    std::vector<std::pair<std::size_t, std::size_t>> outcomes;  // (cumulation, outcome) that use it
};

struct UncertaintyPlan {
    bool enabled = false;
    int draws = 0;
    std::uint64_t seed = 0;
    std::vector<uncertainty::LayerError> layer_errors;  // per job layer
    std::vector<std::vector<double>> at_least_options;  // per cumulation; empty: its own levels
    // per cumulation, per layer of the rule: [low, high] of its weight; low == high: fixed
    std::vector<std::vector<std::pair<double, double>>> weight_ranges;
    std::vector<fair::PercentileRule> percentile_options;  // empty: each indicator's own rule
    std::vector<RelativeRiskDraw> relative_risks;

    std::vector<StepSpec> steps;
    std::vector<ExposureSpec> exposures;
    std::vector<DrawnColumn> columns;
    const DrawnColumn* drawn(const std::string& column) const;

    std::string headline;      // the ranked burden column
    std::string index_column;  // the fairness index's column; empty: no index
    bool index_is_flag = false;  // a 0/1 designation (cejst_final): p_flagged, not ranks

    std::vector<std::string> describe(const JobPlan& plan) const;  // lines for `validate`
};

// Throws ConfigError naming the key (an error without [uncertainty], at_least_options on a rule
// that is no count, a weights_range layer not in the rule, a column no draw can redo, ...).
UncertaintyPlan plan_uncertainty(const JobPlan& plan);

}  // namespace burdenmap
