#include "burdenmap/report/ReportSections.h"

#include <cmath>
#include <cctype>

#include "burdenmap/core/PlainNumber.h"
#include "burdenmap/report/NumberFormat.h"
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

std::string layer_paragraph(const json& layer, const Table& zones, double residents_total) {
    const std::string name = str(layer, "name");
    const std::string unit = str(layer, "unit");
    std::string p = display_name(name);
    if (!p.empty()) p[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(p[0])));
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

void add_layer_sections(ReportModel& m, const json& manifest, const Table& zones) {
    if (!manifest.contains("layers")) return;
    const double residents = column_sum(zones, "residents").value_or(column_sum(zones, "population").value_or(0));
    m.burden_levels_intro =
        "Each layer is scored with a published method. A layer counts as a burden where its score reaches the level "
        "below: for example the GES class at which the health risk is no longer acceptable, or a legal limit value.";
    m.burden_levels.headers = {"Layer", "Unit", "Burden level", "Neighbourhoods reaching it", "Residents at or above it"};
    m.burden_levels.numeric = {false, false, false, true, true};
    for (const json& layer : manifest["layers"]) {
        const std::string name = str(layer, "name");
        const auto k = burden_level(zones, name);
        std::string reached = "–", people = "–";
        if (k) {
            std::size_t n = 0;
            for (std::size_t r = 0; r < zones.rows.size(); ++r)
                if (zones.number(r, name + "_score_share_ge" + std::to_string(*k)).value_or(0) > 0) ++n;
            reached = std::to_string(n);
            if (auto pop = column_sum(zones, name + "_pop_ge" + std::to_string(*k))) people = format_count(*pop);
        }
        const std::string level = k ? level_text(layer, *k) : layer.contains("method") ? "–" : "none (raw statistics only)";
        m.burden_levels.rows.push_back({display_name(name), str(layer, "unit"), level, reached, people});
        m.layer_summaries.push_back(layer_paragraph(layer, zones, residents));
    }
}

void add_method_sections(ReportModel& m, const json& manifest) {
    m.methods.headers = {"Layer", "Method", "Source", "Edition", "Confidence", "Link"};
    for (const json& layer : manifest.value("layers", json::array())) {
        if (!layer.contains("method")) {  // a layer without a method: nothing scored, no placeholder rows
            m.methods.rows.push_back({display_name(str(layer, "name")), "none: raw statistics only", "", "", "", ""});
            continue;
        }
        const json& method = layer["method"];
        const json& prov = method.contains("provenance") ? method["provenance"] : json::object();
        // An inline method of the config says so wherever it is named (run.json "of_this_study").
        const std::string id = labelled_id(str(method, "id"), method.contains("of_this_study") && method["of_this_study"] == true);
        m.methods.rows.push_back({display_name(str(layer, "name")), id + ": " + str(method, "title"),
                                  str(prov, "source"), str(prov, "edition"), str(prov, "confidence"), str(prov, "url")});
        std::string used;
        double cells = 0;
        for (const json& bin : method.value("bins", json::array())) {
            const double n = bin.value("cells", 0.0);
            if (str(bin, "confidence") != "placeholder" || n <= 0) continue;
            used += std::string(used.empty() ? "" : ", ") + "'" + str(bin, "label") + "' (" + format_count(n) + " cells)";
            cells += n;
        }
        if (!used.empty())
            m.placeholder_notes.push_back(display_name(str(layer, "name")) + " (" + id + "): " +
                                          format_count(cells) + " cells were scored with placeholder rows: " + used + ".");
    }
    m.cumulations.headers = {"Name", "What it is", "Layers", "Levels"};
    for (const json& c : manifest.value("cumulations", json::array())) {
        std::string layers, levels;
        const json names = c.value("layers", json::array());
        for (std::size_t i = 0; i < names.size(); ++i) {
            const std::string n = names[i].is_string() ? names[i].get<std::string>() : "";
            layers += (i ? ", " : "") + display_name(n);
            if (c.contains("at_least") && c["at_least"].is_array() && i < c["at_least"].size())
                levels += (i ? ", " : "") + display_name(n) + " ≥ " + format_number(c["at_least"][i].get<double>());
        }
        for (const json& o : c.value("outcomes", json::array()))
            if (str(o, "curve_confidence") == "placeholder")
                m.placeholder_notes.push_back("Cumulation " + str(c, "name") + ", outcome " + str(o, "name") +
                                              ": the exposure–response curve " + str(o, "curve") + " is a placeholder.");
        m.cumulations.rows.push_back({str(c, "name"), rule_words(str(c, "rule"), str(c, "values") == "raw"), layers, levels});
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
                                   " cells of " + format_number(g.value("cell_size", 0.0)) + " map units, " +
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
