#pragma once
// A GDAL VRT that shows rectangles of several GeoTIFFs as one raster: the merged raster of a
// sharded run (burden.vrt over the shards' COGs). QGIS and GDAL open it as one layer; nothing is
// copied. Sources are referenced relative to the VRT when they can be (moving the output folder
// together with its parts keeps it working), else by absolute path.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "burdenmap/core/BandStatistics.h"
#include "burdenmap/core/Grid.h"
#include "burdenmap/core/Window.h"
#include "burdenmap/io/GeoTiffWriter.h"

namespace burdenmap {

struct MosaicSource {
    std::filesystem::path file;  // a GeoTIFF with the VRT's bands, in the same order
    Window source;               // cells of the file
    Window target;               // where they go in the VRT's grid (the same size)
};

// Writes the VRT atomically (AtomicOutput; pending in the thread's CommitGroup when one is alive).
// Bands are Float32 with NaN nodata, described like GeoTiffWriter's (`bands`, dataset metadata),
// with `statistics` (one per band, as GeoTiffWriter stores them; empty: none) as STATISTICS_*.
// Throws OutputError naming the file.
void write_mosaic_vrt(const std::filesystem::path& final_path, bool overwrite, const Grid& grid, const std::string& crs_wkt,
                      const std::vector<BandSpec>& bands, const std::map<std::string, std::string>& dataset_metadata,
                      const std::vector<MosaicSource>& sources, const std::vector<BandStatistics>& statistics);

}  // namespace burdenmap
