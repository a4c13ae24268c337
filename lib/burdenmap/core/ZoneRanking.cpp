#include "burdenmap/core/ZoneRanking.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "burdenmap/core/PlainNumber.h"

namespace burdenmap {

namespace {

// The level k of a `<prefix>_share_ge<k>` column: digits, with '_' for a decimal point as the
// zone table writes 55.5 ("55_5"); nullopt for any other suffix.
std::optional<double> share_level(const std::string& column, const std::string& prefix) {
    if (column.rfind(prefix, 0) != 0) return std::nullopt;
    std::string k = column.substr(prefix.size());
    if (k.empty() || !std::all_of(k.begin(), k.end(), [](unsigned char c) { return std::isdigit(c) || c == '_'; }))
        return std::nullopt;
    std::replace(k.begin(), k.end(), '_', '.');
    return parse_number(k);
}

// Higher first; a missing key after any value.
int compare_desc(const std::optional<double>& a, const std::optional<double>& b) {
    if (a && b) return *a > *b ? -1 : (*a < *b ? 1 : 0);
    if (a) return -1;
    if (b) return 1;
    return 0;
}

}  // namespace

TieBreakColumns tie_break_columns(const std::vector<std::string>& columns, const std::string& headline) {
    TieBreakColumns out;
    const std::string suffix = "_mean";
    if (headline.size() <= suffix.size() || headline.compare(headline.size() - suffix.size(), suffix.size(), suffix) != 0)
        return out;
    const std::string prefix = headline.substr(0, headline.size() - suffix.size());
    std::optional<double> top;
    for (const std::string& c : columns) {
        if (const auto k = share_level(c, prefix + "_share_ge"); k && (!top || *k > *top)) {
            top = k;
            out.share_at_top = c;
        }
        if (c == prefix + "_pop_mean") out.pop_mean = c;
    }
    return out;
}

std::vector<std::size_t> rank_zones(std::vector<RankedZone> zones, std::size_t count) {
    const auto before = [](const RankedZone& a, const RankedZone& b) {
        if (a.value != b.value) return a.value > b.value;
        if (const int c = compare_desc(a.share_at_top, b.share_at_top)) return c < 0;
        if (const int c = compare_desc(a.pop_mean, b.pop_mean)) return c < 0;
        return a.id < b.id;
    };
    std::stable_sort(zones.begin(), zones.end(), before);
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < zones.size() && i < count; ++i) rows.push_back(zones[i].row);
    return rows;
}

std::string tie_break_words(const TieBreakColumns& columns) {
    std::string out = "ties broken by ";
    if (!columns.share_at_top.empty()) out += columns.share_at_top + ", then ";
    if (!columns.pop_mean.empty()) out += columns.pop_mean + ", then ";
    return out + "the zone id";
}

}  // namespace burdenmap
