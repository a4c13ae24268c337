#pragma once
// How delta.tif (plan - base) is coloured: a diverging ramp symmetric about 0, blue where the plan
// lowers the burden (better), white where nothing changes, red where it raises it (worse). Pure, so
// the ramp and its stops are unit-tested without GDAL.
#include <string>

#include "burdenmap/report/ColorRamp.h"
#include "burdenmap/report/RasterStyle.h"

namespace burdenmap {

// ColorBrewer RdBu (11 classes; colour-blind safe, Harrower & Brewer 2003) reversed: dark blue
// (lowest) -> light grey-white (middle) -> dark red (highest).
report::ColorRamp delta_ramp();

// `band` coloured along delta_ramp from -m to +m, m = max(|min|, |max|), with 0 (white) exactly in
// the middle stop, so a change of +x and one of -x are equally strong colours. A band without
// change (m == 0, or no data: NaN) gets m = 1: the ramp stays valid and every 0 is white.
report::RasterStyle delta_raster_style(int band, double min, double max, const std::string& title);

}  // namespace burdenmap
