#include "burdenmap/job/SiteEvaluation.h"

#include <algorithm>
#include <cmath>

#include "burdenmap/core/NaN.h"
#include "burdenmap/sites/ZonePercentile.h"

namespace burdenmap {
namespace {

using sites::Comparison;
using sites::StandardKind;
using sites::StandardRef;

// Where the site is known for a band: the polygon's statistics or the point's cell.
struct Reading {
    double value = kNaN;  // point: the cell (or bilinear); polygon: the maximum
    double mean = kNaN;
    double unknown_share = 1;
};

// Share of a polygon without data: what its cells with data do not cover (nodata cells and the
// part outside the grid). Coverage sums carry rounding residues of ~1e-12: below 1e-9 is none.
double unknown_share(const ZonalAccumulator& a, double cell_area, double site_area) {
    const double share = 1.0 - a.valid_weight() * cell_area / site_area;
    return share < 1e-9 ? 0.0 : std::min(1.0, share);
}

Reading polygon_reading(const SiteEvidence& e, const Site& site, std::size_t zone, std::size_t band) {
    Reading r;
    const auto& stats = e.stats[zone];
    if (!stats) return r;
    const ZonalAccumulator& a = stats->area[band];
    r.value = cell_decimal(a.max());
    r.mean = a.mean();
    r.unknown_share = unknown_share(a, e.plan.grid.cell_area(), site.area);
    return r;
}

// The standard whose contour the site is located against: the limit, else the standard value,
// else the first one listed.
const StandardRef* decisive(const std::vector<StandardRef>& list) {
    for (StandardKind kind : {StandardKind::limit, StandardKind::standard})
        for (const StandardRef& s : list)
            if (s.kind == kind) return &s;
    return list.empty() ? nullptr : &list.front();
}

void contour_layer(sites::LayerCheck& lc, const Site& site, std::optional<std::size_t> zone, std::size_t layer,
                   const SiteEvidence& e) {
    const LayerPlan& lp = e.plan.layers[layer];
    const ContourTester& tester = *e.contours[layer];
    std::vector<sites::ContourReach> reached;
    lc.value = lp.config.background;
    bool any = false;
    for (const ContourContact& c : tester.contacts(site.wkb)) {
        reached.push_back({c.value, c.interior});
        lc.value = any ? std::max(lc.value, c.value) : c.value;
        any = true;
    }
    lc.mean = zone ? polygon_reading(e, site, *zone, e.bands.raw_band(layer)).mean : lc.value;
    lc.unknown_share = 0;  // a contour map says something everywhere: inside a contour or not
    for (const StandardRef& s : e.standards.layers[layer]) {
        Comparison c;
        c.standard = s;
        c.status = sites::contour_status(reached, lp.config.background, s.value);
        lc.comparisons.push_back(c);
    }
    if (const StandardRef* d = decisive(e.standards.layers[layer])) {
        const sites::Status st = sites::contour_status(reached, lp.config.background, d->value);
        lc.contour_relation = st == sites::Status::above ? "inside" : st == sites::Status::at ? "touches" : "outside";
        lc.contour_level = d->value;
        lc.contour_distance = tester.distance(site.wkb, d->value).value_or(kNaN);
    }
}

// The scoring methods behind a cumulation, each with the layer whose raw values it scores: the
// layers' own methods, or a health burden's exposure–response curves; none for the energetic
// sum, which adds raw dB, nor for layers without a method (max and weighted_sum of raw values).
std::vector<std::pair<std::size_t, const ScoringMethod*>> scoring_inputs(const CumulationRule& rule, const JobPlan& plan) {
    std::vector<std::pair<std::size_t, const ScoringMethod*>> out;
    if (rule.kind == CumulationKind::energetic_sum) return out;
    for (const HealthOutcome& o : rule.outcomes) out.emplace_back(o.layer, o.curve.get());
    if (rule.outcomes.empty())
        for (std::size_t i : rule.layers)
            if (plan.layers[i].scored()) out.emplace_back(i, plan.layers[i].method.get());  // raw values: no method
    return out;
}

// Whether raw values from `low` to `high` fall in a placeholder bin of `method`. Its bins follow
// the order of the values (class rows ascending; a curve's below, inside, above its range), so
// the bins of the two ends and every bin between them are the ones that can have been used.
bool placeholder_between(const ScoringMethod& method, double low, double high) {
    if (std::isnan(low) || std::isnan(high)) return false;
    const std::vector<ScoreBin> bins = method.bins();
    std::vector<std::uint64_t> hits(bins.size(), 0);
    const float values[2] = {static_cast<float>(low), static_cast<float>(high)};
    float scores[2];
    method.score(values, scores, 2, hits);
    bool inside = false;
    for (std::size_t b = 0, seen = 0; b < bins.size() && seen < 2; ++b) {
        seen += hits[b];
        inside = inside || hits[b] > 0;
        if (inside && bins[b].confidence == Confidence::placeholder) return true;
    }
    return false;
}

// The methods (labelled as reports name them) whose placeholder rows scored the site's cells
// behind cumulation `c`: for a point its own cell, for a polygon its cells' range of values.
std::vector<std::string> placeholder_methods(const SiteEvidence& e, std::size_t c, std::optional<std::size_t> zone,
                                             std::optional<std::size_t> point) {
    std::vector<std::string> out;
    for (const auto& [layer, method] : scoring_inputs(e.plan.cumulations[c], e.plan)) {
        double low = kNaN, high = kNaN;
        if (zone && e.stats[*zone]) {
            const ZonalAccumulator& a = e.stats[*zone]->area[e.bands.raw_band(layer)];
            low = a.min();
            high = a.max();
        } else if (point) {
            low = high = e.points.cell_value(*point, layer);
        }
        const std::string name = labelled_id(method->info());
        if (placeholder_between(*method, low, high) && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    }
    return out;
}

}  // namespace

std::vector<std::vector<double>> cumulation_zone_means(const JobPlan& plan, const BandSet& bands,
                                                       const std::vector<std::optional<ZoneStats>>& stats) {
    std::vector<std::vector<double>> out(plan.cumulations.size());
    for (std::size_t c = 0; c < plan.cumulations.size(); ++c)
        for (std::size_t z = 0; z < plan.zones.size(); ++z)
            out[c].push_back(stats[z] ? stats[z]->area[bands.cumulation_band(c)].mean() : kNaN);
    return out;
}

SiteOutcome evaluate_site(const Site& site, std::optional<std::size_t> zone, std::optional<std::size_t> point,
                          const SiteEvidence& e) {
    SiteOutcome o;
    o.id = site.id;
    o.kind = site.kind == Site::Kind::point ? "point" : site.kind == Site::Kind::polygon ? "polygon" : "unusable";
    o.area = site.area;
    const bool polygon = zone.has_value();
    if (polygon) {
        const auto& stats = e.stats[*zone];
        o.covered_share = stats ? std::min(1.0, stats->area.front().total_weight() * e.plan.grid.cell_area() / site.area) : 0.0;
    } else {
        o.covered_share = point && e.points.inside_grid(*point) ? 1.0 : 0.0;
    }
    auto reading = [&](std::size_t band, bool cumulation, std::size_t index) {
        if (polygon) return polygon_reading(e, site, *zone, band);
        Reading r;
        if (!point) return r;
        r.value = cumulation ? e.points.cumulation_value(*point, index) : e.points.layer_value(*point, index);
        r.mean = r.value;
        r.unknown_share = std::isnan(r.value) ? 1.0 : 0.0;
        return r;
    };

    for (std::size_t i = 0; i < e.plan.layers.size(); ++i) {
        const LayerPlan& lp = e.plan.layers[i];
        sites::LayerCheck lc;
        lc.layer = lp.config.name;
        lc.unit = lp.unit();
        lc.polygon_site = polygon;
        lc.contour = lp.vector != nullptr;
        if (lc.contour && site.kind != Site::Kind::unusable) {
            contour_layer(lc, site, zone, i, e);
        } else {
            const Reading r = site.kind == Site::Kind::unusable ? Reading{} : reading(e.bands.raw_band(i), false, i);
            lc.value = r.value;
            lc.mean = r.mean;
            lc.unknown_share = r.unknown_share;
            lc.comparisons = sites::compare_values(r.value, r.unknown_share, e.standards.layers[i]);
        }
        o.layers.push_back(std::move(lc));
    }
    for (std::size_t c = 0; c < e.plan.cumulations.size(); ++c) {
        const CumulationRule& rule = e.plan.cumulations[c];
        const Reading r = site.kind == Site::Kind::unusable ? Reading{} : reading(e.bands.cumulation_band(c), true, c);
        sites::CumulationCheck cc;
        cc.name = rule.name;
        cc.unit = rule.unit();
        cc.polygon_site = polygon;
        cc.value = r.value;
        cc.mean = r.mean;
        cc.unknown_share = r.unknown_share;
        cc.percentile = sites::percent_at_or_below(e.zone_means[c], r.mean);
        const CumulationAdvisory& a = e.standards.cumulations[c];
        cc.advisory_at = a.level;
        cc.advisory_source = a.source;
        cc.advisory_confidence = a.confidence;
        if (a.level) {
            if (site.kind != Site::Kind::unusable) cc.placeholder_methods = placeholder_methods(e, c, zone, point);
            cc.status = sites::compare(r.value, *a.level);
            // Below the level where known, but part of the site is unknown: it could reach it there.
            if (r.unknown_share > 0 && cc.status == sites::Status::below) cc.status = sites::Status::unknown;
        }
        o.cumulations.push_back(std::move(cc));
    }
    o.assessment = sites::assess(o.layers, o.cumulations);
    if (site.kind == Site::Kind::unusable) o.assessment.reasons = {site.problem};
    return o;
}

}  // namespace burdenmap
