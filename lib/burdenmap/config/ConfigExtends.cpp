// Scenario configs: `extends = "base.toml"` merges a config over the one it names, before the
// config is parsed, so run, validate, plan, check-sites, the shards and the merge all see one
// config. Rules (README "Scenario configs"):
//   - tables ([zones], [study], inline tables such as income = {...}) merge key by key;
//   - arrays of tables ([[layer]], [[cumulation]], [[fairness.indicator]], [[cumulation.outcome]])
//     merge by `name`: an entry with a base entry's name merges into it key by key, a new name is
//     added at the end, in file order;
//   - any other value (a string, a number, an array such as guidelines or extent, an array of
//     unnamed tables such as a layer's error = [{ ... }, { ... }]) replaces the base's whole;
//   - [output] dir is not inherited: a scenario writing into its base's folder would overwrite
//     the base run's outputs.
// Paths are relative to the file that wrote them. Rather than rewriting path values while
// merging (which needs a list of path keys that a new key could miss), the merge MOVES each
// toml++ node from the file it was parsed from into the merged table: a moved node keeps its
// source (file, line), a copied one would lose it. TomlReader::required_path then resolves a
// path against its own node's file, and errors name the file that wrote the key.
#include <algorithm>
#include <set>

#include "burdenmap/config/TomlReader.h"

namespace burdenmap::config_detail {
namespace {

namespace fs = std::filesystem;

// The name that merges entries of an array of tables; empty when it has none (the parser
// then refuses the entry, naming the file).
std::string entry_name(const toml::table& t) {
    const toml::node* n = t.get("name");
    return n && n->is_string() ? n->as_string()->get() : "";
}

// Whether an array of tables is one whose entries merge by name. An array of unnamed tables (a
// layer's error parts) has nothing to merge by: appending a scenario's parts to the base's would
// read as errors declared twice, so it is replaced whole.
bool has_named_entry(const toml::array& entries) {
    return std::any_of(entries.begin(), entries.end(), [](const toml::node& e) { return e.is_table() && !entry_name(*e.as_table()).empty(); });
}

class Merger {
public:
    Merger(std::string file, std::vector<ConfigChange>& changes) : file_(std::move(file)), changes_(changes) {}

    // Moves `from`'s keys into `into` (see the rules above), recording each as a change at `path`.
    void tables(toml::table& into, toml::table& from, const std::string& path) {
        for (auto&& [k, value] : from) {
            const std::string key(k.str());
            const std::string at = path.empty() ? key : path + "." + key;
            toml::node* old = into.get(key);
            if (old && old->is_table() && value.is_table()) {
                tables(*old->as_table(), *value.as_table(), at);
            } else if (old && old->is_array_of_tables() && value.is_array_of_tables() && has_named_entry(*old->as_array())) {
                entries(*old->as_array(), *value.as_array(), at);
            } else {
                record(at, !old);
                // The key object too: its source orders income columns (ConfigParser parse_zones).
                into.insert_or_assign(k, std::move(value));
            }
        }
    }

private:
    void entries(toml::array& into, toml::array& from, const std::string& path) {
        std::set<std::string> seen;
        for (toml::node& e : from) {
            toml::table& entry = *e.as_table();
            const std::string name = entry_name(entry);
            if (!name.empty() && !seen.insert(name).second)
                throw ConfigError(path + "[" + name + "]", "the name '" + name + "' is used twice (in " + file_ + ")");
            const auto same = std::find_if(into.begin(), into.end(), [&](const toml::node& b) {
                return !name.empty() && b.is_table() && entry_name(*b.as_table()) == name;
            });
            if (same != into.end()) {
                entry.erase("name");  // the same: no change
                tables(*same->as_table(), entry, path + "[" + name + "]");
            } else {
                record(path + "[" + (name.empty() ? std::to_string(into.size()) : name) + "]", true);
                into.push_back(std::move(entry));
            }
        }
    }

    // In a chain, the last file that set a key is the one `validate` names.
    void record(const std::string& key, bool added) {
        const auto old = std::find_if(changes_.begin(), changes_.end(), [&](const ConfigChange& c) { return c.key == key; });
        if (old != changes_.end()) {
            old->file = file_;
            return;
        }
        changes_.push_back({key, file_, added});
    }

    std::string file_;
    std::vector<ConfigChange>& changes_;
};

class Loader {
public:
    ExtendedToml load(const std::string& file) {
        ExtendedToml out;
        out.root = load(file, out.text, out.extends, out.changes);
        out.files.assign(chain_.rbegin(), chain_.rend());
        return out;
    }

private:
    // `file` as its extends names it (relative to the working folder, for messages and sources).
    toml::table load(const std::string& file, std::string& text, std::vector<ConfigBase>& bases, std::vector<ConfigChange>& changes) {
        toml::table root = parse_toml_file(file, &text);
        chain_.push_back(file);
        canonical_.push_back(fs::weakly_canonical(fs::absolute(file)));
        if (!root.contains("extends")) return root;
        TomlReader r(root, "", file);
        const fs::path named(r.required_string("extends"));
        const fs::path base = named.is_absolute() ? named : (fs::path(file).parent_path() / named).lexically_normal();
        const fs::path absolute = fs::absolute(base).lexically_normal();
        std::error_code ec;
        // A missing base and a cycle are problems with the files (exit 1), as a missing input is.
        if (!fs::is_regular_file(absolute, ec))
            throw InputError("extends: the config it extends is not there: tried " + absolute.string() +
                             " (a path relative to the folder of the config that names it) (in " + file + ")");
        const fs::path canonical = fs::weakly_canonical(absolute);
        if (const auto loop = std::find(canonical_.begin(), canonical_.end(), canonical); loop != canonical_.end()) {
            std::string cycle;
            for (auto i = chain_.begin() + (loop - canonical_.begin()); i != chain_.end(); ++i) cycle += *i + " -> ";
            throw InputError("extends: configs that extend each other in a cycle: " + cycle + base.string() + " (in " + file + ")");
        }
        std::string base_text;
        toml::table merged = load(base.string(), base_text, bases, changes);
        bases.insert(bases.begin(), ConfigBase{absolute, std::move(base_text)});
        root.erase("extends");
        // Not inherited: without its own dir, the scenario writes to the default ("out" beside it).
        if (toml::table* output = merged.get_as<toml::table>("output")) output->erase("dir");
        Merger(file, changes).tables(merged, root, "");
        return merged;
    }

    std::vector<std::string> chain_;   // the files being loaded, outermost first
    std::vector<fs::path> canonical_;  // the same, canonical, to find a cycle
};

}  // namespace

ExtendedToml load_extended_toml(const std::string& file) { return Loader().load(file); }

}  // namespace burdenmap::config_detail
