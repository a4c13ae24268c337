#include "burdenmap/job/SiteTable.h"

#include <cmath>

namespace burdenmap {
namespace {

using sites::StandardKind;

std::string join(const std::vector<std::string>& items, const char* separator) {
    std::string out;
    for (const std::string& s : items) out += (out.empty() ? "" : separator) + s;
    return out;
}

FieldValue text_or_null(const std::string& s) { return s.empty() ? FieldValue() : FieldValue(s); }

std::string meaning_of(StandardKind kind) {
    switch (kind) {
        case StandardKind::standard: return "standard value (legal; above it the site needs weighing)";
        case StandardKind::limit: return "limit value (legal; above it the site exceeds the limit)";
        case StandardKind::future_limit: return "future limit value (not yet in force; above it: health advisory)";
        case StandardKind::guideline: return "guideline value (health-based; at or above it: health advisory)";
    }
    return "";
}

}  // namespace

std::vector<FieldSpec> site_fields(const JobPlan& plan, const SiteStandards& standards) {
    std::vector<FieldSpec> f;
    f.push_back({"site_id", FieldType::text, "site id (from --id, else the feature id)", "", "", ""});
    f.push_back({"site_kind", FieldType::text, "point, polygon, or unusable (a geometry that cannot be checked)", "", "", ""});
    f.push_back({"area_m2", FieldType::real, "area of a polygon site", "m2", "", ""});
    f.push_back({"covered_share", FieldType::real, "share of the site inside the study grid (points: 0 or 1)", "0-1", "exact coverage", ""});
    f.push_back({"verdict", FieldType::text,
                 "meets standard values | needs weighing (above a standard value, not above the limit value) | exceeds limit value | "
                 "unknown (a legal value could not be checked); Dutch legal logic, values exactly at a legal value meet it",
                 "", "check-sites", ""});
    f.push_back({"health_advisory", FieldType::text,
                 "yes where a guideline value or advisory level is reached or a future limit exceeded, whatever the verdict; "
                 "unknown when none is reached and one could not be checked", "", "check-sites", ""});
    f.push_back({"reasons", FieldType::text, "which layers and values decided the verdict", "", "check-sites", ""});
    f.push_back({"advisory_reasons", FieldType::text, "which guideline values, future limits and advisory levels were reached", "", "check-sites", ""});
    f.push_back({"placeholders", FieldType::text,
                 "method ids of placeholder (unverified) values this site was compared with, and of methods whose placeholder "
                 "rows scored the site's cells behind a cumulation's advisory level; a method written in the config is marked "
                 "[a method of this study (not published)]", "", "", ""});
    for (std::size_t i = 0; i < plan.layers.size(); ++i) {
        const LayerPlan& l = plan.layers[i];
        const std::string& n = l.config.name;
        const std::string unit = l.unit();
        const std::string src = l.source();
        if (l.vector) {
            f.push_back({n + "_value", FieldType::real, "highest contour value the site reaches (exact test on the polygons; the background where it reaches none)", unit, "polygons", src});
            f.push_back({n + "_mean", FieldType::real, "mean of the burned cells over a polygon site (cell-centre rule, exact coverage, as for zones); points: the value", unit, "input", src});
        } else {
            const std::string point = l.zone_table ? "a point's cell (the value of the zone covering the cell centre; never interpolated)"
                                      : l.categorical() ? "a point's cell (class codes: never interpolated, even with --bilinear)"
                                                        : "a point's cell (or bilinear with --bilinear)";
            f.push_back({n + "_value", FieldType::real, "the deciding value: " + point + "; a polygon's maximum over the cells touching it", unit, "input", src});
            f.push_back({n + "_mean", FieldType::real, "polygon: mean weighted with exact cell coverage; point: the value", unit, "input", src});
        }
        f.push_back({n + "_nodata_share", FieldType::real, "share of the site without data for " + n + " (nodata or outside the grid)", "0-1", "input", src});
        f.push_back({n + "_check", FieldType::text, "this layer's legal outcome (NULL: no legal value configured)", "", "check-sites", ""});
        const auto& list = standards.layers[i];
        for (std::size_t k = 0; k < list.size(); ++k) {
            const auto m = plan.methods.find(list[k].method);
            const MethodInfo& info = m->info();
            const std::string placeholder = list[k].confidence == Confidence::placeholder ? " — PLACEHOLDER value, not verified" : "";
            const std::string source = info.provenance.source + (info.provenance.edition.empty() ? "" : ", " + info.provenance.edition);
            const std::string col = n + "_" + standard_suffix(list, k);
            f.push_back({col, FieldType::real, meaning_of(list[k].kind) + ": " + info.title + placeholder, unit, info.id, source});
            if (!l.vector)
                f.push_back({col + "_margin", FieldType::real, "the " + std::string(sites::to_string(list[k].kind)) +
                                                                   " minus the value: room left (negative: above it)" + placeholder,
                             unit, info.id, source});
        }
        if (l.vector) {
            f.push_back({n + "_contour", FieldType::text, "inside, touches or outside the contour of the layer's limit value (else standard value)", "", "polygons", src});
            f.push_back({n + "_contour_dist_m", FieldType::real, "distance from the site to that contour (0: reaches it)", "m", "polygons", src});
        }
    }
    for (std::size_t c = 0; c < plan.cumulations.size(); ++c) {
        const CumulationRule& rule = plan.cumulations[c];
        const std::string& n = rule.name;
        const std::string method = to_string(rule.kind);
        f.push_back({n + "_value", FieldType::real, "cumulation " + n + ": a point's cell; a polygon's maximum", rule.unit(), method, ""});
        f.push_back({n + "_mean", FieldType::real, "cumulation " + n + ": polygon mean weighted with exact cell coverage; point: the value", rule.unit(), method, ""});
        f.push_back({n + "_pctl", FieldType::real, "percentage of the study zones whose mean " + n + " is at or below the site's mean (point: value)", "%", method, ""});
        if (const auto& a = standards.cumulations[c]; a.level) {
            f.push_back({n + "_advisory_at", FieldType::real, "advisory level: at or above it the site gets a health advisory (" + a.source + ")", rule.unit(), method, a.source});
            f.push_back({n + "_advisory_margin", FieldType::real, "advisory level minus the value (negative: above it)", rule.unit(), method, a.source});
        }
    }
    return f;
}

std::vector<FieldValue> site_row(const SiteOutcome& s, const SiteStandards& standards) {
    std::vector<FieldValue> row;
    row.emplace_back(s.id);
    row.emplace_back(s.kind);
    row.push_back(s.kind == "polygon" ? FieldValue(s.area) : FieldValue());
    row.push_back(real_or_null(s.covered_share));
    row.emplace_back(std::string(sites::to_string(s.assessment.verdict)));
    row.emplace_back(std::string(sites::to_string(s.assessment.advisory)));
    row.push_back(text_or_null(join(s.assessment.reasons, "; ")));
    row.push_back(text_or_null(join(s.assessment.advisory_reasons, "; ")));
    row.push_back(text_or_null(join(s.assessment.placeholders, ", ")));
    for (std::size_t i = 0; i < s.layers.size(); ++i) {
        const sites::LayerCheck& l = s.layers[i];
        row.push_back(real_or_null(l.value));
        row.push_back(real_or_null(l.mean));
        row.push_back(real_or_null(l.unknown_share));
        const auto verdict = sites::layer_verdict(l);
        row.push_back(verdict ? FieldValue(std::string(sites::to_string(*verdict))) : FieldValue());
        for (std::size_t k = 0; k < standards.layers[i].size(); ++k) {
            row.emplace_back(standards.layers[i][k].value);
            if (!l.contour) row.push_back(real_or_null(k < l.comparisons.size() ? l.comparisons[k].margin : std::nan("")));
        }
        if (l.contour) {
            row.push_back(text_or_null(l.contour_relation));
            row.push_back(real_or_null(l.contour_distance));
        }
    }
    for (std::size_t c = 0; c < s.cumulations.size(); ++c) {
        const sites::CumulationCheck& k = s.cumulations[c];
        row.push_back(real_or_null(k.value));
        row.push_back(real_or_null(k.mean));
        row.push_back(real_or_null(k.percentile));
        if (standards.cumulations[c].level) {
            row.emplace_back(*standards.cumulations[c].level);
            row.push_back(real_or_null(sites::margin(*standards.cumulations[c].level, k.value)));
        }
    }
    return row;
}

}  // namespace burdenmap
