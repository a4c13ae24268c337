#pragma once
// How sure each ranking is ([uncertainty], issue 17): Monte Carlo draws at zone level from the
// statistics the single pass kept (UncertaintyPlan: per zone the layer's values around each class
// boundary, or over a curve's range). Each draw redoes the headline burden and the fairness
// index's inputs per zone, ranks the zones, recomputes the index and the concentration index and
// quintile ratio; the draws give per zone the rank's median and 5th–95th percentile and how often
// it was in the top tenth. No raster is read again. The random numbers are a pure function of
// (seed, draw, source, zone) (uncertainty/DrawRandom.h), and each draw's results are kept by its
// index, so the output is the same bits for any thread count.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/core/FeatureTable.h"
#include "burdenmap/job/BlockProcessor.h"
#include "burdenmap/job/Fairness.h"
#include "burdenmap/job/JobPlan.h"
#include "burdenmap/uncertainty/RankDraws.h"

namespace burdenmap {

struct RankedMeasure {
    std::string column;  // the zones column ranked, e.g. "stapeling_mean", "nl_default_score"
    std::string role;    // "headline" or "index"
    bool flag = false;   // a 0/1 designation (cejst_final): p_flagged instead of ranks
    std::vector<std::optional<double>> point_rank;  // per zone, at the point values
    std::vector<uncertainty::ZoneRankSummary> zones;
    std::vector<std::optional<double>> p_flagged;   // flag measures
    std::size_t top_decile_size = 0;                // at the point values
    std::size_t surely_in = 0, edge = 0, surely_out = 0;
};

struct UncertaintyResult {
    bool enabled = false;
    std::vector<RankedMeasure> measures;
    std::vector<FieldSpec> zone_fields;                // columns appended to the zones layer
    std::vector<std::vector<FieldValue>> zone_values;  // per zone
    std::vector<std::string> summary;                  // plain-language lines for the terminal
    double seconds = 0;
};

// `fields`/`rows`: the zones layer as written, fairness columns included; `stats`: the folded
// zone statistics (with the draw statistics). Sets the p05/p95 of the headline's concentration
// index and lowest/highest quintile ratio in `fairness`. `threads` <= 0: all cores.
UncertaintyResult compute_uncertainty(const JobPlan& plan, const std::vector<std::optional<ZoneStats>>& stats,
                                      const std::vector<FieldSpec>& fields, const std::vector<std::vector<FieldValue>>& rows,
                                      FairnessResult& fairness, int threads);

}  // namespace burdenmap
