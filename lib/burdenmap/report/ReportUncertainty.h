#pragma once
// The report's section "How sure is the ranking" (internal to lib/burdenmap/report), when the run
// had [uncertainty]: its zones table then has, per ranked measure M (the headline burden, the
// fairness index), M_rank, M_rank_p05/_p50/_p95, M_p_top_decile and M_rank_class (README
// "Uncertainty"). From those columns and run.json's "uncertainty" object (draw count, sources,
// roles): a rank-interval chart of the headline's top zones and one sentence per measure on how
// many of its top tenth are surely in. Every number is counted here from the columns, so the
// wording follows the run, never an example.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/report/ReportModel.h"
#include "burdenmap/report/ReportText.h"

namespace burdenmap::report::detail {

// The zones columns M that have the full set of rank columns, in column order.
std::vector<std::string> ranked_measures(const Table& zones);

// How a set of zones (the top tenth by point rank, or the zones a threshold index flags) holds up
// over the draws, from each zone's share of draws p in the set (p_top_decile, p_flagged).
struct Sureness {
    std::size_t members = 0;          // zones in the set by the point result
    std::size_t surely = 0;           // … with p >= 0.9
    std::size_t edge = 0;             // … with 0.1 < p < 0.9
    std::size_t rarely = 0;           // … with p <= 0.1
    std::size_t without_draws = 0;    // … with no p (never ranked in a draw)
    std::size_t outsiders_often = 0;  // zones outside the set with p > 0.1
};
Sureness count_sureness(const std::vector<bool>& member, const std::vector<std::optional<double>>& p);

// The top tenth of a measure by its point rank: zones whose M_rank is at most ceil(n / 10), n =
// the zones with a rank (ties at the cut-off are all in, as in every draw). `cut_off` gets
// ceil(n / 10), `ranked` n.
std::vector<bool> top_tenth(const Table& zones, const std::string& measure, std::size_t& cut_off, std::size_t& ranked);

// "Of the 9 neighbourhoods in the top tenth by stapeling (ranks 1 to 9 of the 86 ranked), 3 are
// surely in (…)": `measure_words` names the measure, `draws` the draw count when run.json gives it.
std::string top_tenth_sentence(const Sureness& s, const std::string& measure_words, std::size_t cut_off,
                               std::size_t ranked, std::optional<long long> draws);

// The same for a threshold index's flag (CEJST's cejst_final with cejst_final_p_flagged).
std::string flagged_sentence(const Sureness& s, const std::string& flag_column, std::optional<long long> draws);

// Fills uncertainty_intro, _facts, _chart_svg and _chart_caption when the zones have ranked
// measures; leaves them empty otherwise. `headline_column`: the report's headline burden column
// ("" when none), used when run.json does not name the measures' roles.
void add_uncertainty_section(ReportModel& model, const json& manifest, const Table& zones,
                             const std::string& headline_column, const Titles& titles);

}  // namespace burdenmap::report::detail
