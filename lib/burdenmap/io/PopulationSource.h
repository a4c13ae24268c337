#pragma once
// Residents per cell of the target grid from a population raster (counts per cell, any grid).
// In the target CRS and north-up: counts are redistributed exactly by overlap area
// (core/CountRedistribution), so the total is conserved for any alignment. In another CRS: GDAL's
// "sum" warp, which conserves totals only approximately (the plan warns).
#include <memory>
#include <vector>

#include "burdenmap/core/Grid.h"
#include "burdenmap/core/Window.h"
#include "burdenmap/io/GdalSession.h"
#include "burdenmap/io/RasterSource.h"

namespace burdenmap {

class PopulationReader {
public:
    PopulationReader(const RasterInfo& source, const Grid& target, const std::string& target_wkt, int block_size);
    ~PopulationReader();
    PopulationReader(const PopulationReader&) = delete;
    PopulationReader& operator=(const PopulationReader&) = delete;

    // Residents in each cell of the window (0 where the source has nodata or no cells).
    void read(const Window& window, double* out);
    // True when the exact redistribution applies (same CRS, north-up source).
    bool exact() const;
    // GDAL's warnings while opening and reading, as AlignedReader::gdal_warnings.
    const std::vector<GdalErrorScope::Warning>& gdal_warnings() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace burdenmap
