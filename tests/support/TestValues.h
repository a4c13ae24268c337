#pragma once
// Small values and checks many tests share: "no value" spelled the way a table of expected values
// reads best, and a substring test for messages and documents.
#include <cmath>
#include <limits>
#include <optional>
#include <string>

namespace burdenmap::test {

// An expected zone value that is missing (a std::optional column), short so tables line up.
inline constexpr auto NUL = std::nullopt;

// A cell or statistic without a value.
inline constexpr float kNaNf = std::numeric_limits<float>::quiet_NaN();
inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace burdenmap::test
