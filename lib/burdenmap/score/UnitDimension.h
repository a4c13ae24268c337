#pragma once
// What a unit measures, read from how people spell it: "dB", "dB Lden" and "dB(A)" are sound
// levels; "µg/m³", "µg/m3" and "ug/m3" concentrations; "per year" and "/yr" risks per year.
// Layers and methods are compared by dimension, not by spelling, so "ug/m3" matches "µg/m³" and
// "dB Lden" matches "dB" while dB on a µg/m³ method does not. A spelling not known here (or an
// empty unit) has no dimension: nothing is compared.
#include <optional>
#include <string>

namespace burdenmap {

enum class UnitDimension { sound_level, concentration, risk_per_year };

std::optional<UnitDimension> unit_dimension(const std::string& unit);

// "sound levels", "concentrations", "risks per year": for messages.
const char* to_string(UnitDimension dimension);

}  // namespace burdenmap
