#pragma once
// The zone statistics of a run as output columns: field definitions (with codebook text) and one
// row of values per zone. Column names are short, lowercase and stable (see README "Outputs").
#include <vector>

#include "burdenmap/io/GpkgWriter.h"
#include "burdenmap/job/BandSet.h"
#include "burdenmap/job/JobPlan.h"
#include "burdenmap/zonal/ZonalAccumulator.h"

namespace burdenmap {

std::vector<FieldSpec> zone_fields(const JobPlan& plan, const BandSet& bands);

// `accs[z][b]`: zone z, zonal band b. Values in the order of zone_fields().
std::vector<FieldValue> zone_row(const JobPlan& plan, const BandSet& bands, std::size_t zone,
                                 const std::vector<ZonalAccumulator>& accs);

}  // namespace burdenmap
