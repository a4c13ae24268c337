#include "burdenmap/core/JoinReport.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <stdexcept>

namespace burdenmap {
namespace {

std::string trimmed(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string lowercase(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string without_leading_zeros(const std::string& s) {
    const auto b = s.find_first_not_of('0');
    return b == std::string::npos ? (s.empty() ? s : "0") : s.substr(b);
}

// The first pair (zone id, table id) equal under `key`, if any.
std::optional<std::pair<std::string, std::string>> first_pair(const std::vector<std::string>& zone_ids,
                                                              const std::vector<std::string>& table_ids,
                                                              const std::function<std::string(const std::string&)>& key) {
    std::map<std::string, const std::string*> table;
    for (const std::string& t : table_ids) table.emplace(key(t), &t);
    for (const std::string& z : zone_ids) {
        auto it = table.find(key(z));
        if (it != table.end() && !it->first.empty()) return std::make_pair(z, *it->second);
    }
    return std::nullopt;
}

}  // namespace

const char* to_string(IdMatch m) { return m == IdMatch::digits ? "digits" : "exact"; }

IdMatch id_match_from_string(const std::string& s) {
    if (s == "exact") return IdMatch::exact;
    if (s == "digits") return IdMatch::digits;
    throw std::invalid_argument("unknown id_match '" + s + "' (known: exact, digits)");
}

std::string match_key(const std::string& id, IdMatch mode) {
    if (mode == IdMatch::exact) return id;
    std::string digits;
    for (char c : id)
        if (c >= '0' && c <= '9') digits += c;
    return without_leading_zeros(digits);
}

std::string JoinReport::summary() const {
    std::string s = std::to_string(matched) + " of " + std::to_string(zones) + " zones matched (id_match " + to_string(mode) + ")";
    if (!unmatched_table_ids.empty())
        s += "; " + std::to_string(unmatched_table_ids.size()) + " of " + std::to_string(table_rows) + " table ids match no zone";
    return s;
}

IdJoin join_ids(const std::vector<std::string>& zone_ids, const std::vector<std::string>& table_ids, IdMatch mode) {
    std::map<std::string, std::size_t> row_of_key;
    for (std::size_t r = 0; r < table_ids.size(); ++r) {
        const std::string key = match_key(table_ids[r], mode);
        // An id without digits ("Nederland", "Totaal" rows) has no key under "digits": it matches
        // nothing and is listed as unmatched, rather than colliding with every other such row.
        if (key.empty()) continue;
        const auto [it, added] = row_of_key.emplace(key, r);
        if (!added)
            throw std::invalid_argument("table ids '" + table_ids[it->second] + "' and '" + table_ids[r] + "' are the same under id_match = \"" +
                                        to_string(mode) + "\"");
    }
    IdJoin join;
    join.report.mode = mode;
    join.report.zones = zone_ids.size();
    join.report.table_rows = table_ids.size();
    std::vector<bool> used(table_ids.size(), false);
    std::map<std::size_t, std::size_t> zone_of_row;
    for (std::size_t z = 0; z < zone_ids.size(); ++z) {
        const std::string key = match_key(zone_ids[z], mode);
        auto it = key.empty() ? row_of_key.end() : row_of_key.find(key);
        if (it == row_of_key.end()) {
            join.row_of_zone.emplace_back();
            join.report.unmatched_zone_ids.push_back(zone_ids[z]);
            continue;
        }
        const auto [prev, first] = zone_of_row.emplace(it->second, z);
        if (!first)
            throw std::invalid_argument("zone ids '" + zone_ids[prev->second] + "' and '" + zone_ids[z] + "' are the same under id_match = \"" +
                                        to_string(mode) + "\"");
        join.row_of_zone.emplace_back(it->second);
        used[it->second] = true;
        ++join.report.matched;
    }
    for (std::size_t r = 0; r < table_ids.size(); ++r)
        if (!used[r]) join.report.unmatched_table_ids.push_back(table_ids[r]);
    return join;
}

std::string join_mismatch_hint(const std::vector<std::string>& zone_ids, const std::vector<std::string>& table_ids) {
    struct Way {
        const char* what;
        std::function<std::string(const std::string&)> key;
        const char* fix;
    };
    const Way ways[] = {
        {"surrounding spaces", trimmed, "remove the spaces from the ids"},
        {"letter case", [](const std::string& s) { return lowercase(trimmed(s)); }, "write the ids in the same case in both files"},
        {"leading zeros", [](const std::string& s) { return without_leading_zeros(trimmed(s)); },
         "set id_match = \"digits\" to compare the ids as numbers"},
    };
    for (const Way& w : ways)
        if (const auto pair = first_pair(zone_ids, table_ids, w.key))
            return std::string("the ids differ only by ") + w.what + " (zone '" + pair->first + "', table '" + pair->second + "'): " + w.fix;
    return "";
}

std::string quoted_ids(const std::vector<std::string>& ids, std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < ids.size() && i < n; ++i) s += (i ? ", '" : "'") + ids[i] + "'";
    if (ids.size() > n) s += ", ...";
    return s;
}

}  // namespace burdenmap
