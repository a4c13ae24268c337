#pragma once
// compare's `zones` table: per zone (base order), per alternative, each compared column's plan
// value and its difference plan - base, and better / same / worse per judged measure.
#include <string>
#include <vector>

#include "burdenmap/compare/Comparison.h"
#include "burdenmap/compare/ZoneTables.h"

namespace burdenmap {

struct ZoneDeltaInput {
    const ZoneTables* tables = nullptr;
    // The columns compared (residents, population, every statistic of the shared layers and
    // cumulations), as the base's codebook describes them.
    std::vector<FieldSpec> columns;
    // change_<name>_<label> for each (the cumulations).
    std::vector<ComparedMeasure> judged;
    // Per base row: the zone's geometry (ISO WKB in `crs_wkt`).
    std::vector<std::vector<unsigned char>> wkb;
    std::string crs_wkt;
};

// Fields: zone_id, zone_name, residents (of the base; when the base has them), then per label L:
// change_<measure>_L (text), and per column <col>_L and <col>_delta_L (NULL when either run has
// no value). The codebook meaning of each says which plan and what base.
ZoneComparison zone_comparison(const ZoneDeltaInput& input);

// "change_<measure>_<label>"
std::string change_column(const std::string& measure, const std::string& label);

}  // namespace burdenmap
