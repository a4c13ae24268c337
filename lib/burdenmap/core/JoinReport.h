#pragma once
// Joining a table to the zones on an id, and what the join matched. A join that matches nothing
// (zero-padded FIPS codes against unpadded ones) or only part of the zones must never pass
// silently: the caller turns the report into an error or a warning and writes it to run.json.
// Used by the [fairness.table] join; any other table joined on the zone id should use it too.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace burdenmap {

// How ids are compared: exactly (after trimming the table's), or as digit strings without leading
// zeros ("06019001100" = "6019001100", "BU0363" = "363"), the common FIPS / CBS code case.
enum class IdMatch { exact, digits };
const char* to_string(IdMatch m);
IdMatch id_match_from_string(const std::string& s);  // throws std::invalid_argument

// The id as it is compared under `mode`.
std::string match_key(const std::string& id, IdMatch mode);

struct JoinReport {
    IdMatch mode = IdMatch::exact;
    std::size_t zones = 0;       // zones in the job
    std::size_t table_rows = 0;  // ids in the table
    std::size_t matched = 0;     // zones with a table row
    std::vector<std::string> unmatched_zone_ids;   // in zone order
    std::vector<std::string> unmatched_table_ids;  // in table order
    // "84 of 86 zones matched; 3 table ids match no zone" (one line).
    std::string summary() const;
};

struct IdJoin {
    std::vector<std::optional<std::size_t>> row_of_zone;  // per zone: its table row, if any
    JoinReport report;
};

// Matches every zone id with the table ids under `mode`. Throws std::invalid_argument naming both
// ids when two table ids, or two zone ids, become the same key (possible with `digits` only).
IdJoin join_ids(const std::vector<std::string>& zone_ids, const std::vector<std::string>& table_ids, IdMatch mode);

// Why a join that matched nothing failed, when the ids differ only by leading zeros, letter case
// or surrounding spaces (e.g. "the ids differ only by leading zeros ('06019001100' and
// '6019001100')"); empty when they differ otherwise.
std::string join_mismatch_hint(const std::vector<std::string>& zone_ids, const std::vector<std::string>& table_ids);

// Up to `n` ids as "'a', 'b', 'c'".
std::string quoted_ids(const std::vector<std::string>& ids, std::size_t n);

}  // namespace burdenmap
