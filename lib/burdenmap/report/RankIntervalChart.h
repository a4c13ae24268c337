#pragma once
// The report's rank-interval chart ([uncertainty], README "Uncertainty"): one row per zone, top
// zone first, on a rank axis that runs from 1 (most burdened) on the left. Each row draws the
// 5th-95th percentile of the zone's rank over the draws as a line, its median as a dot and the
// point result's rank as a black mark; a dashed vertical line marks the top tenth's cut-off. The
// colour says whether the zone is surely in the top tenth, on the edge or surely out, so a reader
// sees at a glance which of the "top" zones a policy can rely on.
#include <optional>
#include <string>
#include <vector>

namespace burdenmap::report {

struct RankInterval {
    std::string label;                    // the zone's name, or its id
    double rank = 0;                      // the point result's rank (1 = most burdened)
    std::optional<double> p05, p50, p95;  // over the draws; nullopt: never ranked in a draw
    std::string rank_class;               // "surely in", "edge", "surely out"; "" when unknown
};

struct RankIntervalChart {
    std::string title;               // the chart's accessible name
    std::vector<RankInterval> rows;  // drawn top to bottom in this order
    double cut_off = 0;              // ranks <= cut_off are in the top tenth; 0: no line
};

// A self-contained <svg> element (no scripts, no external references, text in the page's font).
std::string rank_interval_chart_svg(const RankIntervalChart& chart);

}  // namespace burdenmap::report
