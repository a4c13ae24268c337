#include "burdenmap/score/UnitDimension.h"

#include <algorithm>
#include <cctype>

#include "burdenmap/core/EnumNames.h"

namespace burdenmap {

std::optional<UnitDimension> unit_dimension(const std::string& unit) {
    // ASCII lowercase only: the µ/μ/³ bytes (UTF-8) pass through unchanged.
    std::string u = unit;
    std::transform(u.begin(), u.end(), u.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const auto has = [&](const char* part) { return u.find(part) != std::string::npos; };
    if (has("db")) return UnitDimension::sound_level;
    // The micro sign (U+00B5) and the Greek mu (U+03BC) look the same and both occur.
    for (const char* c : {"µg/m³", "µg/m3", "μg/m³", "μg/m3", "ug/m3", "ug/m³"})
        if (has(c)) return UnitDimension::concentration;
    if (has("per year") || has("/year") || has("/yr")) return UnitDimension::risk_per_year;
    return std::nullopt;
}

namespace {
constexpr EnumName<UnitDimension> kDimensionWords[] = {{UnitDimension::sound_level, "sound levels"},
                                                       {UnitDimension::concentration, "concentrations"},
                                                       {UnitDimension::risk_per_year, "risks per year"}};
}

const char* to_string(UnitDimension dimension) { return enum_name(kDimensionWords, dimension, ""); }

}  // namespace burdenmap
