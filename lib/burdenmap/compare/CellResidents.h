#pragma once
// Residents per cell of a window, placed as the alternative's run placed them (ResidentsPerCell):
// the weights of the class transitions. Zones: each zone's population spread evenly over its area,
// residents in a cell = coverage fraction x population / area x cell area, summed over the zones
// whose bounding box meets the window (job/BlockProcessor's density and coverage, on the same
// window-clipped sub-grids). Raster: io/PopulationReader, as the run read it. None: no residents.
#include <memory>
#include <string>
#include <vector>

#include "burdenmap/compare/CellComparison.h"
#include "burdenmap/core/Grid.h"
#include "burdenmap/core/Window.h"

namespace burdenmap {

class CellResidents {
public:
    // Throws InputError naming the population raster when it cannot be read, or the zone (by its
    // number) when the shapes and populations do not match.
    CellResidents(const ResidentsPerCell& residents, const Grid& grid, const std::string& crs_wkt, int block_size);
    ~CellResidents();
    CellResidents(const CellResidents&) = delete;
    CellResidents& operator=(const CellResidents&) = delete;

    // False for ResidentsPerCell::Kind::none: no transitions are counted.
    bool placed() const;
    // Residents in each cell of `window` (window.size() values, row-major; 0 where nobody lives).
    void read(const Window& window, double* out);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace burdenmap
