// The CEJST adjacency ("donut hole") rule (lib/burdenmap/fair/DonutHole.h) on a hand-drawn 3x3
// grid of square zones. Rule: [V-code] usds/justice40-tool score/utils.py: mean of the
// neighbours' pre-donut flags >= 1.0 AND low-income percentile >= 0.50; one pass; queen contiguity.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "burdenmap/fair/DonutHole.h"
#include "support/TestValues.h"

using namespace burdenmap::fair;
using Catch::Matchers::Contains;

namespace {

using burdenmap::test::NUL;

// 0 | 1 | 2
// 3 | 4 | 5     queen contiguity: a shared edge or a shared corner (geopandas "touches")
// 6 | 7 | 8
const Neighbours kQueen = {{1, 3, 4},       {0, 2, 3, 4, 5},          {1, 4, 5},
                           {0, 1, 4, 6, 7}, {0, 1, 2, 3, 5, 6, 7, 8}, {1, 2, 4, 7, 8},
                           {3, 4, 7},       {3, 4, 5, 6, 8},          {4, 5, 7}};

std::vector<bool> all_but(std::initializer_list<std::size_t> unflagged) {
    std::vector<bool> f(9, true);
    for (auto z : unflagged) f[z] = false;
    return f;
}

ZoneValues income_with(std::size_t zone, std::optional<double> value) {
    ZoneValues v(9, 0.9);
    v[zone] = value;
    return v;
}

}  // namespace

TEST_CASE("donut hole: a centre ringed by 8 flagged zones, low income exactly at 0.50") {
    const auto r = apply_donut_hole(all_but({4}), kQueen, income_with(4, 0.50));
    CHECK(r.neighbour_count[4] == 8);
    CHECK(*r.neighbour_share[4] == 8.0 / 8);
    CHECK(r.donut_hole[4]);  // 1.0 >= 1.0 and 0.50 >= 0.50
    CHECK(r.final_flag[4]);
    // Corner 0 touches 1, 3 and the centre 4 (by a vertex): 2 of 3 flagged.
    CHECK(*r.neighbour_share[0] == 2.0 / 3);
    CHECK_FALSE(r.donut_hole[0]);
    CHECK(r.final_flag[0]);  // flagged itself
}

TEST_CASE("donut hole: low income below 0.50 or NULL does not qualify") {
    CHECK_FALSE(apply_donut_hole(all_but({4}), kQueen, income_with(4, 0.49)).donut_hole[4]);
    CHECK_FALSE(apply_donut_hole(all_but({4}), kQueen, income_with(4, NUL)).donut_hole[4]);
}

TEST_CASE("donut hole: a corner surrounded by its three queen neighbours") {
    const auto r = apply_donut_hole(all_but({0}), kQueen, income_with(0, 0.6));
    CHECK(r.neighbour_count[0] == 3);
    CHECK(r.donut_hole[0]);
}

TEST_CASE("donut hole: a diagonal (vertex-only) neighbour counts, as queen contiguity says") {
    // Corner 0 and centre 4 unflagged. With rook contiguity 0 would see only 1 and 3 (both flagged)
    // and become a donut; with queen contiguity it also sees 4 → 2/3 → no donut.
    const auto r = apply_donut_hole(all_but({0, 4}), kQueen, income_with(0, 0.9));
    CHECK(*r.neighbour_share[0] == 2.0 / 3);
    CHECK_FALSE(r.donut_hole[0]);
    CHECK(*r.neighbour_share[4] == 7.0 / 8);
    CHECK_FALSE(r.donut_hole[4]);
}

TEST_CASE("donut hole: one pass on the pre-donut flags") {
    // With a looser share threshold of 0.8 the centre (7/8 = 0.875) becomes a donut. Corner 0
    // (2/3, because the centre was not flagged before the pass) does not, although a second pass
    // would make it 3/3: `_mark_donut_hole_tracts` makes a single pass, with no iteration.
    DonutHoleOptions loose;
    loose.neighbour_share_at_least = 0.8;
    ZoneValues income(9, 0.9);
    const auto r = apply_donut_hole(all_but({0, 4}), kQueen, income, loose);
    CHECK(r.donut_hole[4]);
    CHECK_FALSE(r.donut_hole[0]);
    CHECK_FALSE(r.final_flag[0]);
}

TEST_CASE("donut hole: isolated zones, self and repeated neighbours, bad indices") {
    // Zone 1 lists itself and zone 0 twice; zone 2 has no neighbours (an island).
    const Neighbours nb = {{1}, {1, 0, 0}, {}};
    const auto r = apply_donut_hole({true, false, false}, nb, {0.9, 0.9, 0.9});
    CHECK(r.neighbour_count[1] == 1);
    CHECK(*r.neighbour_share[1] == 1.0);
    CHECK(r.donut_hole[1]);
    CHECK_FALSE(r.neighbour_share[2].has_value());  // pandas: NaN after the left merge
    CHECK_FALSE(r.donut_hole[2]);
    REQUIRE_THROWS_WITH(apply_donut_hole({true, false}, {{1}, {5}}, {0.9, 0.9}), Contains("lists neighbour 5"));
    REQUIRE_THROWS_AS(apply_donut_hole({true}, {{}, {}}, {0.9}), std::invalid_argument);
}
