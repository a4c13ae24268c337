#pragma once
// Polygon contiguity of the zones (queen: sharing an edge or a vertex, GEOS "touches" or
// "intersects" without overlap), for the CEJST adjacency ("donut hole") rule.
#include <vector>

#include "burdenmap/core/ZoneIndex.h"
#include "burdenmap/io/ZoneSource.h"

namespace burdenmap {

// For each zone, the indices of the zones it touches (sorted, itself excluded).
std::vector<std::vector<std::size_t>> zone_neighbours(const std::vector<Zone>& zones, const ZoneIndex& index);

}  // namespace burdenmap
