#pragma once
// Warnings from what a run saw inside the zones: a layer with no data in any zone (all nodata, or
// a raster that misses every zone), and raw values outside what the layer's unit allows (a sound
// level of -5 or 300 dB, a negative concentration) — most often an undeclared nodata value such as
// -9999 or a wrong unit. Cells are scored as they are; the warning says how to fix the input.
// Also zones where a count_at_least cumulation lacks one of its layers in part of the area
// (count-incomplete), where the count may be too low.
#include <optional>
#include <vector>

#include "burdenmap/core/Diagnostics.h"
#include "burdenmap/job/BandSet.h"
#include "burdenmap/job/BlockProcessor.h"

namespace burdenmap {

struct PlausibleRange {
    double min = 0, max = 0;
    const char* what = "";  // e.g. "sound levels"
};

// The range a layer's unit allows, if burdenmap knows the unit: dB (sound levels, 0 to 140),
// µg/m³ (annual concentrations, 0 to 1000), "per year" (risks, 0 to 1).
std::optional<PlausibleRange> plausible_range(const std::string& unit);

std::vector<Diagnostic> value_warnings(const JobPlan& plan, const BandSet& bands,
                                       const std::vector<std::optional<ZoneStats>>& zones);

}  // namespace burdenmap
