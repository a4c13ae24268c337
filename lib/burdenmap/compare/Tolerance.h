#pragma once
// When a zone counts as "better", "same" or "worse" in a plan: |plan - base| at or below the
// measure's tolerance is "same"; above it, a higher value is worse (every burden measure of the
// product grows with the burden: dB, µg/m³, a GES score, a count of layers at their level).
//
// The tolerance of a measure, first found wins:
//  1. set by its name ("stapeling=0.1", `--tolerance`);
//  2. set by its unit: the whole unit ("dB Lden=1") or its first word ("dB=1" covers "dB Lden");
//     "ug/m3" is also "µg/m³";
//  3. the default by unit: 0.5 for dB units (half a decibel: below what noise maps resolve);
//     0.5 for µg/m³ (below the uncertainty of modelled annual means); 0.01 for counts and classes
//     ("number of layers", "class", "0/1", or a count_at_least cumulation: a zone mean of a
//     count moving by a hundredth is a real shift of cells, smaller is rounding); 0 for any other
//     unit (any change counts: the product knows no meaningful step for it).
#include <map>
#include <optional>
#include <string>

namespace burdenmap {

enum class ChangeClass { better, same, worse };
std::string to_string(ChangeClass c);

// "same" when |delta| <= tolerance, else "worse" for delta > 0 and "better" for delta < 0.
ChangeClass classify_change(double delta, double tolerance);

// The default of step 3 above. `rule`: the cumulation rule ("count_at_least"), empty for layers.
double default_tolerance(const std::string& unit, const std::string& rule);

// Steps 1 to 3 above.
double tolerance_for(const std::string& name, const std::string& unit, const std::string& rule,
                     const std::map<std::string, double>& overrides);

// Whether an override `key` applies to the measure (step 1 or 2 above).
bool tolerance_key_matches(const std::string& key, const std::string& name, const std::string& unit);

// "NAME_OR_UNIT=VALUE" (as `--tolerance` takes it): the key and the value; std::invalid_argument
// saying what is wrong when there is no "=", the key is empty or the value is not a finite number >= 0.
std::pair<std::string, double> parse_tolerance(const std::string& text);

}  // namespace burdenmap
