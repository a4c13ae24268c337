#include "burdenmap/job/BandSet.h"

namespace burdenmap {
namespace {

// A layer as the codebook names it: its title with its name, or its name.
std::string layer_label(const LayerConfig& l) { return l.title.empty() ? l.name : l.title + " (" + l.name + ")"; }

// A count is GES "stapeling" only when it counts a GES method; other studies count layers too.
bool counts_ges(const CumulationRule& c, const JobPlan& plan) {
    for (std::size_t i : c.layers)
        if (plan.layers[i].method && plan.layers[i].method->info().id.rfind("ges.", 0) == 0) return true;
    return false;
}

}  // namespace

BandSet make_band_set(const JobPlan& plan) {
    BandSet set;
    set.layer_count = plan.layers.size();
    for (const LayerPlan& l : plan.layers) {
        ZonalBand raw;
        raw.kind = ZonalBand::Kind::raw;
        raw.layer = l.config.name;
        raw.prefix = l.config.name;
        raw.meaning = "value of layer " + layer_label(l.config);
        raw.unit = l.unit();
        raw.method = "input";
        raw.source = l.source();
        raw.population_mean = true;

        ZonalBand score;
        score.kind = ZonalBand::Kind::score;
        score.layer = l.config.name;
        score.prefix = l.config.name + "_score";
        if (!l.scored()) {
            raw.meaning += " (no method: raw statistics only)";
            score.absent = true;
            set.zonal.push_back(raw);
            set.zonal.push_back(score);
            continue;
        }
        const MethodInfo& m = l.method->info();
        const std::string source = m.provenance.source + (m.provenance.edition.empty() ? "" : ", " + m.provenance.edition);
        if (!m.quantity.empty()) raw.meaning += " (" + m.quantity + ")";
        set.zonal.push_back(raw);
        score.meaning = "score of layer " + layer_label(l.config) + " by " + m.title;
        score.unit = l.method->score_unit();
        score.method = m.id;
        score.source = source;
        if (l.method->integer_scores()) {
            score.thresholds = {static_cast<double>(m.flag_at)};
            score.integer_valued = true;
            score.population_classes = l.method->max_score() + 1;
        } else {
            score.population_mean = true;  // a curve: residents-weighted mean (e.g. % highly annoyed)
        }
        set.zonal.push_back(score);
    }
    for (const CumulationRule& c : plan.cumulations) {
        ZonalBand b;
        b.kind = ZonalBand::Kind::cumulation;
        b.prefix = c.name;
        b.unit = c.unit();
        b.method = to_string(c.kind);
        std::string names;
        for (std::size_t i : c.layers) names += (names.empty() ? "" : ", ") + layer_label(plan.layers[i].config);
        switch (c.kind) {
            case CumulationKind::count_at_least:
                b.meaning = "number of layers at or above their burden level (" + names + ")" +
                            (counts_ges(c, plan) ? "; GES-style stapeling, scores not summed" : "; scores counted, not summed");
                for (std::size_t k = 1; k <= c.layers.size(); ++k) b.thresholds.push_back(static_cast<double>(k));
                b.integer_valued = true;
                b.population_classes = static_cast<int>(c.layers.size()) + 1;
                break;
            case CumulationKind::energetic_sum:
                b.meaning = "energetic sum 10*log10(sum 10^(L/10)) of " + names + ", without corrections";
                break;
            case CumulationKind::weighted_sum:
                b.meaning = "weighted sum of the " + std::string(c.raw_values ? "raw values (layers without a method)" : "scores") +
                            " of " + names;
                break;
            case CumulationKind::max:
                b.meaning = "highest " + std::string(c.raw_values ? "raw value (layers without a method)" : "score") + " of " + names;
                break;
            case CumulationKind::health_burden:
                b.meaning = "health burden: DALYs per 1000 residents per year summed over the outcomes of " + names +
                            " (MGR-style common health unit)";
                break;
            case CumulationKind::health_cases:
            case CumulationKind::health_daly: {
                const HealthOutcome& o = c.outcomes.front();
                b.meaning = std::string(c.kind == CumulationKind::health_cases ? "attributable cases" : "DALYs") +
                            " per 1000 residents per year of " + o.curve->parameters().outcome + " from " +
                            plan.layers[o.layer].config.name + " (" + o.curve->info().id + ")";
                b.source = o.curve->info().provenance.source + "; parameters: " + o.source;
                break;
            }
        }
        b.population_mean = !b.integer_valued;
        set.zonal.push_back(b);
    }
    for (std::size_t c = 0; c < plan.cumulations.size(); ++c) {
        if (!plan.cumulations[c].is_count()) continue;
        ZonalBand& count = set.zonal[set.cumulation_band(c)];
        count.completeness_band = set.zonal.size();
        set.counts.push_back(c);
        ZonalBand b;
        b.kind = ZonalBand::Kind::completeness;
        b.prefix = count.prefix;
        b.unit = "0-1";
        b.method = count.method;
        b.meaning = "share of the zone's covered area where every layer of " + count.prefix + " has data" +
                    (plan.cumulations[c].incomplete_is_nodata
                         ? " (missing = nodata: the statistics of " + count.prefix + " cover this part only)"
                         : " (missing = skip: elsewhere a layer without data is not counted, so the count may be too low)");
        set.zonal.push_back(b);
    }
    return set;
}

std::size_t headline_band(const JobPlan& plan, const BandSet& bands) {
    for (std::size_t c = 0; c < plan.cumulations.size(); ++c)
        if (plan.cumulations[c].is_count()) return bands.cumulation_band(c);
    if (!plan.cumulations.empty()) return bands.cumulation_band(0);
    for (std::size_t i = 0; i < plan.layers.size(); ++i)
        if (plan.layers[i].scored()) return bands.score_band(i);
    return bands.raw_band(0);
}

}  // namespace burdenmap
