#pragma once
// "No value" as the engine stores it: a quiet NaN, in the cell type (float) and in statistics
// (double). One definition, so every file means the same value by the same name.
#include <limits>

namespace burdenmap {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
inline constexpr float kNaNf = std::numeric_limits<float>::quiet_NaN();

}  // namespace burdenmap
