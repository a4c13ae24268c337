// A table joined on the zone id, as [zones] table, [fairness.table] and a zone-table [[layer]] all
// give it: path, id, optional layer, id_match and nodata_values (numbers and text tokens).
#include "burdenmap/config/TomlReader.h"

namespace burdenmap::config_detail {

JoinTableConfig read_join_table_keys(TomlReader& r, const std::string& path_key) {
    JoinTableConfig j;
    j.path = r.required_path(path_key);
    j.layer = r.optional_string("layer");
    if (!r.has("id")) r.fail("id", "is required: the column of the table that holds the zone ids (matched to [zones] id)");
    j.id = r.required_string("id");
    try {
        j.id_match = id_match_from_string(r.optional_string("id_match", "exact"));
    } catch (const std::invalid_argument& e) {
        r.fail("id_match", e.what());
    }
    r.missing_values("nodata_values", j.nodata_values, j.nodata_texts);
    return j;
}

JoinTableConfig parse_join_table(TomlReader r) {
    JoinTableConfig j = read_join_table_keys(r, "path");
    r.reject_unknown({"path", "layer", "id", "id_match", "nodata_values"});
    return j;
}

}  // namespace burdenmap::config_detail
