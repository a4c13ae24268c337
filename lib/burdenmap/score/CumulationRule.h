#pragma once
// How per-layer results combine into one cumulative value per cell (DESIGN.md §1). The rules are
// different things on purpose and are named as such in every output:
//  - count_at_least: the number of layers whose score is at or above each layer's level (the GES
//    "stapeling": scores are never summed, burdened factors are counted);
//  - energetic_sum: 10·log10 Σ 10^(L/10) over the layers' raw dB values (GGD practice for noise
//    from several sources, without corrections);
//  - weighted_sum: Σ w·score;
//  - max: the highest score;
//    (weighted_sum and max of layers without a method: the same of their raw values)
//  - health_burden: DALYs per 1,000 residents summed over health outcomes (MGR practice), with
//    health_cases / health_daly giving one outcome's cases or DALYs (the per-factor breakdown).
#include <string>
#include <vector>

#include "burdenmap/score/HealthOutcome.h"

namespace burdenmap {

enum class CumulationKind { count_at_least, energetic_sum, weighted_sum, max, health_burden, health_cases, health_daly };
const char* to_string(CumulationKind k);
// Throws std::invalid_argument listing the known rules.
CumulationKind cumulation_kind_from_string(const std::string& s);

struct CumulationRule {
    std::string name;
    std::string title;  // display name from the config; empty: from the name
    CumulationKind kind = CumulationKind::count_at_least;
    std::vector<std::size_t> layers;  // indices into the job's layers
    std::vector<double> at_least;     // count_at_least: per listed layer, the score level
    std::vector<double> weights;      // weighted_sum: per listed layer
    std::vector<HealthOutcome> outcomes;  // health_*: the outcomes (one for cases/daly)
    // count_at_least, `missing = "nodata"`: a cell where a counted layer lacks data is NaN, so
    // zone statistics cover complete cells only. Otherwise ("skip") such a layer is not counted,
    // which counts the cell as not burdened by it (see apply()'s `complete`).
    bool incomplete_is_nodata = false;
    // weighted_sum and max over layers without a method: of their raw values instead of scores
    // (plan_job refuses a mix). raw_unit: the layers' unit when they share one, else empty.
    bool raw_values = false;
    std::string raw_unit;

    // Nodata rule: count_at_least (by default), energetic_sum and max use the layers that have
    // data in a cell (NaN only where none has), weighted_sum is NaN where any layer is nodata (an
    // unknown term cannot be weighted). `raw` and `scores` are indexed by job layer; each points
    // to n values.
    // count_at_least, `complete` given: also per cell 1 where every layer of the rule has a score,
    // else 0 (never NaN), in the same pass; summarised per zone, its mean is the share of the
    // covered area where the count is complete. Other rules leave `complete` alone.
    void apply(const std::vector<const float*>& raw, const std::vector<const float*>& scores, float* out,
               std::size_t n, float* complete = nullptr) const;

    // health_*: the sum over outcomes of their cases or DALYs per 1000 residents.
    void apply_health(const std::vector<const float*>& raw, float* out, std::size_t n) const;

    // The value range is what a count can reach; used to choose share thresholds for outputs.
    bool is_count() const { return kind == CumulationKind::count_at_least; }
    std::string unit() const;
};

}  // namespace burdenmap
