#pragma once
// GDAL set-up and error capture. GDAL reports errors through a handler and return codes; these
// helpers turn them into our exceptions with the file (and layer, field) named.
#include <string>

namespace burdenmap {

// Registers the drivers once and routes GDAL's messages away from stderr (library code never
// prints): errors become exceptions at the call sites, warnings are collected per thread.
void gdal_init();

// The last GDAL error message on this thread ("" if none), and reset it.
std::string gdal_last_error();

// Versions of GDAL, PROJ and GEOS as seen at run time, e.g. "GDAL 3.6.2".
std::string gdal_version();
std::string proj_version();
std::string geos_version();

}  // namespace burdenmap
