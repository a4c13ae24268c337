#pragma once
// The zone statistics of a run as output columns: field definitions (with codebook text) and one
// row of values per zone. Column names are short, lowercase and stable (see README "Outputs").
#include <string>
#include <vector>

#include "burdenmap/core/FeatureTable.h"
#include "burdenmap/job/BandSet.h"
#include "burdenmap/job/BlockProcessor.h"
#include "burdenmap/job/JobPlan.h"
#include "burdenmap/zonal/ZonalAccumulator.h"

namespace burdenmap {

// A level in a column name: "55_5" for 55.5, "1e_06" style for tiny ones ("<prefix>_share_ge<level>").
std::string level_text(double v);

std::vector<FieldSpec> zone_fields(const JobPlan& plan, const BandSet& bands);

// One zone's statistics as values in the order of zone_fields(). Population columns are NULL
// when `stats` has no population accumulators (no population, or the zone's is unknown).
std::vector<FieldValue> zone_row(const JobPlan& plan, const BandSet& bands, std::size_t zone, const ZoneStats& stats);

}  // namespace burdenmap
