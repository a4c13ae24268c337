#include "burdenmap/config/MethodTableParser.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "burdenmap/config/TomlReader.h"
#include "burdenmap/score/ClassTable.h"
#include "burdenmap/score/ExposureResponse.h"

namespace burdenmap {
namespace {

using config_detail::TomlReader;
namespace fs = std::filesystem;

// `inherited`: the method's provenance, for a class row (rows may leave source and edition to
// the method). `confidence_required`: false for a class table's method level, whose confidence
// is derived from its rows.
Provenance read_provenance(TomlReader& r, const Provenance* inherited, bool confidence_required = true) {
    Provenance p;
    p.source = r.optional_string("source", inherited ? inherited->source : "");
    p.edition = r.optional_string("edition", inherited ? inherited->edition : "");
    p.url = r.optional_string("url", inherited ? inherited->url : "");
    const std::string conf = r.optional_string("confidence");
    if (conf.empty()) {
        if (!inherited && confidence_required) r.fail("confidence", "is required (verified, secondary or placeholder)");
        if (inherited) p.confidence = inherited->confidence;
    } else {
        try {
            p.confidence = confidence_from_string(conf);
        } catch (const std::invalid_argument& e) {
            r.fail("confidence", e.what());
        }
    }
    if (p.source.empty()) r.fail("source", "is required: every method number carries its source");
    return p;
}

ClassRow read_row(TomlReader r, const Provenance& method_provenance) {
    ClassRow row;
    if (auto lower = r.optional_number("lower")) row.lower = *lower;
    if (auto upper = r.optional_number("upper")) row.upper = *upper;
    const auto score = r.optional_integer("score");
    if (!score) r.fail("score", "is required (an integer)");
    // A run makes a population class and a column per score 0..max: keep it a class number.
    if (*score < 0 || *score > 100) r.fail("score", "must be between 0 and 100");
    row.score = static_cast<int>(*score);
    row.label = r.optional_string("label");
    row.note = r.optional_string("note");
    // Rows must state their own confidence: a method can mix verified and placeholder rows.
    if (!r.has("confidence")) r.fail("confidence", "is required on every class row");
    row.provenance = read_provenance(r, &method_provenance);
    r.reject_unknown({"lower", "upper", "score", "label", "note", "source", "edition", "url", "confidence"});
    return row;
}

CurveParameters read_curve(TomlReader& r) {
    CurveParameters p;
    const std::string form = r.required_string("form");
    if (form == "quadratic") {
        p.form = CurveParameters::Form::quadratic;
        const std::vector<double> c = r.number_array("coefficients");
        if (c.size() != 3) r.fail("coefficients", "a quadratic needs [c0, c1, c2] (y = c0 + c1*x + c2*x^2)");
        p.c0 = c[0];
        p.c1 = c[1];
        p.c2 = c[2];
    } else if (form == "log_linear_rr") {
        p.form = CurveParameters::Form::log_linear_rr;
        p.rr = r.required_number("rr");
        p.increment = r.required_number("increment");
        p.counterfactual = r.required_number("counterfactual");
    } else {
        r.fail("form", "'" + form + "' is not a known curve form (known: quadratic, log_linear_rr)");
    }
    // The 95 % confidence interval of rr, where the source gives one; read for every form so that
    // ExposureResponse refuses it on a quadratic rather than reject_unknown calling it a typo.
    p.rr_low = r.optional_number("rr_low");
    p.rr_high = r.optional_number("rr_high");
    p.valid_min = r.optional_number("valid_min");
    p.valid_max = r.optional_number("valid_max");
    const std::string below = r.optional_string("below_range", "zero");
    if (below == "zero") p.below = CurveParameters::Below::zero;
    else if (below == "clamp") p.below = CurveParameters::Below::clamp;
    else r.fail("below_range", "must be \"zero\" or \"clamp\"");
    const std::string above = r.optional_string("above_range", "clamp");
    if (above == "clamp") p.above = CurveParameters::Above::clamp;
    else if (above == "extrapolate") p.above = CurveParameters::Above::extrapolate;
    else r.fail("above_range", "must be \"clamp\" or \"extrapolate\"");
    p.outcome = r.required_string("outcome");
    const std::string range_confidence = r.optional_string("range_confidence");
    if (!range_confidence.empty()) {
        try {
            p.range_confidence = confidence_from_string(range_confidence);
        } catch (const std::invalid_argument& e) {
            r.fail("range_confidence", e.what());
        }
    }
    return p;
}

std::shared_ptr<const ScoringMethod> read_method(TomlReader r, const std::string& file, const std::string& default_id = "") {
    MethodInfo info;
    info.id = default_id.empty() ? r.required_string("id") : r.optional_string("id", default_id);
    info.family = r.required_string("family");
    // A published table says where its values apply; a method of this study applies to it alone.
    const bool inline_method = !default_id.empty();
    if (!inline_method && !r.has("jurisdiction"))
        r.fail("jurisdiction", "is required: method '" + info.id + "' must say where its values apply (\"NL\", \"EU\", "
                               "\"WHO\", \"US-CA\", ...), from its source, on the line after `family`");
    info.jurisdiction = config_detail::read_jurisdiction(r, "jurisdiction", "study");
    info.title = r.optional_string("title", info.id);
    info.quantity = r.optional_string("quantity");
    info.unit = r.optional_string("unit");
    info.description = r.optional_string("description");
    info.defined_in = file;
    info.of_this_study = !default_id.empty();  // only a method written inline in a config has a default id
    const auto flag_at = r.optional_integer("flag_at");
    if (flag_at && (*flag_at < 0 || *flag_at > 100)) r.fail("flag_at", "must be between 0 and 100");
    info.flag_at = flag_at ? static_cast<int>(*flag_at) : 1;
    if (const auto year = r.optional_integer("applies_from")) {
        if (*year < 1900 || *year > 2200) r.fail("applies_from", "must be a year (the legal value applies from 1 January of it)");
        if (info.family == "exposure_response") r.fail("applies_from", "applies to legal values (threshold, class_table) only");
        info.applies_from = static_cast<int>(*year);
    }
    try {
        if (info.family == "threshold") {
            const double standard = r.required_number("standard");
            info.provenance = read_provenance(r, nullptr);
            r.reject_unknown({"id", "family", "jurisdiction", "title", "quantity", "unit", "description", "flag_at", "source", "edition",
                              "url", "confidence", "standard", "applies_from"});
            return std::make_shared<ClassTable>(ClassTable::threshold(info, standard, info.provenance));
        }
        if (info.family == "class_table") {
            // Method-level provenance is the default source for rows; its confidence is the
            // weakest row's (below).
            info.provenance = read_provenance(r, nullptr, false);
            info.provenance.confidence = Confidence::verified;
            const auto rows = r.table_array("class");
            if (rows.empty()) r.fail("class", "a class_table needs [[method.class]] rows");
            std::vector<ClassRow> classes;
            for (std::size_t i = 0; i < rows.size(); ++i)
                classes.push_back(read_row(r.sub(*rows[i], "class[" + std::to_string(i) + "]"), info.provenance));
            // The method's overall confidence is its weakest row's.
            for (const ClassRow& row : classes)
                info.provenance.confidence = std::max(info.provenance.confidence, row.provenance.confidence);
            r.reject_unknown({"id", "family", "jurisdiction", "title", "quantity", "unit", "description", "flag_at", "source", "edition",
                              "url", "confidence", "class", "applies_from"});
            return std::make_shared<ClassTable>(info, std::move(classes));
        }
        if (info.family == "exposure_response") {
            info.provenance = read_provenance(r, nullptr);
            CurveParameters curve = read_curve(r);
            if (!r.has("range_confidence")) curve.range_confidence = info.provenance.confidence;
            r.reject_unknown({"id", "family", "jurisdiction", "title", "quantity", "unit", "description", "flag_at", "source", "edition",
                              "url", "confidence", "form", "coefficients", "rr", "rr_low", "rr_high", "increment", "counterfactual",
                              "valid_min", "valid_max", "below_range", "above_range", "outcome", "range_confidence"});
            return std::make_shared<ExposureResponse>(info, std::move(curve));
        }
    } catch (const std::invalid_argument& e) {
        r.fail("", e.what());
    }
    r.fail("family", "'" + info.family + "' is not a known method family (known: class_table, threshold, exposure_response)");
}

IndexParameters read_index(TomlReader r, const std::string& file) {
    IndexParameters p;
    p.id = r.required_string("id");
    p.title = r.optional_string("title", p.id);
    p.description = r.optional_string("description");
    p.percentile = r.required_string("percentile");
    if (p.percentile != "ces" && p.percentile != "cejst" && p.percentile != "ejscreen" && p.percentile != "given" &&
        p.percentile != "none")
        r.fail("percentile", "must be ces, cejst, ejscreen, given or none");
    p.aggregation = r.optional_string("aggregation");
    if (const toml::table* t = r.optional_table("parameters")) {
        TomlReader pr = r.sub(*t, "parameters");
        for (const auto& [k, v] : *t) p.values[std::string(k.str())] = pr.required_number(std::string(k.str()));
    }
    p.provenance = read_provenance(r, nullptr);
    p.defined_in = file;
    r.reject_unknown({"id", "title", "description", "percentile", "aggregation", "parameters", "source", "edition", "url",
                      "confidence"});
    return p;
}

}  // namespace

namespace config_detail {

std::shared_ptr<const ScoringMethod> parse_inline_method(const toml::table& table, const std::string& key_path,
                                                         const std::string& file, const std::string& default_id) {
    return read_method(TomlReader(table, key_path, file), file, default_id);
}

}  // namespace config_detail

void load_method_file(const fs::path& file, MethodRegistry& registry) {
    const std::string where = file.string();
    const toml::table root = config_detail::parse_toml_file(where);
    TomlReader r(root, "", where);
    const auto schema = r.optional_integer("schema");
    if (!schema || *schema != 1) r.fail("schema", "must be 1 (the method-table schema this burdenmap reads)");
    const auto methods = r.table_array("method");
    for (std::size_t i = 0; i < methods.size(); ++i) {
        TomlReader mr = r.sub(*methods[i], "method[" + std::to_string(i) + "]");
        try {
            registry.add(read_method(mr, where));
        } catch (const std::invalid_argument& e) {  // duplicate id
            mr.fail("id", e.what());
        }
    }
    const auto indexes = r.table_array("index");
    for (std::size_t i = 0; i < indexes.size(); ++i) {
        TomlReader ir = r.sub(*indexes[i], "index[" + std::to_string(i) + "]");
        try {
            registry.add_index(read_index(ir, where));
        } catch (const std::invalid_argument& e) {
            ir.fail("id", e.what());
        }
    }
    r.reject_unknown({"schema", "method", "index"});
}

MethodRegistry load_method_tables(const std::vector<fs::path>& dirs) {
    MethodRegistry registry;
    for (const fs::path& dir : dirs) {
        std::error_code ec;
        if (!fs::is_directory(dir, ec)) throw ConfigError("methods", "method-table folder not found: " + dir.string());
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(dir))
            if (entry.path().extension() == ".toml") files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        for (const fs::path& f : files) load_method_file(f, registry);
    }
    return registry;
}

fs::path default_methods_dir() {
    if (const char* env = std::getenv("BURDENMAP_METHODS_DIR"); env && *env) return fs::path(env);
#ifdef BURDENMAP_SOURCE_METHODS_DIR
    if (fs::is_directory(BURDENMAP_SOURCE_METHODS_DIR)) return fs::path(BURDENMAP_SOURCE_METHODS_DIR);
#endif
#ifdef BURDENMAP_INSTALLED_METHODS_DIR
    return fs::path(BURDENMAP_INSTALLED_METHODS_DIR);
#else
    return fs::path("data/methods");
#endif
}

}  // namespace burdenmap
