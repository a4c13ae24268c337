#include "burdenmap/io/ZoneNeighbours.h"

#include <algorithm>

#include "burdenmap/io/GdalSession.h"
#include "burdenmap/io/OgrCommon.h"

namespace burdenmap {

using namespace io_detail;

std::vector<std::vector<std::size_t>> zone_neighbours(const std::vector<Zone>& zones, const ZoneIndex& index) {
    gdal_init();
    std::vector<GeometryPtr> geoms;
    for (const Zone& z : zones) geoms.push_back(geometry_from_wkb(z.wkb));
    std::vector<std::vector<std::size_t>> out(zones.size());
    for (std::size_t a = 0; a < zones.size(); ++a) {
        if (!geoms[a]) continue;
        for (std::size_t b : index.query(zones[a].bounds)) {
            if (b <= a || !geoms[b]) continue;
            // Touching boundaries only: zones that tile space never overlap, and "touches" is
            // exactly CEJST's geopandas predicate (shared edge or vertex).
            if (OGR_G_Touches(geoms[a].get(), geoms[b].get())) {
                out[a].push_back(b);
                out[b].push_back(a);
            }
        }
    }
    for (auto& n : out) std::sort(n.begin(), n.end());
    return out;
}

}  // namespace burdenmap
