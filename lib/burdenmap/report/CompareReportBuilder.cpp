#include "burdenmap/report/CompareReportBuilder.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "burdenmap/report/NumberFormat.h"
#include "burdenmap/report/ReportText.h"
#include "burdenmap/report/SvgChart.h"
#include "burdenmap/report/Table.h"

namespace burdenmap::report {

using detail::display_name;

namespace {

// Okabe–Ito colours (colour-blind safe) for the alternatives; the base in neutral grey.
constexpr const char* base_colour = "#8c8c8c";
const std::vector<std::string> plan_colours = {"#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00"};

std::string plan_colour(std::size_t i) { return plan_colours[i % plan_colours.size()]; }

std::string with_unit(const std::string& number, const std::string& unit) {
    return unit.empty() ? number : number + " " + unit;
}

const ComparedMeasure* measure_named(const CompareResult& r, const std::string& name) {
    for (const ComparedMeasure& m : r.measures)
        if (m.name == name) return &m;
    return nullptr;
}

const AlternativeSummary* summary_of(const CompareResult& r, std::size_t plan) {
    for (const AlternativeSummary& s : r.summaries)
        if (s.label == r.plans[plan].label) return &s;
    return nullptr;
}

// Some columns of the comparison's zones as the report's tables read them (Cell is FieldValue):
// only those, as a national comparison's zones hold hundreds of columns per alternative. Columns
// the zones do not have are left out.
Table zone_table(const ZoneComparison& zones, const std::vector<std::string>& wanted) {
    Table t;
    std::vector<std::size_t> at;
    for (const std::string& name : wanted)
        for (std::size_t i = 0; i < zones.fields.size(); ++i)
            if (zones.fields[i].name == name) {
                t.columns.push_back(name);
                at.push_back(i);
                break;
            }
    for (const Feature& f : zones.features) {
        std::vector<Cell> row;
        for (const std::size_t i : at) row.push_back(i < f.values.size() ? f.values[i] : Cell{});
        t.rows.push_back(std::move(row));
    }
    return t;
}

// "12,300 residents live", "1 resident lives", "no residents live".
std::string residents_live(double n) {
    const double r = std::round(n);
    if (!(r > 0)) return "no residents live";
    return r == 1 ? "1 resident lives" : format_count(r) + " residents live";
}

// Which way a mean change goes, lower being better: beyond the tolerance, or not.
enum class Direction { gains, none, loses };

Direction direction_of(double change, double tolerance) {
    if (change < -tolerance) return Direction::gains;
    if (change > tolerance) return Direction::loses;
    return Direction::none;
}

std::string first_sentence(const AlternativeSummary& s, const std::string& plan, const std::string& what,
                           const ComparedMeasure* headline) {
    const double better = std::round(s.residents_better), worse = std::round(s.residents_worse),
                 same = std::round(s.residents_same);
    const std::string unit = headline ? headline->unit : "";
    const double tolerance = headline ? headline->tolerance : 0;
    const std::string margin = !headline ? "beyond the comparison's tolerance"
                               : tolerance > 0 ? "by more than " + with_unit(format_number(tolerance), unit)
                                               : "by any amount";
    if (!(better > 0) && !(worse > 0)) {
        if (!(same > 0)) return "With " + plan + ", the comparison counted no residents in the neighbourhoods compared.";
        return "With " + plan + ", no resident lives in a neighbourhood where " + what + " changes " + margin + ": all " +
               format_count(same) + " see no change.";
    }
    std::string out = "With " + plan + ", " + residents_live(better) + " in neighbourhoods where " + what +
                      " gets better and " + (worse > 0 ? format_count(worse) : "none") + " where it gets worse (" + margin +
                      "); ";
    if (!(same > 0)) return out + "nobody lives where it stays the same.";
    return out + format_count(same) + (same == 1 ? " sees no change." : " see no change.");
}

std::string income_sentence(const AlternativeSummary& s, const std::string& what, const ComparedMeasure* headline,
                            bool has_income) {
    if (!has_income)
        return "Incomes were not in the base run, so the comparison cannot say whether the lowest incomes gain more "
               "than the highest.";
    const auto& low = s.lowest_quintile_change;
    const auto& high = s.highest_quintile_change;
    if (!low || !high || !std::isfinite(*low) || !std::isfinite(*high)) {
        const bool no_low = !low || !std::isfinite(*low), no_high = !high || !std::isfinite(*high);
        const std::string which = no_low && no_high ? "the lowest- and the highest-income fifth"
                                  : no_low          ? "the lowest-income fifth"
                                                    : "the highest-income fifth";
        return "The comparison has no mean change of " + what + " for " + which +
               " (no residents with a value there), so it cannot say whether the lowest incomes gain more than the "
               "highest.";
    }
    const std::string unit = headline ? headline->unit : "";
    const double tolerance = headline ? headline->tolerance : 0;
    const std::string none = tolerance > 0 ? "changes by no more than " + with_unit(format_number(tolerance), unit)
                                           : "does not change";
    const Direction dl = direction_of(*low, tolerance), dh = direction_of(*high, tolerance);
    const std::string numbers = " (" + format_change(*low) + " against " + with_unit(format_change(*high), unit) + ").";
    const bool equal = std::fabs(*low - *high) <= tolerance || format_change(*low) == format_change(*high);
    if (dl == Direction::none && dh == Direction::none)
        return "On average neither the lowest- nor the highest-income fifth " +
               (tolerance > 0 ? "changes by more than " + with_unit(format_number(tolerance), unit) : std::string("changes")) +
               numbers;
    if (equal) {
        const std::string verb = dl == Direction::gains && dh == Direction::gains ? "gain"
                                 : dl == Direction::loses && dh == Direction::loses ? "lose"
                                                                                    : "change";
        return "The lowest- and the highest-income fifth " + verb + " about equally" + numbers;
    }
    std::string words;
    if (*low < *high) {  // the lowest incomes end up relatively better off
        if (dl == Direction::gains && dh == Direction::gains) words = "gains more than the highest-income fifth";
        else if (dl == Direction::gains && dh == Direction::none) words = "gains, while the highest-income fifth " + none;
        else if (dl == Direction::gains) words = "gains, while the highest-income fifth loses";
        else if (dl == Direction::none) words = none + ", while the highest-income fifth loses";
        else words = "loses less than the highest-income fifth";
    } else {
        if (dl == Direction::gains && dh == Direction::gains) words = "gains less than the highest-income fifth";
        else if (dl == Direction::none) words = none + ", while the highest-income fifth gains";
        else if (dh == Direction::gains) words = "loses, while the highest-income fifth gains";
        else if (dh == Direction::none) words = "loses, while the highest-income fifth " + none;
        else words = "loses more than the highest-income fifth";
    }
    return "The lowest-income fifth " + words + numbers;
}

// A header per alternative: the bare word with one alternative, "word: name" with several.
std::string per_plan(const std::string& word, const CompareResult& r, std::size_t plan) {
    return r.plans.size() == 1 ? word : word + ": " + alternative_name(r, plan);
}

std::vector<BarSeries> plan_series(const CompareResult& r) {
    std::vector<BarSeries> out;
    for (std::size_t i = 0; i < r.plans.size(); ++i) out.push_back({alternative_name(r, i), plan_colour(i)});
    return out;
}

// The headline measure: the first summary's (every summary judges the base run's headline).
std::string headline_name(const CompareResult& r) { return r.summaries.empty() ? "" : r.summaries.front().headline; }

void add_answers(CompareReportModel& m, const CompareResult& r) {
    const std::string headline = headline_name(r);
    const ComparedMeasure* h = measure_named(r, headline);
    for (std::size_t i = 0; i < r.plans.size(); ++i) {
        const AlternativeSummary* s = summary_of(r, i);
        if (!s) {
            m.answers.push_back("The comparison has no summary for " + alternative_name(r, i) + ".");
            continue;
        }
        const std::string residents = residents_sentences(*s);
        m.answers.push_back(answer_sentences(*s, alternative_name(r, i), measure_named(r, s->headline), !r.by_income.empty()) +
                            (residents.empty() ? "" : " " + residents));
    }
    m.key_facts.push_back(std::to_string(r.zones.features.size()) + " neighbourhoods of " + m.base_study + " compared with " +
                          std::to_string(r.plans.size()) + (r.plans.size() == 1 ? " alternative" : " alternatives") +
                          " on " + std::to_string(r.measures.size()) + (r.measures.size() == 1 ? " measure." : " measures."));
    if (!headline.empty())
        m.key_facts.push_back("Better and worse are judged on " + display_name(headline) +
                              (h && !h->unit.empty() ? " (" + h->unit + ")" : "") +
                              ", the base run's headline: lower is better; a neighbourhood's change within the tolerance "
                              "counts as no change.");
    if (!r.warnings.empty())
        m.key_facts.push_back("The comparison gave " + std::to_string(r.warnings.size()) + " warning(s); see Warnings.");
}

void add_maps(CompareReportModel& m, const CompareResult& r, const std::vector<DeltaMapImage>& maps) {
    const std::string headline = headline_name(r);
    const ComparedMeasure* h = measure_named(r, headline);
    const std::string unit = h ? h->unit : "";
    const double extent = headline_delta_extent(r);
    bool any_band = false;
    for (const AlternativeSummary& s : r.summaries) any_band = any_band || headline_delta_band(r, s).has_value();
    if (headline.empty()) {
        m.maps_intro = "The comparison has no headline measure, so it maps no change.";
    } else {
        m.maps_intro = "The change of " + display_name(headline) + " per grid cell, alternative − base (delta.tif): blue "
                       "where it is lower (better), red where it is higher (worse), near-white where it is about the same; "
                       "dark grey where a run has no data. Lines: neighbourhood boundaries.";
        if (any_band && extent > 0)
            m.maps_intro += " All maps share one scale, symmetric about 0 (" +
                            with_unit(format_change(-extent) + " to " + format_change(extent), unit) + ").";
        else if (any_band)
            m.maps_intro += " No cell changes with any alternative.";
    }
    for (std::size_t i = 0; i < r.plans.size(); ++i) {
        CompareMapModel map;
        map.title = alternative_name(r, i);
        const DeltaMapImage image = i < maps.size() ? maps[i] : DeltaMapImage{"", "it was not drawn."};
        map.png_base64 = image.png_base64;
        const AlternativeSummary* s = summary_of(r, i);
        const std::optional<DeltaBand> band = s ? headline_delta_band(r, *s) : std::nullopt;
        if (map.png_base64.empty()) {
            map.caption = "No map: " + (image.problem.empty() ? std::string("it was not drawn.") : image.problem);
        } else if (band) {
            map.caption = display_name(headline) + ", " + map.title + " − base (band " + std::to_string(band->band) +
                          " of delta.tif): the cells range from " +
                          with_unit(format_change(band->min) + " to " + format_change(band->max), unit) + ".";
        }
        m.maps.push_back(map);
    }
}

// The class_shift rows of each measure and kind, in the table's order.
std::vector<std::vector<const ClassShiftRow*>> class_shift_groups(const CompareResult& r) {
    std::vector<std::vector<const ClassShiftRow*>> out;
    std::map<std::pair<std::string, std::string>, std::size_t> at;
    for (const ClassShiftRow& row : r.class_shift) {
        const auto key = std::make_pair(row.measure, row.kind);
        auto it = at.find(key);
        if (it == at.end()) {
            it = at.emplace(key, out.size()).first;
            out.emplace_back();
        }
        out[it->second].push_back(&row);
    }
    return out;
}

std::string class_text(const ClassShiftRow& row) {
    if (row.kind == "at_least") return "at least " + std::to_string(row.cls);
    return row.class_label.empty() ? std::to_string(row.cls) : std::to_string(row.cls) + " " + row.class_label;
}

void add_class_shift(CompareReportModel& m, const CompareResult& r) {
    const auto groups = class_shift_groups(r);
    if (groups.empty()) {
        m.class_shift_intro = "The comparison has no layer scores and no counts of a cumulation, so there is no class "
                              "shift to show.";
        return;
    }
    m.class_shift_intro = "Residents per class of each layer score and, per cumulation, residents at or above each count "
                          "of burdens: in the base (grey) and with each alternative. The tables give the numbers as in a "
                          "GES comparison; the difference is alternative − base.";
    GroupedBarChart chart;
    chart.title = "Residents per class, base beside each alternative";
    chart.series.push_back({"base", base_colour});
    for (const BarSeries& s : plan_series(r)) chart.series.push_back(s);
    for (const auto& rows : groups) {
        const ClassShiftRow& first = *rows.front();
        const bool at_least = first.kind == "at_least";
        const ComparedMeasure* measure = measure_named(r, first.measure);
        GroupedBarPanel panel;
        panel.title = display_name(first.measure) + (at_least ? ": residents at or above each count" : ": residents per class");
        panel.unit = "residents";
        panel.x_title = at_least ? "at least this many burdens" : "class of the score";
        panel.values.resize(r.plans.size() + 1);
        TitledTable table;
        table.title = panel.title + (at_least && measure && !measure->unit.empty() ? " (" + measure->unit + ")" : "");
        table.table.headers = {at_least ? "Count" : "Class", "Base"};
        table.table.numeric = {false, true};
        for (std::size_t i = 0; i < r.plans.size(); ++i) {
            table.table.headers.push_back(r.plans.size() == 1 ? "Plan" : alternative_name(r, i));
            table.table.headers.push_back(per_plan("Difference", r, i));
            table.table.numeric.insert(table.table.numeric.end(), {true, true});
        }
        for (const ClassShiftRow* row : rows) {
            panel.groups.push_back(at_least ? "≥" + std::to_string(row->cls) : std::to_string(row->cls));
            panel.values[0].push_back(row->base);
            std::vector<std::string> cells = {class_text(*row), format_count(row->base)};
            for (std::size_t i = 0; i < r.plans.size(); ++i) {
                const std::optional<double> plan =
                    i < row->plan.size() ? std::optional<double>(row->plan[i]) : std::nullopt;
                panel.values[i + 1].push_back(plan);
                cells.push_back(plan ? format_count(*plan) : "–");
                cells.push_back(plan ? format_count_change(*plan - row->base) : "–");
            }
            table.table.rows.push_back(cells);
        }
        chart.panels.push_back(panel);
        m.class_shift_tables.push_back(table);
    }
    m.class_shift_svg = grouped_bar_chart_svg(chart);
}

void add_by_income(CompareReportModel& m, const CompareResult& r) {
    if (r.by_income.empty()) {
        m.income_intro = "Incomes were not in the base run (its zones have no income quintile), so the comparison cannot "
                         "show who gains or loses by income.";
        return;
    }
    const std::string headline = headline_name(r);
    const ComparedMeasure* h = measure_named(r, headline);
    std::set<int> quintiles;
    std::map<std::pair<int, std::string>, const IncomeChangeRow*> rows;  // (quintile, label)
    for (const IncomeChangeRow& row : r.by_income)
        if (row.measure == headline) {
            quintiles.insert(row.quintile);
            rows[{row.quintile, row.label}] = &row;
        }
    if (quintiles.empty()) {
        m.income_intro = "The comparison's by_income table has no rows for " + display_name(headline) + ".";
        return;
    }
    m.income_intro = "Per income fifth of the base run's residents (1 = lowest income), the mean change of " +
                     display_name(headline) + " with each alternative (alternative − base, each run's mean weighted by "
                     "its residents): below 0 is better. The table adds the shares of each fifth's residents living in "
                     "neighbourhoods that get better or worse.";
    GroupedBarChart chart;
    chart.title = "Mean change of " + display_name(headline) + " per income quintile";
    chart.series = plan_series(r);
    GroupedBarPanel panel;
    panel.x_title = "income quintile (1 = lowest income)";
    panel.title = display_name(headline) + ": mean change, alternative − base";
    panel.unit = h ? h->unit : "";
    panel.values.resize(r.plans.size());
    TextTable& t = m.income_table;
    t.headers = {"Income quintile", "Base mean"};
    t.numeric = {false, true};
    for (std::size_t i = 0; i < r.plans.size(); ++i) {
        for (const char* word : {"Change", "Better", "Worse"}) t.headers.push_back(per_plan(word, r, i));
        t.numeric.insert(t.numeric.end(), {true, true, true});
    }
    for (const int q : quintiles) {
        panel.groups.push_back(std::to_string(q));
        std::string name = std::to_string(q);
        if (q == 1) name += " (lowest income)";
        if (q == 5) name += " (highest income)";
        std::vector<std::string> cells = {name, "–"};
        for (std::size_t i = 0; i < r.plans.size(); ++i) {
            const auto it = rows.find({q, r.plans[i].label});
            if (it == rows.end()) {
                panel.values[i].push_back(std::nullopt);
                cells.insert(cells.end(), {"–", "–", "–"});
                continue;
            }
            const IncomeChangeRow& row = *it->second;
            if (cells[1] == "–") cells[1] = format_number(row.mean_base);
            panel.values[i].push_back(row.mean_change);
            cells.insert(cells.end(), {format_change(row.mean_change), format_percent(row.share_better),
                                       format_percent(row.share_worse)});
        }
        t.rows.push_back(cells);
    }
    chart.panels.push_back(panel);
    m.income_svg = grouped_bar_chart_svg(chart);
}

void add_changed_zones(CompareReportModel& m, const CompareResult& r, std::size_t count) {
    const std::string headline = headline_name(r);
    if (headline.empty() || r.plans.empty()) {
        m.zones_intro = "The comparison has no headline measure, so no neighbourhoods are ranked by their change.";
        return;
    }
    const ComparedMeasure* h = measure_named(r, headline);
    const std::string unit = h ? h->unit : "";
    const std::string column = headline + "_mean";
    const std::string first_delta = column + "_delta_" + r.plans.front().label;
    std::vector<std::string> wanted = {"zone_id", "zone_name", column};
    for (const ComparedRun& plan : r.plans)
        for (const std::string& c : {column + "_" + plan.label, column + "_delta_" + plan.label,
                                     "change_" + headline + "_" + plan.label})
            wanted.push_back(c);
    const Table zones = zone_table(r.zones, wanted);
    if (!zones.has(first_delta)) {
        m.zones_intro = "The comparison's zones have no column " + first_delta + ", so no neighbourhoods are ranked by "
                        "their change.";
        return;
    }
    const std::vector<std::size_t> top = most_changed_zones(r.zones, first_delta, count);
    if (top.empty()) {
        m.zones_intro = "No neighbourhood has a change of " + display_name(headline) + " with " + alternative_name(r, 0) +
                        " (no value in the base or the alternative).";
        return;
    }
    m.zones_intro = (top.size() == 1 ? std::string("The neighbourhood") : "The " + std::to_string(top.size()) + " neighbourhoods") +
                    " where the mean " + display_name(headline) + " changes most with " + alternative_name(r, 0) +
                    " (the largest change either way; ties by zone id), with the value in the base and with " +
                    (r.plans.size() == 1 ? "the alternative" : "each alternative") +
                    ", the change, and whether it counts as better, the same or worse" +
                    (h ? " (the same: within " + with_unit(format_number(h->tolerance), unit) + ")" : "") + ".";
    TextTable& t = m.changed_zones;
    t.headers = {"Neighbourhood", "Base" + (unit.empty() ? "" : " (" + unit + ")")};
    t.numeric = {false, true};
    for (std::size_t i = 0; i < r.plans.size(); ++i) {
        t.headers.push_back(r.plans.size() == 1 ? "Plan" : alternative_name(r, i));
        t.headers.push_back(per_plan("Change", r, i));
        t.headers.push_back(per_plan("Result", r, i));
        t.numeric.insert(t.numeric.end(), {true, true, false});
    }
    for (const std::size_t row : top) {
        const std::string& first = r.plans.front().label;
        // The base's own column when the table has it, else plan − delta (the same number).
        std::optional<double> base = zones.number(row, column);
        if (!base)
            if (const auto plan = zones.number(row, column + "_" + first))
                base = *plan - zones.number(row, first_delta).value_or(NAN);
        std::vector<std::string> cells = {detail::zone_label_with_id(zones, row), format_number(base.value_or(NAN))};
        for (const ComparedRun& plan : r.plans) {
            cells.push_back(format_number(zones.number(row, column + "_" + plan.label).value_or(NAN)));
            cells.push_back(format_change(zones.number(row, column + "_delta_" + plan.label).value_or(NAN)));
            const std::string change = zones.text(row, "change_" + headline + "_" + plan.label);
            cells.push_back(change.empty() ? "–" : change);
        }
        t.rows.push_back(cells);
    }
}

void add_facts(CompareReportModel& m, const CompareResult& r) {
    for (const Diagnostic& w : r.warnings) m.warnings.push_back(w.message);
    m.compared.headers = {"Run", "Study", "Label", "Folder"};
    m.compared.rows.push_back({"base", r.base.study_name, r.base.label, r.base.dir.string()});
    for (std::size_t i = 0; i < r.plans.size(); ++i)
        m.compared.rows.push_back({"alternative " + std::to_string(i + 1), r.plans[i].study_name, r.plans[i].label,
                                   r.plans[i].dir.string()});
    m.tolerances.headers = {"Measure", "Unit", "The same within"};
    m.tolerances.numeric = {false, false, true};
    for (const ComparedMeasure& measure : r.measures)
        m.tolerances.rows.push_back({display_name(measure.name), measure.unit, "±" + format_number(measure.tolerance)});
    const auto name = [](const std::filesystem::path& p) { return p.filename().string(); };
    std::string outputs;
    for (const std::filesystem::path& p : {r.geopackage, r.delta_tif, r.delta_qml, r.manifest})
        if (!p.empty()) outputs += (outputs.empty() ? "" : ", ") + name(p);
    for (const std::filesystem::path& p : r.csvs) outputs += (outputs.empty() ? "" : ", ") + name(p);
    m.run_facts.emplace_back("Base", r.base.dir.string());
    for (std::size_t i = 0; i < r.plans.size(); ++i)
        m.run_facts.emplace_back("Alternative " + std::to_string(i + 1) + " (" + r.plans[i].label + ")", r.plans[i].dir.string());
    if (!outputs.empty()) m.run_facts.emplace_back("Outputs", outputs);
    if (!r.geopackage.empty()) m.run_facts.emplace_back("Output folder", r.geopackage.parent_path().string());
    m.footer = "Written by burdenmap compare from the comparison in this folder (" +
               (outputs.empty() ? std::string("its tables") : outputs) +
               "). The numbers are computed; the sentences are filled in from templates.";
}

}  // namespace

double headline_delta_extent(const CompareResult& result) {
    double m = 0;
    for (const AlternativeSummary& s : result.summaries)
        if (const auto band = headline_delta_band(result, s))
            for (const double v : {band->min, band->max})
                if (std::isfinite(v)) m = std::max(m, std::fabs(v));
    return m;
}

std::string alternative_name(const CompareResult& result, std::size_t plan) {
    const ComparedRun& run = result.plans.at(plan);
    const std::string name = run.study_name.empty() ? run.label : run.study_name;
    for (std::size_t i = 0; i < result.plans.size(); ++i) {
        const ComparedRun& other = result.plans[i];
        if (i != plan && (other.study_name.empty() ? other.label : other.study_name) == name)
            return name + " (" + run.label + ")";
    }
    return name;
}

std::string answer_sentences(const AlternativeSummary& summary, const std::string& plan_name,
                             const ComparedMeasure* headline, bool has_income) {
    const std::string what = display_name(summary.headline);
    return first_sentence(summary, plan_name, what, headline) + " " + income_sentence(summary, what, headline, has_income);
}

std::string residents_sentences(const AlternativeSummary& summary) {
    // Whole residents: 36,636.6 and 36,637.4 are both 36,637, no change to speak of.
    const auto changed = [](double base, double plan) { return std::llround(plan) != std::llround(base); };
    std::string out;
    const bool residents_change = changed(summary.residents_base_total, summary.residents_plan_total);
    if (residents_change)
        out = "It changes the number of residents from " + format_count(summary.residents_base_total) + " to " +
              format_count(summary.residents_plan_total) + " (" +
              format_count_change(summary.residents_plan_total - summary.residents_base_total) + ").";
    std::vector<std::string> levels;
    for (const BurdenLevelCount& c : summary.at_burden_level)
        if (changed(c.base, c.plan))
            levels.push_back(display_name(c.layer) + " " + format_count(c.base) + " → " + format_count(c.plan) + " (" +
                             format_count_change(c.plan - c.base) + ")");
    if (!levels.empty()) {
        std::string list;
        for (std::size_t i = 0; i < levels.size(); ++i)
            list += (i == 0 ? "" : i + 1 == levels.size() ? " and " : ", ") + levels[i];
        out += std::string(out.empty() ? "" : " ") + "Residents at a layer's burden level: " + list + ".";
    } else if (residents_change && !summary.at_burden_level.empty()) {
        out += " The residents at each layer's burden level stay as many.";
    }
    return out;
}

std::vector<std::size_t> most_changed_zones(const ZoneComparison& zones, const std::string& delta_column,
                                            std::size_t count) {
    const Table t = zone_table(zones, {"zone_id", delta_column});
    std::vector<std::pair<double, std::size_t>> ranked;
    for (std::size_t r = 0; r < t.rows.size(); ++r)
        if (const auto v = t.number(r, delta_column)) ranked.emplace_back(std::fabs(*v), r);
    std::stable_sort(ranked.begin(), ranked.end(), [&](const auto& a, const auto& b) {
        if (a.first != b.first) return a.first > b.first;
        return t.text(a.second, "zone_id") < t.text(b.second, "zone_id");
    });
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < ranked.size() && i < count; ++i) out.push_back(ranked[i].second);
    return out;
}

std::optional<DeltaBand> headline_delta_band(const CompareResult& result, const AlternativeSummary& summary) {
    for (const DeltaBand& b : result.delta_bands)
        if (b.measure == summary.headline && b.label == summary.label) return b;
    return std::nullopt;
}

std::string delta_map_legend(const CompareResult& result, std::size_t plan) {
    const std::string headline = headline_name(result);
    const ComparedMeasure* h = measure_named(result, headline);
    std::string out = display_name(headline) + ", " + alternative_name(result, plan) + " − base" +
                      (h && !h->unit.empty() ? " (" + h->unit + ")" : "");
    const AlternativeSummary* s = summary_of(result, plan);
    if (const auto band = s ? headline_delta_band(result, *s) : std::nullopt)
        out += "; cells " + format_change(band->min) + " to " + format_change(band->max);
    return out;
}

CompareReportModel build_compare_report_model(const CompareResult& result, const std::vector<DeltaMapImage>& maps,
                                              std::size_t changed_zones) {
    CompareReportModel m;
    m.base_study = result.base.study_name.empty() ? result.base.dir.filename().string() : result.base.study_name;
    m.title = result.plans.size() == 1 ? "What does " + alternative_name(result, 0) + " change?"
                                       : "What do the plan alternatives change?";
    add_answers(m, result);
    add_maps(m, result, maps);
    add_class_shift(m, result);
    add_by_income(m, result);
    add_changed_zones(m, result, changed_zones);
    add_facts(m, result);
    return m;
}

}  // namespace burdenmap::report
