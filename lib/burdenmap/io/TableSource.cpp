#include "burdenmap/io/TableSource.h"

#include <cmath>
#include <set>

#include "burdenmap/core/Errors.h"
#include "burdenmap/io/FieldAliases.h"
#include "burdenmap/io/NumberText.h"
#include "burdenmap/io/OgrCommon.h"

namespace burdenmap {

using namespace io_detail;

namespace {

std::string trim(std::string s) {
    s.erase(0, s.find_first_not_of(" \t\r\n"));
    s.erase(s.find_last_not_of(" \t\r\n") + 1);
    return s;
}

}  // namespace

JoinedTable read_joined_table(const std::filesystem::path& path, const std::string& layer, const std::string& id_field,
                              const std::vector<std::string>& columns, const std::vector<double>& sentinels,
                              const std::vector<std::string>& missing_tokens, const std::string& config_key,
                              const std::vector<std::string>& text_columns) {
    OGRLayerH l = nullptr;
    DatasetPtr ds = open_vector(path.string(), layer, &l);
    JoinedTable table;
    table.description = path.string() + " (layer " + OGR_L_GetName(l) + ")";
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(l);
    std::vector<std::string> names;
    for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i) names.emplace_back(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)));
    auto field = [&](const std::string& name) {
        const int index = find_field_index(names, name);
        if (index < 0) throw InputError(table.description + ": field '" + name + "' not found; fields are: " + field_list(l));
        return index;
    };
    const int id = field(id_field);
    table.id_field = names[static_cast<std::size_t>(id)];
    std::set<std::string> seen;
    std::vector<int> indices;
    for (const std::string& c : columns) indices.push_back(field(c));
    std::vector<int> text_indices;
    for (const std::string& c : text_columns) text_indices.push_back(field(c));

    for_each_feature(l, table.description, [&](OGRFeatureH f) {
        const std::string key = trim(OGR_F_GetFieldAsString(f, id));
        if (key.empty()) return;  // blank lines and footnotes of a spreadsheet
        std::vector<std::optional<double>> values;
        for (std::size_t c = 0; c < indices.size(); ++c) {
            std::optional<double> v;
            if (OGR_F_IsFieldSetAndNotNull(f, indices[c])) {
                bool ok = true;
                v = parse_number_text(OGR_F_GetFieldAsString(f, indices[c]), ok, missing_tokens);
                if (!ok)
                    throw InputError(table.description + ": field '" + columns[c] + "' of id '" + key + "' is not a number: '" +
                                     OGR_F_GetFieldAsString(f, indices[c]) + "' (if it marks a missing value, list it in " + config_key + ".nodata_values)");
                for (double s : sentinels)
                    if (v && *v == s) v.reset();
                if (v && !std::isfinite(*v)) v.reset();
            }
            values.push_back(v);
        }
        if (!seen.insert(key).second)
            throw InputError(table.description + ": id '" + key + "' (field '" + id_field + "') appears more than once");
        std::vector<std::string> texts;
        for (int t : text_indices) texts.push_back(OGR_F_IsFieldSetAndNotNull(f, t) ? trim(OGR_F_GetFieldAsString(f, t)) : "");
        table.ids.push_back(key);
        table.rows.push_back(std::move(values));
        table.texts.push_back(std::move(texts));
    });
    return table;
}

}  // namespace burdenmap
