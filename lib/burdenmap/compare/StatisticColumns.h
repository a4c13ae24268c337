#pragma once
// Which zones columns are the statistics of a layer or cumulation: what compare differences.
// A run's zones table also holds fairness columns whose names may start like a layer's
// (indicator "no2_air" gives no2_air_value beside layer no2's no2_mean), so the name alone does
// not say; the run's codebook does: a statistic's codebook method is "input" (raw values), the
// layer's method id (scores, residents per class) or the cumulation's rule.
#include <map>
#include <set>
#include <string>
#include <vector>

namespace burdenmap {

struct ColumnOwner {
    std::string name;                 // layer or cumulation name: its columns start with "<name>_"
    std::set<std::string> methods;    // the codebook methods its columns may carry
};

// Per owner (in `owners` order), its columns among `columns` (in table order): a column goes to
// the owner with the longest name it starts with followed by "_" (layer "road" and layer
// "road_noise" both match road_noise_mean: it is road_noise's), and counts when `codebook_method`
// has no entry for it (a run without a codebook row: the name decides) or its method is one of
// the owner's. The caller passes numeric columns only.
std::vector<std::vector<std::string>> statistic_columns(const std::vector<std::string>& columns, const std::vector<ColumnOwner>& owners,
                                                        const std::map<std::string, std::string>& codebook_method);

}  // namespace burdenmap
