#include "burdenmap/job/ZoneTableLayer.h"

#include <cmath>

#include "burdenmap/core/NaN.h"
#include "burdenmap/core/Raster.h"

namespace burdenmap {

std::string ZoneTableLayer::describe() const {
    std::size_t with_value = 0;
    for (double v : values) with_value += !std::isnan(v);
    return "zone table " + join.table.description + ", column '" + value_field + "' per zone, joined on '" + join.table.id_field +
           "': " + join.join.summary() + "; " + std::to_string(with_value) + " of " + std::to_string(values.size()) +
           " zones have a value (zone statistics are the value; cells take the value of the zone covering their centre)";
}

ZoneTableLayer read_zone_table_layer(const LayerConfig& layer, const std::string& key, const std::vector<Zone>& zones,
                                     const std::string& zones_id_field, const ScoringMethod* method, Diagnostics& diagnostics) {
    ZoneTableLayer t;
    t.value_field = layer.value_field;
    t.join = join_table_to_zones(*layer.table, key + ".table", zones, zones_id_field, {layer.value_field}, {},
                                 "layer '" + layer.name + "' has no value there (its statistics are NULL, nodata share 1)", diagnostics);
    t.values.assign(zones.size(), kNaN);
    for (std::size_t z = 0; z < zones.size(); ++z)
        if (const auto& row = t.join.row_of_zone[z])
            if (const auto& v = t.join.table.rows[*row].front()) t.values[z] = *v;

    t.scores.assign(zones.size(), kNaN);
    if (method) {
        std::vector<float> as_float(t.values.begin(), t.values.end());
        for (float& v : as_float)
            if (std::isinf(v)) v = kNoData;  // as read_layers treats cells
        std::vector<float> scored(as_float.size());
        std::vector<std::uint64_t> hits(method->bins().size(), 0);  // the cells report the rows they hit
        method->score(as_float.data(), scored.data(), as_float.size(), hits);
        t.scores.assign(scored.begin(), scored.end());
    }

    auto cells = std::make_shared<VectorLayerData>();
    cells->description = t.join.table.description + " (column " + layer.value_field + ", per zone)";
    for (std::size_t z = zones.size(); z-- > 0;) {
        if (zones[z].wkb.empty()) continue;
        cells->shapes.push_back({zones[z].wkb, zones[z].bounds, t.values[z]});
    }
    cells->features = zones.size();
    t.cells = std::move(cells);
    return t;
}

}  // namespace burdenmap
