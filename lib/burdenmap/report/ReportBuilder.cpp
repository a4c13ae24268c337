#include "burdenmap/report/ReportBuilder.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "burdenmap/core/ZoneRanking.h"
#include "burdenmap/report/NumberFormat.h"
#include "burdenmap/report/ReportFairness.h"
#include "burdenmap/report/ReportIncome.h"
#include "burdenmap/report/ReportSections.h"
#include "burdenmap/report/ReportStudy.h"
#include "burdenmap/report/ReportText.h"
#include "burdenmap/report/ReportUncertainty.h"

namespace burdenmap::report {

using namespace detail;

namespace {

struct Headline {
    ColumnInfo column;
    std::string cumulation;  // the cumulation's name ("stapeling"), "" for a layer score
    json rule;               // the manifest's cumulation entry, when there is one
    std::string label;       // for tables: "stapeling (number of layers)"
};

std::optional<Headline> find_headline(const std::vector<ColumnInfo>& columns, const json& manifest, const Titles& titles) {
    const auto i = headline_column(columns);
    if (!i) return std::nullopt;
    Headline h;
    h.column = columns[*i];
    const std::string prefix = h.column.name.substr(0, h.column.name.size() - std::string("_mean").size());
    for (const json& c : manifest.value("cumulations", json::array()))
        if (str(c, "name") == prefix) {
            h.cumulation = prefix;
            h.rule = c;
        }
    h.label = display_name(prefix, titles) + (h.column.unit.empty() ? "" : " (" + h.column.unit + ")");
    return h;
}

bool is_count(const Headline& h) { return str(h.rule, "rule") == "count_at_least"; }

std::vector<std::string> income_columns(const Table& zones, const Table& codebook) {
    std::vector<std::string> out;
    for (const std::string& c : zones.columns)
        if (codebook_text(codebook, "zones", c, "meaning").rfind("income indicator", 0) == 0) out.push_back(c);
    return out;
}

std::string zone_label(const Table& zones, std::size_t row) {
    const std::string name = zones.text(row, "zone_name");
    return name.empty() ? zones.text(row, "zone_id") : name;
}

// Why a zone is high, in words: the zones' own `reasons` column when the run wrote one, else the
// layers that reach their burden level in it, with the share of its area where they do.
std::string why(const Table& zones, std::size_t row, const json& manifest, const Titles& titles) {
    if (const std::string r = zones.text(row, "reasons"); !r.empty()) return r;
    std::vector<std::pair<double, std::string>> parts;
    for (const json& layer : manifest.value("layers", json::array())) {
        const std::string name = str(layer, "name");
        const auto k = burden_level(zones, name);
        if (!k) continue;
        const double share = zones.number(row, name + "_score_share_ge" + std::to_string(*k)).value_or(0);
        if (share > 0) parts.emplace_back(share, display_name(name, titles) + " on " + format_percent(share));
    }
    std::stable_sort(parts.begin(), parts.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    if (parts.empty()) return "no layer reaches its burden level here";
    std::string out = "at burden level: ";
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i].second;
    return out + " of the area";
}

// How a value of the headline reads in a sentence: "63 dB".
std::string amount(double v, const std::optional<Headline>& h) {
    return format_number(v) + (h && !h->column.unit.empty() ? " " + h->column.unit : "");
}

// When zones share the top value, "burdens pile up most in <zone>" would name one of them by the
// tie-break alone (and read as if it stood alone): the headline then says how many share the top
// value ("501 neighbourhoods share the highest value, 2 of 2 layers"), even when the list shows
// them all. nullopt when one zone has the top value.
std::optional<std::string> tie_at_top(const Table& zones, const Headline& h, const std::vector<std::size_t>& numbered,
                                      const Titles& titles) {
    const std::optional<double> top = zones.number(numbered.front(), h.column.name);
    if (!top) return std::nullopt;
    std::size_t tied = 0;
    for (std::size_t r = 0; r < zones.rows.size(); ++r)
        if (zones.number(r, h.column.name) == top) ++tied;
    if (tied <= 1) return std::nullopt;
    std::string out = std::to_string(tied) + " neighbourhoods share the highest value";
    if (is_count(h)) {
        const std::size_t layers = h.rule.value("layers", json::array()).size();
        return out + ", " + format_fixed(*top, 1) + " of " + std::to_string(layers) + (layers == 1 ? " layer" : " layers");
    }
    return out + " of " + display_name(h.cumulation.empty() ? h.column.name : h.cumulation, titles) + ", " + amount(*top, h);
}

void add_question_and_answer(ReportModel& m, const ReportInputs& in, const json& manifest,
                             const std::optional<Headline>& h, const std::vector<std::size_t>& numbered,
                             const std::string& income_sentence, const Titles& titles) {
    // The burdens this study has, and its place only when the config names one (the study's
    // name is a title, not a place).
    const std::vector<std::string> topics = study_topics(manifest, titles);
    const std::string place = manifest.contains("study") ? str(manifest["study"], "place") : "";
    m.question = "Where" + (place.empty() ? std::string() : " in " + place) + " do burdens" +
                 (topics.empty() ? std::string() : " from " + word_list(topics)) +
                 " pile up, and do the residents with the lowest incomes carry more of them?";
    if (!h || numbered.empty()) {
        m.answer = "The run has no statistic to rank the neighbourhoods by. " + income_sentence;
        return;
    }
    const std::size_t top = numbered.front();
    const double v = in.zones.number(top, h->column.name).value_or(NAN);
    const std::optional<double> median = column_median(in.zones, h->column.name);
    std::string first;
    if (is_count(*h)) {
        const std::size_t n = h->rule.value("layers", json::array()).size();
        first = "Burdens pile up most in " + zone_label(in.zones, top) + ": there, on average " + format_fixed(v, 1) +
                " of the " + std::to_string(n) + " burdens reach their burden level";
        if (median)
            first += format_fixed(*median, 1) == "0" ? ", against almost none in the typical neighbourhood"
                                                     : ", against " + format_fixed(*median, 1) + " in the typical neighbourhood";
    } else {
        // The zone first: a name is shown as written, never capitalised to start the sentence.
        first = zone_label(in.zones, top) + " has the highest " +
                display_name(h->cumulation.empty() ? h->column.name : h->cumulation, titles) + " (" + amount(v, h) + ")";
        if (median) first += ", against " + amount(*median, h) + " in the typical neighbourhood";
    }
    if (const auto tie = tie_at_top(in.zones, *h, numbered, titles)) first = *tie;
    m.answer = first + "." + (income_sentence.empty() ? "" : " " + income_sentence);

    const double residents = column_sum(in.zones, "residents").value_or(column_sum(in.zones, "population").value_or(0));
    std::string scope = std::to_string(in.zones.rows.size()) + " neighbourhoods";
    if (residents > 0) scope += " with " + format_count(residents) + " residents";
    m.key_facts.push_back(scope + ".");
    if (is_count(*h) && residents > 0)
        if (auto two = column_sum(in.zones, h->cumulation + "_pop_ge2"))
            m.key_facts.push_back(format_count(*two) + " residents (" + format_percent(*two / residents) +
                                  ") live where at least two burdens reach their burden level.");
    if (manifest.contains("warnings") && !manifest["warnings"].empty())
        m.key_facts.push_back("The run gave " + std::to_string(manifest["warnings"].size()) +
                              " warning(s); see Warnings, and Methods for placeholder values.");
}

// Where a layer has no data a count ranks a zone too low (missing = "skip"): say next to the
// ranking how many of the zones shown, and of the others, lack a layer in part of their area.
std::string incomplete_note(const Table& zones, const Headline& h, const std::vector<std::size_t>& numbered) {
    const std::string column = h.cumulation + "_complete_share";
    if (!is_count(h) || !zones.has(column)) return "";
    std::size_t shown = 0, others = 0;
    for (std::size_t r = 0; r < zones.rows.size(); ++r) {
        // A zone without a count (nowhere any data) cannot rank at all: it is not "too low".
        if (zones.number(r, column).value_or(1.0) >= 1 || !zones.number(r, h.column.name)) continue;
        const bool is_shown = std::find(numbered.begin(), numbered.end(), r) != numbered.end();
        ++(is_shown ? shown : others);
    }
    if (str(h.rule, "missing") == "nodata") {
        if (shown == 0) return "";
        return " " + std::to_string(shown) + " of the neighbourhoods shown lack data for some layers in part of their area (" +
               column + " below 1): their values are over the part where every layer has data.";
    }
    std::string note;
    if (shown > 0)
        note += " " + std::to_string(shown) + " of the neighbourhoods shown lack data for some layers in part of their area (" +
                column + " below 1): their counts may be too low.";
    if (others > 0)
        note += " " + std::to_string(others) + (shown > 0 ? " other" : "") +
                " neighbourhood(s) lack data for some layers and may rank too low to be shown.";
    return note;
}

void add_top_zones(ReportModel& m, const ReportInputs& in, const json& manifest, const std::optional<Headline>& h,
                   const std::vector<std::size_t>& numbered, const Titles& titles) {
    if (!h) return;
    const std::vector<std::string> incomes = income_columns(in.zones, in.codebook);
    const std::string residents_col = in.zones.has("residents") ? "residents" : "population";
    m.top_zones.headers = {"#", "Neighbourhood", h->label};
    m.top_zones.numeric = {true, false, true};
    for (const std::string& c : incomes) {
        m.top_zones.headers.push_back(zones_column_title(in.codebook, c));
        m.top_zones.numeric.push_back(true);
    }
    m.top_zones.headers.push_back("Residents");
    m.top_zones.numeric.push_back(true);
    m.top_zones.headers.push_back("Why");
    for (std::size_t i = 0; i < numbered.size(); ++i) {
        const std::size_t r = numbered[i];
        const std::string value = format_number(in.zones.number(r, h->column.name).value_or(NAN));
        std::vector<std::string> row = {std::to_string(i + 1), zone_label_with_id(in.zones, r),
                                        value};
        for (const std::string& c : incomes) row.push_back(format_number(in.zones.number(r, c).value_or(NAN)));
        row.push_back(format_count(in.zones.number(r, residents_col).value_or(NAN)));
        row.push_back(why(in.zones, r, manifest, titles));
        m.top_zones.rows.push_back(row);
        m.map_list.emplace_back(std::to_string(i + 1), zone_label(in.zones, r) + " — " + value);
    }
    m.map_list_title = "Numbered on the map: " + h->label;
    m.zones_intro = "The " + std::to_string(numbered.size()) + " neighbourhoods with the highest " +
                    h->label + ": " + h->column.meaning + "; " +
                    tie_break_words(tie_break_columns(in.zones.columns, h->column.name)) + "." +
                    incomplete_note(in.zones, *h, numbered);
}

}  // namespace

std::vector<ColumnInfo> zone_column_info(const Table& zones, const Table& codebook) {
    std::vector<ColumnInfo> out;
    for (const std::string& c : zones.columns)
        out.push_back({c, codebook_text(codebook, "zones", c, "method"), codebook_text(codebook, "zones", c, "meaning"),
                       codebook_text(codebook, "zones", c, "unit")});
    return out;
}

std::vector<std::size_t> most_burdened(const Table& zones, const std::vector<ColumnInfo>& columns, std::size_t count) {
    const auto h = headline_column(columns);
    if (!h) return {};
    const std::string& headline = columns[*h].name;
    const TieBreakColumns keys = tie_break_columns(zones.columns, headline);
    const auto key = [&](std::size_t r, const std::string& column) {
        return column.empty() ? std::nullopt : zones.number(r, column);
    };
    std::vector<RankedZone> ranked;
    for (std::size_t r = 0; r < zones.rows.size(); ++r)
        if (const auto v = zones.number(r, headline))
            ranked.push_back({r, *v, key(r, keys.share_at_top), key(r, keys.pop_mean), zones.text(r, "zone_id")});
    return rank_zones(std::move(ranked), count);
}

ReportModel build_report_model(const ReportInputs& in, const std::vector<std::size_t>& numbered) {
    json manifest;
    try {
        manifest = json::parse(in.manifest_json);
    } catch (const json::exception& e) {
        throw std::invalid_argument(std::string("the run manifest is not valid JSON: ") + e.what());
    }
    ReportModel m;
    m.study = manifest.contains("study") ? str(manifest["study"], "name") : "";
    if (m.study.empty()) m.study = "burdenmap study";
    const Titles titles = titles_of(manifest);
    const std::optional<Headline> h = find_headline(zone_column_info(in.zones, in.codebook), manifest, titles);

    std::optional<HeadlineBurden> burden;
    if (h) burden = HeadlineBurden{h->column.name, is_count(*h), h->column.unit};
    const std::string income_sentence = add_income_chart(m, in.zones, in.codebook, in.income_groups, burden, titles);
    add_question_and_answer(m, in, manifest, h, numbered, income_sentence, titles);

    m.map_png_base64 = in.map_png_base64;
    if (m.map_png_base64.empty()) {
        m.map_caption = "No map: " + in.map_problem;
    } else {
        m.map_caption = "Colours: " + in.map_legend + ", per grid cell (grey: no data). Lines: neighbourhood boundaries." +
                        (numbered.empty() ? std::string()
                                          : " Numbers: the " + std::to_string(numbered.size()) +
                                                " most burdened neighbourhoods, listed on the right and in the table below.");
    }
    add_top_zones(m, in, manifest, h, numbered, titles);
    add_uncertainty_section(m, manifest, in.zones, h ? h->column.name : "", titles);
    add_fairness_section(m, manifest, in.zones, titles);
    if (!m.fairness_intro.empty() && !in.bivariate_png_base64.empty()) {
        m.bivariate_png_base64 = in.bivariate_png_base64;
        m.bivariate_caption = "Burden × income: each neighbourhood by its tertile of the headline burden (A least, C most "
                              "burdened) and its income tertile (1 least poor, 3 poorest); C3 carries both. "
                              "Tertiles are of neighbourhoods (bivariate_class in burden.gpkg).";
    }
    add_layer_sections(m, manifest, in.zones);
    add_method_sections(m, manifest);
    add_provenance(m, manifest, in.output_dir);
    m.footer = "Written by " + str(manifest, "tool") +
               " from the outputs in this folder (run.json, burden.gpkg, burden.tif). The numbers are computed; the "
               "sentences are filled in from templates.";
    return m;
}

}  // namespace burdenmap::report
