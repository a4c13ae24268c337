#pragma once
// The bands of a run's GeoTIFFs, with the metadata that names each band's layer, method, source
// and unit (what QGIS, the report and `burdenmap report` read back).
#include <map>
#include <string>
#include <vector>

#include "burdenmap/io/GeoTiffWriter.h"
#include "burdenmap/job/JobPlan.h"

namespace burdenmap {

// burden.tif: per layer its score ("<layer>_score"), or for a layer without a method its raw
// values ("<layer>"), then the cumulations.
std::vector<BandSpec> tiff_bands(const JobPlan& plan);

// The raw GeoTIFF ([output] raw_geotiff): per layer its aligned values.
std::vector<BandSpec> raw_bands(const JobPlan& plan);

// The dataset metadata of a run's GeoTIFFs (and a merged run's VRT): burdenmap version, study.
std::map<std::string, std::string> raster_metadata(const JobPlan& plan);

}  // namespace burdenmap
