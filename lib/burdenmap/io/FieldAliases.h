#pragma once
// CBS field names change between years and formats: the ≤2021 shapefiles say BU_CODE, the
// 2022+ GeoPackages say buurtcode, the Kerncijfers spreadsheets use short codes (p_hh_li).
// A field asked for by any of its names is found under any other (case-insensitively).
#include <string>
#include <vector>

namespace burdenmap {

// Every known name of the same CBS field as `name` (itself first); just {name} when unknown.
std::vector<std::string> field_aliases(const std::string& name);

// The index of the first of `names` among `available`, compared case-insensitively; -1 if none.
int find_field_index(const std::vector<std::string>& available, const std::string& name);

}  // namespace burdenmap
