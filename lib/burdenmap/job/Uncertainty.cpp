#include "burdenmap/job/Uncertainty.h"

#include <cmath>
#include <map>
#include <memory>
#include <sstream>

#include <tbb/blocked_range.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "burdenmap/core/Errors.h"
#include "burdenmap/core/NaN.h"
#include "burdenmap/core/Stopwatch.h"
#include "burdenmap/fair/ConcentrationIndex.h"
#include "burdenmap/fair/IncomeGroups.h"
#include "burdenmap/job/FairnessColumns.h"
#include "burdenmap/job/FairnessPresets.h"
#include "burdenmap/uncertainty/DrawRandom.h"

namespace burdenmap {
namespace {

using fair::ZoneValues;
using uncertainty::Channel;
using uncertainty::ErrorDraw;

// Streams of the random numbers (uncertainty/DrawRandom.h): a layer's four normals, a
// cumulation's option draws, the percentile rule, each relative risk. Fixed numbers, so adding a
// source to a config never changes the numbers another source draws.
constexpr std::uint64_t kLayerStream = 0;            // + 4·layer + 0..3
constexpr std::uint64_t kCumulationStream = 1000000;  // + 1000·cumulation + layer (weights) or 999 (level)
constexpr std::uint64_t kPercentileStream = 2000000;
constexpr std::uint64_t kRiskStream = 3000000;       // + relative-risk index

// What one draw chose for the method sources.
struct DrawChoices {
    std::vector<double> level;                    // per cumulation: the drawn count level; NaN: its own levels
    std::vector<std::vector<double>> weights;     // per cumulation, per layer of the rule
    std::optional<fair::PercentileRule> rule;     // nullopt: each indicator's own
    std::vector<std::vector<HealthOutcome>> outcomes;  // per cumulation: its outcomes with drawn relative risks
};

class DrawEngine {
public:
    DrawEngine(const JobPlan& plan, const std::vector<std::optional<ZoneStats>>& stats, const ZoneColumns& zones)
        : plan_(plan), u_(plan.uncertainty), stats_(stats), zones_(zones) {}

    const ZoneValues& point(const std::string& column) {
        auto it = points_.find(column);
        if (it == points_.end()) it = points_.emplace(column, zones_.values(column)).first;
        return it->second;
    }
    // Before the parallel draws: every column they read, so point() is only read concurrently.
    void cache(const std::string& column) { point(column); }
    const ZoneValues& cached(const std::string& column) const { return points_.at(column); }

    DrawChoices choose(std::size_t d) const {
        DrawChoices ch;
        const std::uint64_t seed = u_.seed;
        for (std::size_t c = 0; c < plan_.cumulations.size(); ++c) {
            const std::vector<double>& options = u_.at_least_options[c];
            double level = kNaN;
            if (!options.empty()) {
                const double u = uncertainty::uniform_open(seed, d, kCumulationStream + 1000 * c + 999, 0);
                level = options[std::min(options.size() - 1, static_cast<std::size_t>(u * static_cast<double>(options.size())))];
            }
            ch.level.push_back(level);
            std::vector<double> w;
            for (std::size_t i = 0; i < u_.weight_ranges[c].size(); ++i) {
                const auto [lo, hi] = u_.weight_ranges[c][i];
                if (lo == hi) {
                    w.push_back(lo);
                    continue;
                }
                const double u = uncertainty::uniform_open(seed, d, kCumulationStream + 1000 * c + i, 0);
                w.push_back(std::exp(std::log(lo) + u * (std::log(hi) - std::log(lo))));  // log-uniform: median sqrt(lo·hi)
            }
            ch.weights.push_back(w);
            ch.outcomes.push_back(plan_.cumulations[c].outcomes);
        }
        if (!u_.percentile_options.empty()) {
            const double u = uncertainty::uniform_open(seed, d, kPercentileStream, 0);
            const std::size_t n = u_.percentile_options.size();
            ch.rule = u_.percentile_options[std::min(n - 1, static_cast<std::size_t>(u * static_cast<double>(n)))];
        }
        for (std::size_t r = 0; r < u_.relative_risks.size(); ++r) {
            const RelativeRiskDraw& rr = u_.relative_risks[r];
            const double z = std::clamp(uncertainty::standard_normal(seed, d, kRiskStream + r, 0), -uncertainty::kMaxSigma, uncertainty::kMaxSigma);
            const double drawn = std::exp(std::log(rr.rr) + rr.sigma_log * z);
            for (const auto& [cumulation, outcome] : rr.outcomes) {
                HealthOutcome& o = ch.outcomes[cumulation][outcome];
                CurveParameters p = o.curve->parameters();
                p.rr = drawn;  // one draw: its own interval no longer applies (a draw may lie outside it)
                p.rr_low = p.rr_high = std::nullopt;
                o.curve = std::make_shared<const ExposureResponse>(o.curve->info(), p);
            }
        }
        return ch;
    }

    ErrorDraw error(std::size_t d, std::size_t layer, std::size_t zone) const {
        const uncertainty::LayerError& e = u_.layer_errors[layer];
        if (!e.any()) return {};
        const std::uint64_t s = kLayerStream + 4 * layer, seed = u_.seed;
        const auto normal = [&](std::uint64_t stream, std::uint64_t index, double sd) {
            return sd > 0 ? uncertainty::standard_normal(seed, d, stream, index) : 0.0;
        };
        return uncertainty::draw_error(e, normal(s, zone, e.sd_zone), normal(s + 1, 0, e.sd_study),
                                       normal(s + 2, zone, e.sd_rel_zone), normal(s + 3, 0, e.sd_rel_study));
    }

    // The column's values in draws first, first + 1, ... (choices[i] of draw first + i): per draw,
    // per zone, NaN for NULL. Zone by zone, all draws of the chunk while the zone's histograms
    // are in cache: draw by draw, every draw read every zone's histograms from memory again
    // (perf on the national benchmark: the draws waited on those loads).
    std::vector<std::vector<double>> values(std::size_t first, const std::vector<DrawChoices>& choices, const std::string& column) const {
        const ZoneValues& p = cached(column);
        std::vector<std::vector<double>> out(choices.size(), std::vector<double>(p.size(), kNaN));
        const DrawnColumn* c = u_.drawn(column);
        for (std::size_t z = 0; z < p.size(); ++z) {
            if (!p[z]) continue;
            for (std::size_t i = 0; i < choices.size(); ++i) out[i][z] = c && stats_[z] ? value(first + i, choices[i], *c, z, *p[z]) : *p[z];
        }
        return out;
    }

private:
    // Σ weight·g(score) over a StepHistogram's cells, the layer's values drawn by e (exact sums at
    // the boundaries when `drawn` is false).
    template <class G>
    static double step_sum(const StepSpec& s, const uncertainty::StepHistogram& h, const ErrorDraw& e, bool drawn, G g) {
        const std::vector<float>& b = s.layout->boundaries;
        double prev = g(s.steps.first_score);
        double sum = prev * h.total(Channel::area);
        for (std::size_t j = 0; j < b.size(); ++j) {
            const double gj = g(s.steps.scores[j]);
            if (gj != prev)
                sum += (gj - prev) * (drawn ? h.at_least(j, e.crossing(b[j]), Channel::area) : h.at_least_boundary(j, Channel::area));
            prev = gj;
        }
        return sum;
    }

    // The highest (or lowest) score among the rows that hold cells in the draw.
    static double step_extreme(const StepSpec& s, const uncertainty::StepHistogram& h, const ErrorDraw& e, bool highest, double point) {
        const std::vector<float>& b = s.layout->boundaries;
        const double total = h.total(Channel::area);
        if (total <= 0) return point;
        std::vector<double> at_least(b.size());
        for (std::size_t j = 0; j < b.size(); ++j) at_least[j] = h.at_least(j, e.crossing(b[j]), Channel::area);
        std::optional<double> best;
        for (std::size_t r = 0; r <= b.size(); ++r) {
            const double above = r < b.size() ? at_least[r] : 0.0;
            const double weight = (r == 0 ? total : at_least[r - 1]) - above;
            if (weight <= 1e-9 * total) continue;
            const double score = r == 0 ? s.steps.first_score : s.steps.scores[r - 1];
            if (!best || (highest ? score > *best : score < *best)) best = score;
        }
        return best.value_or(point);
    }

    double value(std::size_t d, const DrawChoices& ch, const DrawnColumn& c, std::size_t z, double point) const {
        using K = DrawnColumn::Kind;
        using S = DrawnColumn::Stat;
        const ZoneStats& st = *stats_[z];
        switch (c.kind) {
            case K::raw: {
                const ErrorDraw e = error(d, c.layer, z);
                return c.stat == S::std ? e.factor * point : e.apply(point);
            }
            case K::score_steps: {
                const StepSpec& s = u_.steps[c.parts[0]];
                const uncertainty::StepHistogram& h = st.steps[c.parts[0]];
                const double total = h.total(Channel::area);
                if (total <= 0) return point;
                const ErrorDraw e = error(d, c.layer, z);
                if (c.stat == S::min || c.stat == S::max) return step_extreme(s, h, e, c.stat == S::max, point);
                const auto g = [&](double score) { return c.stat == S::share_ge ? (score >= c.level ? 1.0 : 0.0) : score; };
                return point + (step_sum(s, h, e, true, g) - step_sum(s, h, e, false, g)) / total;
            }
            case K::count:
            case K::weighted_sum: {
                const double total = st.area[c.band].valid_weight();
                if (total <= 0) return point;
                const CumulationRule& rule = plan_.cumulations[c.cumulation];
                double delta = 0;
                for (std::size_t i = 0; i < rule.layers.size(); ++i) {
                    const StepSpec& s = u_.steps[c.parts[i]];
                    const uncertainty::StepHistogram& h = st.steps[c.parts[i]];
                    const ErrorDraw e = error(d, rule.layers[i], z);
                    if (c.kind == K::count) {
                        const double own = rule.at_least[i];
                        const double level = std::isnan(ch.level[c.cumulation]) ? own : ch.level[c.cumulation];
                        delta += step_sum(s, h, e, true, [level](double v) { return v >= level ? 1.0 : 0.0; }) -
                                 step_sum(s, h, e, false, [own](double v) { return v >= own ? 1.0 : 0.0; });
                    } else {
                        const auto same = [](double v) { return v; };
                        delta += ch.weights[c.cumulation][i] * step_sum(s, h, e, true, same) - rule.weights[i] * step_sum(s, h, e, false, same);
                    }
                }
                return point + delta / total;
            }
            case K::score_curve:
            case K::health: {
                const bool residents = c.stat == S::pop_mean;
                const bool channel = residents && !st.population.empty() && !st.exposures.empty() && st.exposures[c.parts[0]].has_residents();
                const double total = channel ? st.population[c.band].residents() : st.area[c.band].valid_weight();
                if (total <= 0) return point;
                const Channel ch_weight = channel ? Channel::residents : Channel::area;
                double delta = 0;
                if (c.kind == K::score_curve) {
                    const auto* curve = static_cast<const ExposureResponse*>(plan_.layers[c.layer].method.get());
                    const ErrorDraw e = error(d, c.layer, z);
                    const uncertainty::ExposureHistogram& h = st.exposures[c.parts[0]];
                    delta = h.sum_of([&](double v) { return curve->evaluate(e.apply(v)); }, ch_weight) -
                            h.sum_of([&](double v) { return curve->evaluate(v); }, ch_weight);
                } else {
                    const CumulationRule& rule = plan_.cumulations[c.cumulation];
                    const bool cases = rule.kind == CumulationKind::health_cases;
                    for (std::size_t o = 0; o < rule.outcomes.size(); ++o) {
                        const HealthOutcome& base = rule.outcomes[o];
                        const HealthOutcome& drawn = ch.outcomes[c.cumulation][o];
                        const ErrorDraw e = error(d, base.layer, z);
                        const uncertainty::ExposureHistogram& h = st.exposures[c.parts[o]];
                        delta += h.sum_of([&](double v) { return cases ? drawn.cases_per_1000(e.apply(v)) : drawn.daly_per_1000(e.apply(v)); }, ch_weight) -
                                 h.sum_of([&](double v) { return cases ? base.cases_per_1000(v) : base.daly_per_1000(v); }, ch_weight);
                    }
                }
                return point + delta / total;
            }
        }
        return point;
    }

    const JobPlan& plan_;
    const UncertaintyPlan& u_;
    const std::vector<std::optional<ZoneStats>>& stats_;
    const ZoneColumns& zones_;
    std::map<std::string, ZoneValues> points_;
};

ZoneValues as_zone_values(const std::vector<double>& v) {
    ZoneValues out;
    out.reserve(v.size());
    for (double x : v) out.push_back(std::isnan(x) ? std::nullopt : std::optional<double>(x));
    return out;
}
std::vector<double> as_doubles(const ZoneValues& v) {
    std::vector<double> out;
    out.reserve(v.size());
    for (const auto& x : v) out.push_back(x ? *x : kNaN);
    return out;
}
// Values as the ranks compare them (uncertainty::rank_key).
std::vector<double> rank_keys(std::vector<double> v) {
    for (double& x : v) x = uncertainty::rank_key(x);
    return v;
}

RankedMeasure summarise(const std::string& column, const std::string& role, const ZoneValues& point, const uncertainty::RankDraws& draws) {
    RankedMeasure m;
    m.column = column;
    m.role = role;
    const std::vector<double> p = rank_keys(as_doubles(point));
    std::size_t valued = 0;
    for (const std::uint32_t r : uncertainty::competition_ranks(p)) {
        m.point_rank.push_back(r ? std::optional<double>(r) : std::nullopt);
        if (r) ++valued;
    }
    m.top_decile_size = uncertainty::top_decile_size(valued);
    m.zones = draws.summarise();
    for (const auto& z : m.zones) {
        if (!z.rank_class) continue;
        if (*z.rank_class == uncertainty::RankClass::surely_in) ++m.surely_in;
        else if (*z.rank_class == uncertainty::RankClass::edge) ++m.edge;
        else ++m.surely_out;
    }
    return m;
}

FieldValue integer_or_null(const std::optional<double>& v) { return v ? FieldValue(static_cast<long long>(std::llround(*v))) : FieldValue(); }

void add_columns(const RankedMeasure& m, std::size_t draws, UncertaintyResult& r) {
    const std::string c = m.column;
    const std::string n = std::to_string(draws);
    auto add = [&](FieldSpec spec, auto value_of) {
        r.zone_fields.push_back(std::move(spec));
        for (std::size_t z = 0; z < r.zone_values.size(); ++z) r.zone_values[z].push_back(value_of(z));
    };
    if (m.flag) {
        add({c + "_p_flagged", FieldType::real, "share of the " + n + " uncertainty draws in which the zone is flagged (" + c + " = 1)", "0-1", "uncertainty", ""},
            [&](std::size_t z) { return opt(m.p_flagged[z]); });
        return;
    }
    add({c + "_rank", FieldType::integer, "rank of the zone by " + c + " (1 = most burdened; ties share the best rank)", "rank", "uncertainty", ""},
        [&](std::size_t z) { return integer_or_null(m.point_rank[z]); });
    const std::pair<const char*, const char*> percentiles[] = {{"p05", "5th"}, {"p50", "50th (median)"}, {"p95", "95th"}};
    for (const auto& [suffix, words] : percentiles)
        add({c + "_rank_" + suffix, FieldType::integer, std::string(words) + " percentile of the zone's rank by " + c + " over the " + n + " uncertainty draws", "rank", "uncertainty", ""},
            [&, s = std::string(suffix)](std::size_t z) {
                const auto& zs = m.zones[z];
                return integer_or_null(s == "p05" ? zs.p05 : s == "p50" ? zs.p50 : zs.p95);
            });
    add({c + "_p_top_decile", FieldType::real, "share of the " + n + " uncertainty draws in which the zone is in the top tenth by " + c, "0-1", "uncertainty", ""},
        [&](std::size_t z) { return opt(m.zones[z].p_top_decile); });
    add({c + "_rank_class", FieldType::text, "surely in (in the top tenth in >= 90 % of the draws), edge, or surely out (<= 10 %) by " + c, "", "uncertainty", ""},
        [&](std::size_t z) { return m.zones[z].rank_class ? FieldValue(std::string(uncertainty::to_string(*m.zones[z].rank_class))) : FieldValue(); });
}

std::string summary_line(const RankedMeasure& m, std::size_t draws) {
    std::ostringstream s;
    s.imbue(std::locale::classic());
    if (m.flag) {
        std::size_t sure = 0, edge = 0;
        for (const auto& p : m.p_flagged) {
            if (!p) continue;
            if (*p >= 0.9) ++sure;
            else if (*p > 0.1) ++edge;
        }
        s << m.column << ": " << sure << " zone(s) flagged in >= 90 % of " << draws << " draws, " << edge << " on the edge (10-90 %)";
        return s.str();
    }
    std::size_t in_top = 0, sure = 0, edge = 0, out = 0, outside_reaching = 0;
    for (std::size_t z = 0; z < m.zones.size(); ++z) {
        const auto& zs = m.zones[z];
        if (!zs.rank_class) continue;
        const bool top = m.point_rank[z] && *m.point_rank[z] <= static_cast<double>(m.top_decile_size);
        if (top) {
            ++in_top;
            if (*zs.rank_class == uncertainty::RankClass::surely_in) ++sure;
            else if (*zs.rank_class == uncertainty::RankClass::edge) ++edge;
            else ++out;
        } else if (zs.p_top_decile && *zs.p_top_decile > 0.1) {
            ++outside_reaching;
        }
    }
    s << m.column << " (" << draws << " draws): of the " << in_top << " zone(s) in the top tenth, " << sure << " surely in (>= 90 % of draws), "
      << edge << " on the edge, " << out << " in <= 10 %; " << outside_reaching << " zone(s) outside it reach the top tenth in > 10 %";
    return s.str();
}

}  // namespace

UncertaintyResult compute_uncertainty(const JobPlan& plan, const std::vector<std::optional<ZoneStats>>& stats,
                                      const std::vector<FieldSpec>& fields, const std::vector<std::vector<FieldValue>>& rows,
                                      FairnessResult& fairness, int threads) {
    const auto start = SteadyClock::now();
    UncertaintyResult r;
    const UncertaintyPlan& u = plan.uncertainty;
    if (!u.enabled) return r;
    r.enabled = true;
    const std::size_t n = plan.zones.size();
    const std::size_t draws = static_cast<std::size_t>(u.draws);
    const ZoneColumns zones(fields, rows);
    DrawEngine engine(plan, stats, zones);

    const FairnessPlan& fp = plan.fairness;
    const FairnessConfig& fc = plan.config.fairness;
    const bool index = !u.index_column.empty();
    engine.cache(u.headline);
    std::vector<std::string> indicator_columns;
    if (index)
        for (const FairnessIndicatorPlan& ip : fp.indicators)
            if (!ip.zones_column.empty()) engine.cache(ip.zones_column);
    // Indicators read from the joined table never change.
    std::vector<ZoneValues> fixed_indicators;
    if (index)
        for (std::size_t i = 0; i < fp.indicators.size(); ++i) fixed_indicators.push_back(indicator_values(plan, zones, i));
    const bool fairness_draws = fairness.enabled;
    ZoneValues income, group_weights;
    fair::IncomeOrder order = fair::IncomeOrder::higher_is_poorer;
    if (fairness_draws) {
        income = zones.values(fc.income);
        order = fair::income_order_from_string(fc.income_order);
        group_weights = fp.groups_of_zones ? fair::equal_zone_weights(n)
                                           : (fp.population_column.empty() ? ZoneValues(n) : zones.values(fp.population_column));
    }

    uncertainty::RankDraws headline_ranks(n, draws);
    uncertainty::RankDraws index_ranks(index && !u.index_is_flag ? n : 0, index && !u.index_is_flag ? draws : 0);
    uncertainty::FlagDraws index_flags(index && u.index_is_flag ? n : 0, index && u.index_is_flag ? draws : 0);
    std::vector<double> concentration(draws, kNaN), quintile_ratio(draws, kNaN);

    // Draws in chunks: each chunk's columns zone by zone (DrawEngine::values), then each draw's
    // ranks, index and fairness measures, kept by draw index (any thread count, the same bits).
    constexpr std::size_t kChunk = 16;
    auto run_chunk = [&](std::size_t first, std::size_t end) {
        std::vector<DrawChoices> choices;
        for (std::size_t d = first; d < end; ++d) choices.push_back(engine.choose(d));
        const std::vector<std::vector<double>> headline = engine.values(first, choices, u.headline);
        std::vector<std::vector<std::vector<double>>> drawn_indicators(fp.indicators.size());
        if (index)
            for (std::size_t i = 0; i < fp.indicators.size(); ++i)
                if (u.drawn(fp.indicators[i].zones_column)) drawn_indicators[i] = engine.values(first, choices, fp.indicators[i].zones_column);
        for (std::size_t d = first; d < end; ++d) {
            const std::size_t k = d - first;
            headline_ranks.set_draw(d, rank_keys(headline[k]));
            if (fairness_draws) {
                const ZoneValues h = as_zone_values(headline[k]);
                if (auto ci = fair::concentration_index(h, income, order, group_weights)) concentration[d] = ci->index;
                const fair::IncomeGroupTable t = fair::income_group_table(income, order, group_weights, 5, {{u.headline, h}});
                if (t.lowest_to_highest_ratio[0]) quintile_ratio[d] = *t.lowest_to_highest_ratio[0];
            }
            if (!index) continue;
            std::vector<ZoneValues> values = fixed_indicators;
            for (std::size_t i = 0; i < fp.indicators.size(); ++i)
                if (!drawn_indicators[i].empty()) values[i] = as_zone_values(drawn_indicators[i][k]);
            ZoneValues idx;
            try {
                idx = fairness_index_draw(plan, zones, values, choices[k].rule, u.index_column);
            } catch (const InputError& e) {  // a preset refusing a draw's values: say which draw
                throw InputError("uncertainty draw " + std::to_string(d + 1) + " of " + std::to_string(draws) + ": " + e.what());
            }
            if (u.index_is_flag) {
                std::vector<signed char> flags;
                for (const auto& v : idx) flags.push_back(v ? (*v >= 0.5 ? 1 : 0) : -1);
                index_flags.set_draw(d, flags);
            } else {
                index_ranks.set_draw(d, rank_keys(as_doubles(idx)));
            }
        }
    };
    tbb::task_arena arena(threads > 0 ? threads : tbb::info::default_concurrency());
    arena.execute([&] {
        tbb::parallel_for(tbb::blocked_range<std::size_t>(0, (draws + kChunk - 1) / kChunk, 1), [&](const tbb::blocked_range<std::size_t>& range) {
            for (std::size_t c = range.begin(); c != range.end(); ++c) run_chunk(c * kChunk, std::min(draws, (c + 1) * kChunk));
        });
    });

    r.zone_values.resize(n);
    r.measures.push_back(summarise(u.headline, "headline", engine.cached(u.headline), headline_ranks));
    if (index) {
        const ZoneValues point = zones.values(u.index_column);
        if (u.index_is_flag) {
            RankedMeasure m;
            m.column = u.index_column;
            m.role = "index";
            m.flag = true;
            m.p_flagged = index_flags.p_flagged();
            r.measures.push_back(m);
        } else {
            r.measures.push_back(summarise(u.index_column, "index", point, index_ranks));
        }
    }
    for (const RankedMeasure& m : r.measures) {
        add_columns(m, draws, r);
        r.summary.push_back(summary_line(m, draws));
    }
    if (fairness_draws) {
        fairness.intervals = true;
        const auto ci = uncertainty::interval_of(concentration), ratio = uncertainty::interval_of(quintile_ratio);
        for (std::size_t k = 0; k < fairness.measures.size(); ++k) {
            const FairnessMeasure& m = fairness.measures[k];
            if (m.burden != u.headline) continue;
            const std::optional<uncertainty::Interval>* i =
                m.measure == "concentration_index" ? &ci : m.measure == "lowest_to_highest_quintile_ratio" ? &ratio : nullptr;
            if (i && *i) fairness.measure_intervals[k] = {(*i)->p05, (*i)->p95};
        }
    }
    r.seconds = seconds_since(start);
    return r;
}

}  // namespace burdenmap
