#pragma once
// Numbers written as text, the way CBS Kerncijfers tables write them: leading and trailing
// spaces, "." (or "-", or nothing) for a missing value, a decimal comma or point.
#include <optional>
#include <string>

namespace burdenmap {

// nullopt with ok = true: a missing value; nullopt with ok = false: not a number at all.
std::optional<double> parse_number_text(std::string text, bool& ok);

}  // namespace burdenmap
