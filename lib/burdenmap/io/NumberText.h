#pragma once
// Numbers written as text, the way CBS Kerncijfers tables write them: leading and trailing
// spaces, "." (or "-", or nothing) for a missing value, a decimal comma or point. Other text
// marks a missing value only when the config lists it (nodata_values = ["NA", "n/a"]).
#include <optional>
#include <string>
#include <vector>

namespace burdenmap {

// The text without leading and trailing blanks (space, tab, CR, LF), as table cells are compared.
std::string trimmed(std::string text);

// nullopt with ok = true: a missing value; nullopt with ok = false: not a number at all.
// `missing_tokens` are compared with the trimmed text, exactly (case and all).
std::optional<double> parse_number_text(std::string text, bool& ok, const std::vector<std::string>& missing_tokens = {});

}  // namespace burdenmap
