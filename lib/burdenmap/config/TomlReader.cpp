#include "burdenmap/config/TomlReader.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <locale>
#include <optional>
#include <sstream>
#include <string_view>

#include "burdenmap/core/PlainNumber.h"

namespace burdenmap::config_detail {

std::string TomlReader::type_name(const toml::node& n) {
    switch (n.type()) {
        case toml::node_type::string: return "a string";
        case toml::node_type::integer: return "an integer";
        case toml::node_type::floating_point: return "a number";
        case toml::node_type::boolean: return "a boolean";
        case toml::node_type::array: return "an array";
        case toml::node_type::table: return "a table";
        default: return "a date or time";
    }
}

void TomlReader::fail(const std::string& key, const std::string& message) const {
    // A key that is there names the file that wrote it (a base config's, with `extends`).
    const toml::node* n = table_.get(key);
    throw ConfigError(key_path(key), message + " (in " + (n ? file_of(*n) : file_) + ")");
}

std::filesystem::path TomlReader::resolve_path(const toml::node& n, const std::string& value) const {
    const std::filesystem::path path(value);
    if (path.is_absolute()) return path;
    const std::filesystem::path folder = std::filesystem::absolute(file_of(n)).lexically_normal().parent_path();
    return (folder / path).lexically_normal();
}

std::filesystem::path TomlReader::required_path(const std::string& key) {
    const std::string value = required_string(key);
    return resolve_path(*table_.get(key), value);
}

std::filesystem::path TomlReader::optional_path(const std::string& key, const std::filesystem::path& fallback) {
    const std::string value = optional_string(key);
    return has(key) ? resolve_path(*table_.get(key), value) : fallback;
}

std::vector<std::filesystem::path> TomlReader::path_array(const std::string& key) {
    std::vector<std::filesystem::path> out;
    const std::vector<std::string> values = string_array(key);
    for (std::size_t i = 0; i < values.size(); ++i) out.push_back(resolve_path(*table_.get(key)->as_array()->get(i), values[i]));
    return out;
}

std::string TomlReader::required_string(const std::string& key) {
    const toml::node* n = node(key);
    if (!n) fail(key, "is required (a string)");
    if (!n->is_string()) fail(key, "must be a string, not " + type_name(*n));
    // Every required string is a name, path, field, method or rule: "" is never one (found by
    // fuzzing: zones.id = "" passed the parser and failed later as a missing field '').
    if (n->as_string()->get().empty()) fail(key, "must not be empty");
    return n->as_string()->get();
}

std::string TomlReader::optional_string(const std::string& key, const std::string& fallback) {
    const toml::node* n = node(key);
    if (!n) return fallback;
    if (!n->is_string()) fail(key, "must be a string, not " + type_name(*n));
    return n->as_string()->get();
}

std::optional<double> TomlReader::optional_number(const std::string& key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (n->is_integer()) return static_cast<double>(n->as_integer()->get());
    if (n->is_floating_point()) return n->as_floating_point()->get();
    fail(key, "must be a number, not " + type_name(*n));
}

double TomlReader::required_number(const std::string& key) {
    if (!has(key)) fail(key, "is required (a number)");
    return *optional_number(key);
}

std::optional<long long> TomlReader::optional_integer(const std::string& key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (!n->is_integer()) fail(key, "must be an integer, not " + type_name(*n));
    return n->as_integer()->get();
}

std::optional<bool> TomlReader::optional_bool(const std::string& key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (!n->is_boolean()) fail(key, "must be true or false, not " + type_name(*n));
    return n->as_boolean()->get();
}

std::vector<double> TomlReader::number_array(const std::string& key) {
    std::vector<double> out;
    const toml::node* n = node(key);
    if (!n) return out;
    if (!n->is_array()) fail(key, "must be an array of numbers, not " + type_name(*n));
    std::size_t i = 0;
    for (const toml::node& e : *n->as_array()) {
        if (e.is_integer()) out.push_back(static_cast<double>(e.as_integer()->get()));
        else if (e.is_floating_point()) out.push_back(e.as_floating_point()->get());
        else fail(key + "[" + std::to_string(i) + "]", "must be a number, not " + type_name(e));
        ++i;
    }
    return out;
}

void TomlReader::missing_values(const std::string& key, std::vector<double>& numbers, std::vector<std::string>& texts) {
    const toml::node* n = node(key);
    if (!n) return;
    if (!n->is_array()) fail(key, "must be an array of numbers and text tokens, not " + type_name(*n));
    std::size_t i = 0;
    for (const toml::node& e : *n->as_array()) {
        const std::string at = key + "[" + std::to_string(i++) + "]";
        if (e.is_integer()) {
            numbers.push_back(static_cast<double>(e.as_integer()->get()));
        } else if (e.is_floating_point()) {
            numbers.push_back(e.as_floating_point()->get());
        } else if (e.is_string()) {
            const std::string& text = e.as_string()->get();
            // Leading white space and trailing spaces or tabs around the number, as strtod skipped them.
            std::string_view number = text;
            while (!number.empty() && std::isspace(static_cast<unsigned char>(number.front()))) number.remove_prefix(1);
            while (!number.empty() && (number.back() == ' ' || number.back() == '\t')) number.remove_suffix(1);
            const std::optional<double> v = parse_number(number);
            if (v && std::isfinite(*v))
                fail(at, "must be a number, not a string holding one (\"" + text + "\"): write it without quotes; text tokens such as \"NA\" are for text fields");
            texts.push_back(text);
        } else {
            fail(at, "must be a number or a text token, not " + type_name(e));
        }
    }
}

std::vector<std::string> TomlReader::string_array(const std::string& key) {
    std::vector<std::string> out;
    const toml::node* n = node(key);
    if (!n) return out;
    if (!n->is_array()) fail(key, "must be an array of strings, not " + type_name(*n));
    std::size_t i = 0;
    for (const toml::node& e : *n->as_array()) {
        if (!e.is_string()) fail(key + "[" + std::to_string(i) + "]", "must be a string, not " + type_name(e));
        out.push_back(e.as_string()->get());
        ++i;
    }
    return out;
}

const toml::table* TomlReader::optional_table(const std::string& key) {
    const toml::node* n = node(key);
    if (!n) return nullptr;
    if (!n->is_table()) fail(key, "must be a table, not " + type_name(*n));
    return n->as_table();
}

std::vector<const toml::table*> TomlReader::table_array(const std::string& key) {
    std::vector<const toml::table*> out;
    const toml::node* n = node(key);
    if (!n) return out;
    if (!n->is_array_of_tables()) fail(key, "must be an array of tables ([[" + key + "]]), not " + type_name(*n));
    for (const toml::node& e : *n->as_array()) out.push_back(e.as_table());
    return out;
}

void TomlReader::reject_unknown(const std::vector<std::string>& known) const {
    for (const auto& [k, v] : table_) {
        const std::string key(k.str());
        if (seen_.count(key)) continue;
        std::string list;
        for (const std::string& s : known) list += (list.empty() ? "" : ", ") + s;
        fail(key, "unknown key (known keys here: " + list + ")");
    }
}

std::string read_jurisdiction(TomlReader& r, const std::string& key, const std::string& fallback) {
    if (!r.has(key)) return fallback;
    const std::string code = r.required_string(key);
    const bool ok = !code.empty() && std::isalpha(static_cast<unsigned char>(code.front())) &&
                    std::all_of(code.begin(), code.end(), [](unsigned char c) { return std::isalnum(c) || c == '-'; });
    if (!ok) r.fail(key, "'" + code + "' is not a jurisdiction code: letters, digits and dashes, e.g. \"NL\", \"EU\", \"US-CA\"");
    return code;
}

toml::table parse_toml_file(const std::string& file, std::string* text_out) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw ConfigError("", "cannot read config file " + file);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    if (text_out) *text_out = text;
    try {
        return toml::parse(text, file);
    } catch (const toml::parse_error& e) {
        std::ostringstream msg;
        msg.imbue(std::locale::classic());  // line 1234, not 1.234, whatever the global locale
        msg << file << ":" << e.source().begin.line << ":" << e.source().begin.column << ": " << e.description();
        throw ConfigError("", msg.str());
    }
}

}  // namespace burdenmap::config_detail
