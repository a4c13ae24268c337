#pragma once
// The bands a run computes per cell and summarises per zone, in a fixed order:
//   for each layer: its raw value (own unit), its score (absent without a method); then each cumulation; then, for each
//   count_at_least cumulation, its completeness (1 where every counted layer has data, else 0).
// The GeoTIFF gets the scores and cumulations; the zones get statistics of all of them (of a
// completeness band only its mean, as <cumulation>_complete_share).
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/job/JobPlan.h"

namespace burdenmap {

struct ZonalBand {
    enum class Kind { raw, score, cumulation, completeness } kind = Kind::raw;
    std::string layer;              // the layer's name (raw and score bands)
    std::string prefix;             // column prefix, e.g. "road_noise", "road_noise_score", "stapeling"
    std::string meaning;            // for the codebook
    std::string unit;
    std::string method;             // method id or cumulation rule
    std::string source;
    std::vector<double> thresholds; // shares of area at or above these values are reported
    bool integer_valued = false;    // scores and counts: the share thresholds are levels
    // Population statistics (when the job has a population): a population-weighted mean for
    // continuous bands; residents per class 0..population_classes-1 for scores and counts.
    bool population_mean = false;
    int population_classes = 0;
    // A count_at_least cumulation: the index of its completeness band in BandSet::zonal.
    std::optional<std::size_t> completeness_band;
    // The score band of a layer without a method: it keeps the band order (NaN in every cell) but
    // has no columns and no GeoTIFF band; the layer has its raw statistics only.
    bool absent = false;
};

struct BandSet {
    std::vector<ZonalBand> zonal;      // 2 per layer + 1 per cumulation + 1 per count cumulation
    std::size_t layer_count = 0;
    std::vector<std::size_t> counts;   // the cumulations with a completeness band, in band order
    std::size_t raw_band(std::size_t layer) const { return 2 * layer; }
    std::size_t score_band(std::size_t layer) const { return 2 * layer + 1; }
    std::size_t cumulation_band(std::size_t c) const { return 2 * layer_count + c; }
    // The bands with population statistics: all but the completeness bands, which come last (of
    // those only the area mean is written, as <cumulation>_complete_share).
    std::size_t population_band_count() const { return zonal.size() - counts.size(); }
};

BandSet make_band_set(const JobPlan& plan);

// The band that ranks zones by default (the terminal summary, [fairness] burden): the first
// count_at_least cumulation, else the first cumulation, else the first layer's score, else (no
// layer has a method) the first layer's raw values.
std::size_t headline_band(const JobPlan& plan, const BandSet& bands);

}  // namespace burdenmap
