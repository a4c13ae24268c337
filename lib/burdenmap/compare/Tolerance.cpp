#include "burdenmap/compare/Tolerance.h"

#include <cmath>
#include <stdexcept>

#include "burdenmap/core/PlainNumber.h"

namespace burdenmap {

namespace {

bool starts_with(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

// The spellings of one unit that people type: "ug/m3" for "µg/m³".
std::string canonical_unit(const std::string& unit) { return unit == "ug/m3" ? "µg/m³" : unit; }

std::string first_word(const std::string& unit) { return unit.substr(0, unit.find(' ')); }

}  // namespace

std::string to_string(ChangeClass c) {
    switch (c) {
        case ChangeClass::better: return "better";
        case ChangeClass::same: return "same";
        case ChangeClass::worse: return "worse";
    }
    return "same";
}

ChangeClass classify_change(double delta, double tolerance) {
    if (std::fabs(delta) <= tolerance) return ChangeClass::same;
    return delta > 0 ? ChangeClass::worse : ChangeClass::better;
}

double default_tolerance(const std::string& unit, const std::string& rule) {
    const std::string u = canonical_unit(unit);
    if (starts_with(u, "dB")) return 0.5;
    if (u == "µg/m³") return 0.5;
    if (rule == "count_at_least" || u == "number of layers" || u == "class" || u == "0/1" || u == "count") return 0.01;
    return 0;
}

double tolerance_for(const std::string& name, const std::string& unit, const std::string& rule,
                     const std::map<std::string, double>& overrides) {
    if (auto it = overrides.find(name); it != overrides.end()) return it->second;
    const std::string u = canonical_unit(unit);
    for (const auto& [key, value] : overrides)
        if (!u.empty() && canonical_unit(key) == u) return value;
    for (const auto& [key, value] : overrides)
        if (!u.empty() && canonical_unit(key) == first_word(u)) return value;
    return default_tolerance(unit, rule);
}

bool tolerance_key_matches(const std::string& key, const std::string& name, const std::string& unit) {
    const std::string u = canonical_unit(unit);
    return key == name || (!u.empty() && (canonical_unit(key) == u || canonical_unit(key) == first_word(u)));
}

std::pair<std::string, double> parse_tolerance(const std::string& text) {
    const auto eq = text.rfind('=');
    if (eq == std::string::npos) throw std::invalid_argument("'" + text + "' is not NAME_OR_UNIT=VALUE");
    const std::string key = text.substr(0, eq);
    if (key.empty()) throw std::invalid_argument("'" + text + "' names no measure or unit before '='");
    const std::optional<double> value = parse_number(text.substr(eq + 1));
    if (!value || !std::isfinite(*value) || *value < 0)
        throw std::invalid_argument("'" + text + "': the tolerance must be a number >= 0");
    return {key, *value};
}

}  // namespace burdenmap
