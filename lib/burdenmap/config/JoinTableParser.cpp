// A table joined on the zone id, as [zones] table and [fairness.table] both give it: path, id,
// optional layer, id_match and nodata_values (numbers and text tokens).
#include "burdenmap/config/TomlReader.h"

namespace burdenmap::config_detail {

JoinTableConfig parse_join_table(TomlReader r, const std::filesystem::path& base) {
    JoinTableConfig j;
    const std::string path = r.required_string("path");
    j.path = std::filesystem::path(path).is_absolute() ? std::filesystem::path(path) : (base / path).lexically_normal();
    j.layer = r.optional_string("layer");
    j.id = r.required_string("id");
    try {
        j.id_match = id_match_from_string(r.optional_string("id_match", "exact"));
    } catch (const std::invalid_argument& e) {
        r.fail("id_match", e.what());
    }
    r.missing_values("nodata_values", j.nodata_values, j.nodata_texts);
    r.reject_unknown({"path", "layer", "id", "id_match", "nodata_values"});
    return j;
}

}  // namespace burdenmap::config_detail
