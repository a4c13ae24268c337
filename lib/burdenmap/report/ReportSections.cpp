#include "burdenmap/report/ReportSections.h"

#include <algorithm>
#include <cmath>

#include "burdenmap/core/PlainNumber.h"
#include "burdenmap/report/NumberFormat.h"
#include "burdenmap/report/ReportStudy.h"
#include "burdenmap/score/ScoringMethod.h"

namespace burdenmap::report::detail {

namespace {

std::string bytes_text(double bytes) {
    if (bytes < 1000) return format_count(bytes) + " B";
    if (bytes < 1e6) return format_number(bytes / 1e3) + " kB";
    if (bytes < 1e9) return format_number(bytes / 1e6) + " MB";
    return format_number(bytes / 1e9) + " GB";
}

// A boundary as method tables print it ("1e-6"), to spot it in a label.
std::string xml_like_number(double v) {
    std::string s = plain_number(v);
    if (const auto e = s.find("e-0"); e != std::string::npos) s.erase(e + 2, 1);
    return s;
}

// "score ≥ 6: onvoldoende (from 65 dB Lden)".
std::string level_text(const json& layer, int k) {
    std::string out = "score ≥ " + std::to_string(k);
    if (const json* bin = bin_with_score(layer, k)) {
        const std::string label = str(*bin, "label");
        out += ": " + label;
        // The boundary, unless the label already says it ("at or above EU 2030 limit (20 µg/m³)").
        if (bin->contains("lower") && (*bin)["lower"].is_number()) {
            const double lower = (*bin)["lower"].get<double>();
            const bool said = label.find(format_number(lower)) != std::string::npos ||
                              label.find(xml_like_number(lower)) != std::string::npos;
            if (!said) out += " (from " + format_number(lower) + " " + str(layer, "unit") + ")";
        }
    }
    return out;
}

std::string layer_paragraph(const json& layer, const Table& zones, double residents_total, const Titles& titles) {
    const std::string name = str(layer, "name");
    const std::string unit = str(layer, "unit");
    // "Layer" first: a name is shown as written, never capitalised to start the sentence.
    std::string p = "Layer " + display_name(name, titles);
    p += unit.empty() ? "" : " (unit: " + unit + ")";
    p += layer.contains("method") ? " is scored by " + str(layer["method"], "title") + ". "
                                  : " has no scoring method: raw statistics only (mean, minimum, maximum, spread per neighbourhood). ";
    const std::string mean_col = name + "_mean";
    double lo = INFINITY, hi = -INFINITY;
    for (std::size_t r = 0; r < zones.rows.size(); ++r)
        if (auto v = zones.number(r, mean_col)) {
            lo = std::min(lo, *v);
            hi = std::max(hi, *v);
        }
    if (std::isfinite(lo)) {
        p += "The neighbourhoods' averages range from " + format_number(lo) + " to " + format_number(hi) +
             (unit.empty() ? "" : " " + unit);
        if (auto m = column_median(zones, mean_col)) p += " (typical neighbourhood: " + format_number(*m) + ")";
        p += ".";
    } else {
        p += "No neighbourhood has data for this layer.";
    }
    if (const auto k = burden_level(zones, name)) {
        std::size_t reached = 0, with_data = 0;
        const std::string share_col = name + "_score_share_ge" + std::to_string(*k);
        for (std::size_t r = 0; r < zones.rows.size(); ++r)
            if (auto s = zones.number(r, share_col)) {
                ++with_data;
                if (*s > 0) ++reached;
            }
        p += " It reaches its burden level somewhere in " + std::to_string(reached) + " of " +
             std::to_string(with_data) + " neighbourhoods";
        if (auto pop = column_sum(zones, name + "_pop_ge" + std::to_string(*k)); pop && residents_total > 0)
            p += ", where " + format_count(*pop) + " residents (" + format_percent(*pop / residents_total) +
                 " of all) live at or above it";
        p += ".";
    }
    return p;
}

}  // namespace

// What can make a layer a burden in this study: GES wording only with a GES method, legal values
// "here" only in the study's jurisdiction. `standings`: the burden levels' (legal_standing).
std::string burden_levels_intro(const json& manifest, const std::vector<std::string>& standings,
                                const std::string& study_jurisdiction) {
    std::vector<std::string> kinds;
    if (uses_ges(manifest)) kinds.push_back("the GES class at which the health risk is no longer acceptable");
    const auto any = [&](const std::string& start) {
        return std::any_of(standings.begin(), standings.end(), [&](const std::string& s) { return s.rfind(start, 0) == 0; });
    };
    const bool legal = any("legal limit value here") || any("for reference (");
    if (legal) kinds.push_back("a legal limit value");
    if (any("WHO guideline")) kinds.push_back("a WHO guideline value");
    std::string out = "Each layer is scored with a published method or a rule of this study. A layer counts as a burden where "
                      "its score reaches the level below";
    out += kinds.empty() ? "." : ": for example " + word_list(kinds, "or") + ".";
    if (!legal) return out;
    if (study_jurisdiction.empty())
        return out + " The study names no jurisdiction ([study] jurisdiction), so legal values are shown for reference, "
                     "with the jurisdiction their method table gives.";
    return out + " The study's jurisdiction is " + study_jurisdiction +
           ": its legal values (and the EU's in an EU member state) apply here; others are shown for reference.";
}

void add_layer_sections(ReportModel& m, const json& manifest, const Table& zones) {
    if (!manifest.contains("layers")) return;
    const Titles titles = titles_of(manifest);
    const std::string jurisdiction = manifest.contains("study") ? str(manifest["study"], "jurisdiction") : "";
    const double residents = column_sum(zones, "residents").value_or(column_sum(zones, "population").value_or(0));
    m.burden_levels.headers = {"Layer", "Unit", "Burden level", "Standing", "Neighbourhoods reaching it", "Residents at or above it"};
    m.burden_levels.numeric = {false, false, false, false, true, true};
    std::vector<std::string> standings;
    for (const json& layer : manifest["layers"]) {
        const std::string name = str(layer, "name");
        const auto k = burden_level(zones, name);
        std::string reached = "–", people = "–", label;
        if (k) {
            std::size_t n = 0;
            for (std::size_t r = 0; r < zones.rows.size(); ++r)
                if (zones.number(r, name + "_score_share_ge" + std::to_string(*k)).value_or(0) > 0) ++n;
            reached = std::to_string(n);
            if (auto pop = column_sum(zones, name + "_pop_ge" + std::to_string(*k))) people = format_count(*pop);
            if (const json* bin = bin_with_score(layer, *k)) label = str(*bin, "label");
        }
        const std::string level = k ? level_text(layer, *k) : layer.contains("method") ? "–" : "none (raw statistics only)";
        standings.push_back(layer.contains("method") ? legal_standing(layer, label, jurisdiction) : "");
        m.burden_levels.rows.push_back({display_name(name, titles), str(layer, "unit"), level, standings.back(), reached, people});
        m.layer_summaries.push_back(layer_paragraph(layer, zones, residents, titles));
    }
    m.burden_levels_intro = burden_levels_intro(manifest, standings, jurisdiction);
}

void add_method_sections(ReportModel& m, const json& manifest) {
    const Titles titles = titles_of(manifest);
    m.methods.headers = {"Layer", "Method", "Jurisdiction", "Source", "Edition", "Confidence", "Link"};
    for (const json& layer : manifest.value("layers", json::array())) {
        if (!layer.contains("method")) {  // a layer without a method: nothing scored, no placeholder rows
            m.methods.rows.push_back({display_name(str(layer, "name"), titles), "none: raw statistics only", "", "", "", "", ""});
            continue;
        }
        const json& method = layer["method"];
        const json& prov = method.contains("provenance") ? method["provenance"] : json::object();
        // An inline method of the config says so wherever it is named (run.json "of_this_study").
        const std::string id = labelled_id(str(method, "id"), method.contains("of_this_study") && method["of_this_study"] == true);
        m.methods.rows.push_back({display_name(str(layer, "name"), titles), id + ": " + str(method, "title"),
                                  str(method, "jurisdiction"), str(prov, "source"), str(prov, "edition"), str(prov, "confidence"), str(prov, "url")});
        std::string used;
        double cells = 0;
        for (const json& bin : method.value("bins", json::array())) {
            const double n = bin.value("cells", 0.0);
            if (str(bin, "confidence") != "placeholder" || n <= 0) continue;
            used += std::string(used.empty() ? "" : ", ") + "'" + str(bin, "label") + "' (" + format_count(n) + " cells)";
            cells += n;
        }
        if (!used.empty())
            m.placeholder_notes.push_back(display_name(str(layer, "name"), titles) + " (" + id + "): " +
                                          format_count(cells) + " cells were scored with placeholder rows: " + used + ".");
    }
    m.cumulations.headers = {"Name", "What it is", "Layers", "Levels"};
    for (const json& c : manifest.value("cumulations", json::array())) {
        std::string layers, levels;
        const json names = c.value("layers", json::array());
        for (std::size_t i = 0; i < names.size(); ++i) {
            const std::string n = names[i].is_string() ? names[i].get<std::string>() : "";
            layers += (i ? ", " : "") + display_name(n, titles);
            if (c.contains("at_least") && c["at_least"].is_array() && i < c["at_least"].size())
                levels += (i ? ", " : "") + display_name(n, titles) + " ≥ " + format_number(c["at_least"][i].get<double>());
        }
        for (const json& o : c.value("outcomes", json::array()))
            if (str(o, "curve_confidence") == "placeholder")
                m.placeholder_notes.push_back("Cumulation " + str(c, "name") + ", outcome " + str(o, "name") +
                                              ": the exposure–response curve " + str(o, "curve") + " is a placeholder.");
        m.cumulations.rows.push_back({display_name(str(c, "name"), titles),
                                      rule_words(str(c, "rule"), uses_ges(manifest), str(c, "values") == "raw"), layers, levels});
    }
    for (const json& w : manifest.value("warnings", json::array()))
        m.warnings.push_back(w.is_object() ? str(w, "message") : w.dump());
}

void add_provenance(ReportModel& m, const json& manifest, const std::string& output_dir) {
    auto& f = m.run_facts;
    f.emplace_back("Tool", str(manifest, "tool"));
    if (manifest.contains("versions")) {
        const json& v = manifest["versions"];
        f.emplace_back("Libraries", str(v, "gdal") + ", " + str(v, "proj") + ", " + str(v, "geos"));
    }
    if (manifest.contains("config")) {
        f.emplace_back("Configuration", str(manifest["config"], "path"));
        f.emplace_back("Configuration SHA-256", str(manifest["config"], "sha256"));
    }
    if (manifest.contains("grid")) {
        const json& g = manifest["grid"];
        f.emplace_back("Grid", std::to_string(g.value("cols", 0)) + " × " + std::to_string(g.value("rows", 0)) +
                                   " cells of " + format_number(g.value("cell_size", 0.0)) + " " +
                                   (str(g, "cell_size_unit").empty() ? "map units" : str(g, "cell_size_unit")) + ", " +
                                   (manifest.contains("study") ? str(manifest["study"], "crs") : ""));
    }
    if (manifest.contains("threads")) f.emplace_back("Threads", std::to_string(manifest.value("threads", 0)));
    f.emplace_back("Output folder", output_dir);

    m.inputs.headers = {"Input", "File", "Size", "SHA-256"};
    m.inputs.numeric = {false, false, true, false};
    const auto add_input = [&](const std::string& role, const json& input) {
        m.inputs.rows.push_back({role, str(input, "path"),
                                 input.contains("bytes") ? bytes_text(input["bytes"].get<double>()) : "",
                                 str(input, "sha256")});
    };
    if (manifest.contains("zones") && manifest["zones"].contains("input"))
        add_input("zones (" + std::to_string(manifest["zones"].value("count", 0)) + ")", manifest["zones"]["input"]);
    for (const json& layer : manifest.value("layers", json::array()))
        if (layer.contains("input")) add_input("layer " + str(layer, "name"), layer["input"]);

    m.timings.headers = {"Stage", "Seconds"};
    m.timings.numeric = {false, true};
    const json timings = manifest.value("timings_seconds", json::object());  // items() must not outlive it
    for (const auto& [stage, seconds] : timings.items())
        if (seconds.is_number()) m.timings.rows.push_back({stage, format_number(seconds.get<double>())});
}

}  // namespace burdenmap::report::detail
