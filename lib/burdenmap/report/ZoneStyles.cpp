#include "burdenmap/report/ZoneStyles.h"

#include <algorithm>
#include <cmath>

#include "burdenmap/report/ClassBreaks.h"
#include "burdenmap/report/NumberFormat.h"
#include "burdenmap/report/QmlStyle.h"
#include "burdenmap/report/SldStyle.h"

namespace burdenmap::report {

namespace {

constexpr int graduated_class_count = 5;
constexpr double min_share_of_own_class = 0.2;

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool is_ges(const std::string& method) { return method.rfind("ges.", 0) == 0; }

// `<layer>_score_mean`: the layer's mean score (not `_pop_mean`, not a cumulation).
bool is_score_mean(const ColumnInfo& c) {
    return ends_with(c.name, "_score_mean") && !is_cumulation_rule(c.method) && !c.method.empty();
}

bool is_cumulation_mean(const ColumnInfo& c) {
    return is_cumulation_rule(c.method) && ends_with(c.name, "_mean") && !ends_with(c.name, "_pop_mean");
}

// One class per value when the zones have few distinct values (a count of 0, 1 or 2 layers gets
// "0", "1", "2"). Otherwise quantile classes, except that when many zones share the minimum (typically 0: no layer at its
// burden level anywhere in the zone) those zones get a class of their own and the other zones are
// cut in quantiles: otherwise the tie would swallow most classes (half the demo's zones are 0, and
// five quantile classes collapse into three).
std::vector<GraduatedClass> zone_classes(const std::vector<double>& values, const std::string& unit) {
    const ColorRamp ramp = ColorRamp::yl_or_rd();
    std::vector<double> finite;
    for (const double v : values)
        if (std::isfinite(v)) finite.push_back(v);
    if (finite.empty()) return {};
    if (const std::vector<double> few = few_distinct_values(finite, graduated_class_count); !few.empty())
        return value_classes(few, ramp, unit);
    const double min = *std::min_element(finite.begin(), finite.end());
    std::vector<double> rest;
    for (const double v : finite)
        if (v > min) rest.push_back(v);
    const double at_min = static_cast<double>(finite.size() - rest.size());
    if (at_min < min_share_of_own_class * static_cast<double>(finite.size()) || rest.empty())
        return graduated_classes(quantile_breaks(finite, graduated_class_count), ramp, unit);
    const std::vector<double> edges = quantile_breaks(rest, graduated_class_count - 1);
    const std::vector<Rgb> colours = ramp.classes(static_cast<int>(edges.size()));
    const std::string suffix = unit.empty() ? "" : " " + unit;
    std::vector<GraduatedClass> out{{min, min, colours[0], format_number(min) + suffix}};
    for (std::size_t i = 0; i + 1 < edges.size(); ++i) {
        // The first class above the minimum starts at it (exclusive: the minimum's own class, first,
        // takes the value itself), so no zone between the two falls through.
        const double lower = i == 0 ? min : edges[i];
        const std::string from = i == 0 ? "> " + format_number(min) : format_number(edges[i]);
        out.push_back({lower, edges[i + 1], colours[i + 1], from + " – " + format_number(edges[i + 1]) + suffix});
    }
    return out;
}

StyleDoc graduated(const std::string& table, const ColumnInfo& c, const std::vector<double>& values,
                   const std::map<std::string, std::vector<std::string>>& class_labels) {
    StyleDoc s;
    s.table = table;
    s.name = c.name;
    std::vector<GraduatedClass> classes;
    ClassMethod method = ClassMethod::quantile;
    if (is_ges(c.method)) {
        auto it = class_labels.find(c.method);
        classes = ges_classes(it != class_labels.end() ? it->second : std::vector<std::string>{});
        method = ClassMethod::fixed;
        s.name += " (GES colours)";
        s.description = c.meaning + "; GES class colours (green 0 to purple 8; approximated, not the handbook's exact "
                                    "colours)";
    } else {
        classes = zone_classes(values, c.unit);
        const bool one_per_value = std::all_of(classes.begin(), classes.end(),
                                               [](const GraduatedClass& k) { return k.lower == k.upper; });
        // Classes of single values are no quantiles: QGIS must not recompute them as such.
        if (one_per_value) method = ClassMethod::fixed;
        s.description = c.meaning + "; " + std::to_string(classes.size()) +
                        (one_per_value ? " classes, one per value" : " classes by quantiles of the zones") +
                        " (ColorBrewer YlOrRd, colour-blind safe)";
    }
    s.qml = graduated_polygon_qml(c.name, classes, method);
    s.sld = graduated_polygon_sld(table, c.name, classes);
    return s;
}

}  // namespace

bool is_cumulation_rule(const std::string& method) {
    static const char* const rules[] = {"count_at_least", "energetic_sum", "weighted_sum", "max", "health_burden"};
    return std::any_of(std::begin(rules), std::end(rules), [&](const char* r) { return method == r; });
}

std::optional<std::size_t> headline_column(const std::vector<ColumnInfo>& columns) {
    std::optional<std::size_t> first_cumulation, first_score;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const ColumnInfo& c = columns[i];
        if (is_cumulation_mean(c)) {
            if (c.method == "count_at_least") return i;
            if (!first_cumulation) first_cumulation = i;
        } else if (is_score_mean(c) && !first_score) {
            first_score = i;
        }
    }
    return first_cumulation ? first_cumulation : first_score;
}

std::vector<StyleDoc> zone_styles(const std::vector<ColumnInfo>& columns, const ColumnValues& values,
                                  const std::map<std::string, std::vector<std::string>>& class_labels,
                                  const std::string& table) {
    const auto values_of = [&](const std::string& name) {
        auto it = values.find(name);
        return it != values.end() ? it->second : std::vector<double>{};
    };
    std::vector<StyleDoc> out;
    const std::optional<std::size_t> headline = headline_column(columns);
    if (headline) {
        out.push_back(graduated(table, columns[*headline], values_of(columns[*headline].name), class_labels));
        out.back().use_as_default = true;
    }
    const bool has_bivariate = std::any_of(columns.begin(), columns.end(),
                                           [](const ColumnInfo& c) { return c.name == "bivariate_class"; });
    if (has_bivariate) {
        StyleDoc s;
        s.table = table;
        s.name = "burden x income (bivariate)";
        s.description = "3 x 3 classes: burden tertile (A low to C high) by income tertile (1 least poor to "
                        "3 poorest); C3 is the double burden";
        s.qml = categorized_qml("bivariate_class", bivariate_categories(), SymbolKind::fill);
        s.sld = categorized_sld(table, "bivariate_class", bivariate_categories(), SymbolKind::fill);
        out.push_back(s);
    }
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (headline && i == *headline) continue;
        const ColumnInfo& c = columns[i];
        if (is_score_mean(c) || is_cumulation_mean(c)) out.push_back(graduated(table, c, values_of(c.name), class_labels));
    }
    return out;
}

std::vector<StyleDoc> site_styles(const std::vector<std::string>& columns, bool points, const std::string& table) {
    if (std::find(columns.begin(), columns.end(), "verdict") == columns.end()) return {};
    const SymbolKind kind = points ? SymbolKind::marker : SymbolKind::fill;
    StyleDoc s;
    s.table = table;
    s.name = "verdict";
    s.description = "candidate sites by verdict against the standard and limit values (Okabe-Ito colours)";
    s.qml = categorized_qml("verdict", verdict_categories(), kind);
    s.sld = categorized_sld(table, "verdict", verdict_categories(), kind);
    s.use_as_default = true;
    return {s};
}

}  // namespace burdenmap::report
