// The order of the most burdened zones (core/ZoneRanking.h): the headline, then the stated
// tie-break keys (share at the highest level, population-weighted mean, zone id), never the
// input's row order.
#include <catch2/catch.hpp>

#include "burdenmap/core/ZoneRanking.h"

using namespace burdenmap;

TEST_CASE("ranking: ties on the headline broken by the share at the highest level, then the population mean, then the id",
          "[ranking]") {
    // Rows 0..4 all tie at 2 (every cell of each zone has 2 of 2 layers at their level, say).
    const std::vector<RankedZone> zones = {
        {0, 2.0, 1.0, 1.5, "E05"},
        {1, 2.0, 1.0, 1.9, "E04"},  // same share as row 0, higher population mean
        {2, 2.0, 1.0, 1.9, "E01"},  // ties row 1 on both keys: the lower id first
        {3, 1.0, 1.0, 2.0, "E00"},  // lower headline: last, whatever its keys
        {4, 2.0, std::nullopt, std::nullopt, "A00"},  // no keys: after every zone that has them
    };
    CHECK(rank_zones(zones, 10) == std::vector<std::size_t>{2, 1, 0, 4, 3});
    CHECK(rank_zones(zones, 2) == std::vector<std::size_t>{2, 1});
    // The same zones in another row order: the same ranking.
    std::vector<RankedZone> reversed(zones.rbegin(), zones.rend());
    CHECK(rank_zones(reversed, 10) == std::vector<std::size_t>{2, 1, 0, 4, 3});
}

TEST_CASE("ranking: a higher share at the highest level wins a tie", "[ranking]") {
    const std::vector<RankedZone> zones = {{0, 1.5, 0.2, 9.0, "Z1"}, {1, 1.5, 0.6, 0.0, "Z2"}};
    CHECK(rank_zones(zones, 10) == std::vector<std::size_t>{1, 0});
}

TEST_CASE("ranking: the tie-break columns of a headline, and the keys in words", "[ranking]") {
    const std::vector<std::string> columns = {"zone_id",           "stapeling_mean",     "stapeling_share_ge1",
                                              "stapeling_share_ge3", "stapeling_share_ge2", "stapeling_pop_mean",
                                              "noise_cum_mean",    "noise_cum_share_ge55_5", "noise_cum_share_ge60"};
    const TieBreakColumns count = tie_break_columns(columns, "stapeling_mean");
    CHECK(count.share_at_top == "stapeling_share_ge3");
    CHECK(count.pop_mean == "stapeling_pop_mean");
    CHECK(tie_break_words(count) == "ties broken by stapeling_share_ge3, then stapeling_pop_mean, then the zone id");
    // Levels with a decimal part ("55_5" is 55.5) compare as numbers.
    const TieBreakColumns noise = tie_break_columns(columns, "noise_cum_mean");
    CHECK(noise.share_at_top == "noise_cum_share_ge60");
    CHECK(noise.pop_mean.empty());
    CHECK(tie_break_words(noise) == "ties broken by noise_cum_share_ge60, then the zone id");
    // No such columns: the id alone.
    CHECK(tie_break_words(tie_break_columns(columns, "no2_score_mean")) == "ties broken by the zone id");
}
