#pragma once
// Wording shared by the report's sections (internal to lib/burdenmap/report).
#include <nlohmann/json.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/report/Table.h"

namespace burdenmap::report::detail {

using nlohmann::json;

// A column or layer name for people: underscores become spaces and pollutant codes are written
// as chemists do ("no2" → "NO2", "pm25" → "PM2.5", "pm10" → "PM10").
std::string display_name(const std::string& name);

// Display names the config gave ([[layer]] / [[cumulation]] `title`), by layer or cumulation name,
// as run.json records them.
using Titles = std::map<std::string, std::string>;
Titles titles_of(const json& manifest);

// A name for people, with the config's titles: a titled name is its title ("nox" → "NOx"), a
// column of it is the title and the rest ("nox_score_mean" → "NOx score mean"), the longest
// titled name first; any other name as display_name(name). Titles are used as written.
std::string display_name(const std::string& name, const Titles& titles);

// A zones column without its "_mean" ("stapeling_mean" → "stapeling"); other names as they are.
std::string without_mean(const std::string& column);

// A zone in a table row: "Camden 001A (E01000001)", or its id alone when it has no name (or its
// name is its id), never "E01000001 (E01000001)".
std::string zone_label_with_id(const Table& zones, std::size_t row);

// What a cumulation rule does, in a phrase ("number of layers at their burden level"); GES
// practice is named only when the study uses a GES method (`with_ges`). `raw_values`: max or
// weighted_sum of layers without a method (run.json cumulations[].values).
std::string rule_words(const std::string& rule, bool with_ges, bool raw_values = false);

// The codebook's meaning and unit of a column of a layer ("" when not listed).
std::string codebook_text(const Table& codebook, const std::string& layer, const std::string& column,
                          const std::string& field);

// A zones column for people with the codebook's unit: "hhi (GBP per household)" ([zones] income
// units), "mean income" without one.
std::string zones_column_title(const Table& codebook, const std::string& column);

// The burden level k of a layer's score, read from its `<layer>_score_share_ge<k>` column.
std::optional<int> burden_level(const Table& zones, const std::string& layer);

// The first class row of a layer's method with this score (manifest layers[].method.bins[]).
const json* bin_with_score(const json& layer, int score);

// The sum of a column over all zones (NULLs left out); nullopt when the column is missing.
std::optional<double> column_sum(const Table& zones, const std::string& column);

// The median of a column over the zones with a value.
std::optional<double> column_median(const Table& zones, const std::string& column);

// A string member of a JSON object, "" when absent or not a string.
std::string str(const json& j, const char* key);

}  // namespace burdenmap::report::detail
