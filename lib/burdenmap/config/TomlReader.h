#pragma once
// Strict reading of one TOML table: typed getters that name the key path in their errors, and a
// final check that rejects keys nobody asked for (a typo must never be silently ignored).
// Internal to lib/burdenmap/config: the only place that includes toml++.
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "burdenmap/config/Config.h"
#include "burdenmap/core/Errors.h"
#include "burdenmap/score/ScoringMethod.h"

namespace burdenmap::config_detail {

class TomlReader {
public:
    TomlReader(const toml::table& table, std::string path, std::string file)
        : table_(table), path_(std::move(path)), file_(std::move(file)) {}

    const std::string& path() const { return path_; }
    const std::string& file() const { return file_; }
    // A reader for a nested table, e.g. the inline table at `key`. With `extends` a table may come
    // from a base config: its errors name the file that wrote it.
    TomlReader sub(const toml::table& table, const std::string& key) const {
        return TomlReader(table, key_path(key), file_of(table));
    }
    std::string key_path(const std::string& key) const {
        return key.empty() ? path_ : path_.empty() ? key : path_ + "." + key;
    }
    bool has(const std::string& key) const { return table_.contains(key); }
    const toml::node* node(const std::string& key) {
        seen_.insert(key);
        return table_.get(key);
    }

    std::string required_string(const std::string& key);
    std::string optional_string(const std::string& key, const std::string& fallback = "");
    std::optional<double> optional_number(const std::string& key);
    double required_number(const std::string& key);
    std::optional<long long> optional_integer(const std::string& key);
    std::optional<bool> optional_bool(const std::string& key);
    std::vector<double> number_array(const std::string& key);
    std::vector<std::string> string_array(const std::string& key);
    // A path (a string), resolved against the folder of the file that wrote it: a config's own
    // folder, or with `extends` a base config's folder for a key the base gave (toml++ keeps each
    // node's source file, and the merge moves nodes, which keeps it; see ConfigExtends.cpp).
    std::filesystem::path required_path(const std::string& key);
    // The same for an optional key (an empty string allowed, as optional_string allows it); absent: `fallback`.
    std::filesystem::path optional_path(const std::string& key, const std::filesystem::path& fallback);
    std::vector<std::filesystem::path> path_array(const std::string& key);
    // nodata_values: numbers (sentinels) and text tokens ("NA") in one array, split by type. A
    // string that holds a number is refused: it is a sentinel written in quotes by mistake.
    void missing_values(const std::string& key, std::vector<double>& numbers, std::vector<std::string>& texts);
    const toml::table* optional_table(const std::string& key);
    // An array of tables ([[key]]); empty when absent.
    std::vector<const toml::table*> table_array(const std::string& key);

    // Throws ConfigError for the first key that no getter asked for, listing the known ones.
    void reject_unknown(const std::vector<std::string>& known) const;

    [[noreturn]] void fail(const std::string& key, const std::string& message) const;

private:
    static std::string type_name(const toml::node& n);
    // The file that wrote `n` (its source), else this reader's file.
    std::string file_of(const toml::node& n) const { return n.source().path ? *n.source().path : file_; }
    std::filesystem::path resolve_path(const toml::node& n, const std::string& value) const;
    const toml::table& table_;
    std::string path_;
    std::string file_;
    std::set<std::string> seen_;
};

// A method written inline in a config (`method = { family = ..., ... }`), with the keys of a
// method-table [[method]]; `id` defaults to `default_id`. Defined in MethodTableParser.cpp.
std::shared_ptr<const ScoringMethod> parse_inline_method(const toml::table& table, const std::string& key_path,
                                                         const std::string& file, const std::string& default_id);

// The [fairness] section (FairnessConfigParser.cpp).
FairnessConfig parse_fairness(TomlReader reader);

// The uncertainty keys (UncertaintyConfigParser.cpp): the [uncertainty] section; a [[layer]]'s
// `error` (a table or an array of tables; empty when absent); a [[cumulation]]'s at_least_options
// and weights_range. `other_known_rule`: the cumulation's rule is a known rule, so a choice that
// belongs to another rule is refused here (a misspelt rule is named by the job plan instead).
UncertaintyConfig parse_uncertainty(TomlReader reader);
std::vector<LayerErrorConfig> read_layer_error(TomlReader& reader);
void read_cumulation_choices(TomlReader& reader, CumulationConfig& cumulation, bool other_known_rule);

// A jurisdiction code at `key` ("NL", "EU", "WHO", "US-CA", "study"): letters, digits and
// dashes, starting with a letter. Absent: `fallback`.
std::string read_jurisdiction(TomlReader& r, const std::string& key, const std::string& fallback);
// A table joined on the zone id ([zones] table, [fairness.table]; JoinTableParser.cpp).
JoinTableConfig parse_join_table(TomlReader reader);
// The same keys read from a table that holds others too (a zone-table [[layer]]), the path at
// `path_key`; the caller rejects unknown keys.
JoinTableConfig read_join_table_keys(TomlReader& reader, const std::string& path_key);

// Parses a TOML file, turning syntax errors into ConfigError with line and column.
toml::table parse_toml_file(const std::string& file, std::string* text_out = nullptr);

// A config file with the configs it extends merged in (ConfigExtends.cpp): the table to parse,
// and the chain and changes for Config::extends and Config::changes. For a config without
// `extends`, just the parsed file.
struct ExtendedToml {
    toml::table root;
    std::string text;  // the config file's own text
    std::vector<ConfigBase> extends;
    std::vector<ConfigChange> changes;
    std::vector<std::string> files;  // the chain as the nodes' sources name it, the first base first
};
ExtendedToml load_extended_toml(const std::string& file);

}  // namespace burdenmap::config_detail
