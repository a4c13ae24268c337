#pragma once
// The order in which the most burdened zones are listed: the report's numbered map and table and
// `burdenmap run`'s terminal list. Zones often tie on the headline statistic (a count is the same
// in every zone where all its layers reach their level everywhere; 501 areas of a real city tied
// at the top), so ties are broken by stated second keys, in this order:
//   1. the share of the zone's area at the statistic's highest level (`<prefix>_share_ge<max>`,
//      for a count: where most layers reach their burden level), higher first;
//   2. its population-weighted mean (`<prefix>_pop_mean`), higher first;
//   3. the zone id, ascending,
// so the order never depends on the row order of the input. A missing key (NULL, or no such
// column) ranks below any value. Pure: no GDAL, no files.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace burdenmap {

struct RankedZone {
    std::size_t row = 0;                 // the caller's index of the zone
    double value = 0;                    // the headline statistic
    std::optional<double> share_at_top;  // tie-break 1
    std::optional<double> pop_mean;      // tie-break 2
    std::string id;                      // tie-break 3
};

// The columns of the tie-break keys for the headline column `<prefix>_mean` among `columns`:
// the `<prefix>_share_ge<k>` with the highest k, and `<prefix>_pop_mean`; "" for one not there.
struct TieBreakColumns {
    std::string share_at_top;
    std::string pop_mean;
};
TieBreakColumns tie_break_columns(const std::vector<std::string>& columns, const std::string& headline);

// The rows of the `count` highest zones in ranking order (all of them when there are fewer).
std::vector<std::size_t> rank_zones(std::vector<RankedZone> zones, std::size_t count);

// The keys in words, for a list's caption: "ties broken by stapeling_share_ge3, then
// stapeling_pop_mean, then the zone id".
std::string tie_break_words(const TieBreakColumns& columns);

}  // namespace burdenmap
