#pragma once
// The vocabulary of the fairness maths (DESIGN.md §1 "composite index", §4): a zone indicator is
// one value per zone, NULL where unknown, with a declared direction. Everything in
// lib/burdenmap/fair is pure maths on such vectors: no GDAL, no I/O, no config, no printing.
//
// Conventions shared by every file in this folder:
//  - zones are positions 0..n-1 in every vector; all vectors passed together have the same n;
//  - a missing value is std::nullopt; a NaN inside an optional is treated as NULL too (GDAL/OGR
//    readers sometimes hand NaN for nodata); ±infinity is rejected with std::invalid_argument;
//  - functions throw std::invalid_argument for inconsistent inputs (sizes, negative weights); the
//    caller adds the config key path or layer name and rethrows as ConfigError/InputError.
#include <cmath>
#include <optional>
#include <string>
#include <vector>

namespace burdenmap::fair {

using ZoneValues = std::vector<std::optional<double>>;

// Whether a high raw value means more burden (NO2, noise, low-income share) or less (green space,
// mean income). Percentile rules turn higher_is_better indicators round by negating the values
// first (the CES percentile rule on negated values; CEJST `rank(ascending=False)` in
// usds/justice40-tool etl_score.py).
enum class Direction { higher_is_worse, higher_is_better };
const char* to_string(Direction d);              // "higher_is_worse" / "higher_is_better"
Direction direction_from_string(const std::string& s);  // throws std::invalid_argument

// The order of an income indicator. Income groups, the concentration index and the bivariate
// classes rank zones from the lowest income (poorest) to the highest:
//  - higher_is_richer: mean income per inhabitant (CBS `gemiddeld_inkomen_per_inwoner`);
//  - higher_is_poorer: share of low-income households (CBS `percentage_huishoudens_met_laag_inkomen`).
enum class IncomeOrder { higher_is_richer, higher_is_poorer };
const char* to_string(IncomeOrder o);            // "higher_is_richer" / "higher_is_poorer"
IncomeOrder income_order_from_string(const std::string& s);  // throws std::invalid_argument

// One indicator over all zones.
struct Indicator {
    std::string name;   // short stable id used in column names, e.g. "no2"
    std::string label;  // plain-language name for reasons, e.g. "NO2"; empty → name
    std::string group;  // the preset's group: CES component, CEJST category; empty where unused
    Direction direction = Direction::higher_is_worse;
    ZoneValues values;  // raw value per zone

    const std::string& display_label() const { return label.empty() ? name : label; }
};

// The value as a usable number: nullopt for NULL and NaN; throws std::invalid_argument for ±inf.
std::optional<double> usable(const std::optional<double>& v);

// Throws std::invalid_argument("<what>: expected <expected> zones, got <got>") when they differ.
void require_zone_count(std::size_t expected, std::size_t got, const char* what);

}  // namespace burdenmap::fair
