#pragma once
// compare's `class_shift`: the GES comparison table. Per layer score, the residents in each score
// class (the zones' <layer>_pop_class_K columns summed over all zones) in the base and in each
// plan; per cumulation, the residents at or above each count (<cumulation>_pop_geK).
#include <string>
#include <vector>

#include "burdenmap/compare/Comparison.h"
#include "burdenmap/compare/ZoneTables.h"

namespace burdenmap {

// The K of every "<prefix>K" column (K a whole number >= 0), ascending.
std::vector<int> numbered_columns(const std::vector<std::string>& columns, const std::string& prefix);

// Rows for each layer_score measure (kind "class", classes from the base's
// <measure.layer>_pop_class_K, labels from measure.class_labels[K]) and each cumulation measure
// (kind "at_least", from <measure.name>_pop_geK), in the order of `measures`. NULL counts as 0;
// a column a plan lacks counts 0 there.
std::vector<ClassShiftRow> class_shift(const ZoneTables& tables, const std::vector<ComparedMeasure>& measures);

}  // namespace burdenmap
