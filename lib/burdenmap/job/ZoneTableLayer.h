#pragma once
// A zone-table layer (`[[layer]] table = "no2.csv"`, `id`, `value`): data published per area
// (NO2 per census area, deprivation per LSOA, CBS kerncijfers per buurt) used as it comes, not
// rasterised by hand first. Per zone its statistics are the table value itself — mean = min = max
// = the value to the bit, nodata share 0, or 1 without a row or value — so no cell ever blurs a
// published figure (BlockProcessor replaces the zone's cell statistics with these). Cell-level
// outputs (its GeoTIFF band, cumulations) need a value per cell: each cell takes the value of the
// zone that covers its centre; where zones overlap, the first by zone order; outside every zone,
// no data.
#include <memory>
#include <string>
#include <vector>

#include "burdenmap/config/Config.h"
#include "burdenmap/core/Diagnostics.h"
#include "burdenmap/io/VectorLayerSource.h"
#include "burdenmap/io/ZoneSource.h"
#include "burdenmap/job/TableJoin.h"
#include "burdenmap/score/ScoringMethod.h"

namespace burdenmap {

struct ZoneTableLayer {
    TableJoin join;
    std::string value_field;
    // Per zone (in zone order): the table value (NaN: no row or a missing value) and its score
    // (the layer's method on the value as Float32, as every cell is scored; NaN without a method).
    std::vector<double> values;
    std::vector<double> scores;
    // The zones as shapes for VectorBurner: in reverse zone order, because later shapes win, so
    // where zones overlap the first by zone order is left on the cell.
    std::shared_ptr<const VectorLayerData> cells;
    std::string describe() const;  // one line for `validate`
};

// Reads the layer's table, joins it to `zones` like [zones] table (TableJoin: no match is an
// InputError, under 95 % matched a join-partial warning) and scores each zone's value.
// `method` may be null (raw statistics only). `key` names the layer in messages ("layer[2]").
ZoneTableLayer read_zone_table_layer(const LayerConfig& layer, const std::string& key, const std::vector<Zone>& zones,
                                     const std::string& zones_id_field, const ScoringMethod* method, Diagnostics& diagnostics);

}  // namespace burdenmap
