#pragma once
// "No value" in statistics and table values (double): a quiet NaN. Cells use kNoData
// (core/Raster.h), the same NaN as a float.
#include <limits>

namespace burdenmap {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace burdenmap
