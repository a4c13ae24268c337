// job/ShardPlan on plans made by hand (a grid, zones as polygons, no file read): shards are
// contiguous window ranges covering every window once, balanced by the cells inside zones rather
// than by area, each within the per-shard cell limit; their rasters are at most three rectangles.
#include <catch2/catch.hpp>

#include <memory>
#include <random>
#include <vector>

#include "burdenmap/core/Errors.h"
#include "burdenmap/job/ShardPlan.h"

using namespace burdenmap;
using Catch::Matchers::Contains;

namespace {

// A grid of cols x rows 1 m cells with top-left (0, rows) and one zone per given box.
JobPlan hand_plan(int cols, int rows, int block, const std::vector<Box>& zones) {
    JobPlan plan;
    plan.grid = Grid(0, rows, 1, 1, cols, rows);
    plan.block_size = block;
    std::vector<Box> bounds;
    for (const Box& b : zones) {
        Zone z;
        z.id = "z" + std::to_string(plan.zones.size());
        z.geometry = {Polygon{{{b.xmin, b.ymin}, {b.xmax, b.ymin}, {b.xmax, b.ymax}, {b.xmin, b.ymax}}, {}}};
        z.bounds = b;
        plan.zones.push_back(z);
        bounds.push_back(b);
    }
    plan.zone_index = std::make_shared<ZoneIndex>(bounds);
    return plan;
}

void require_partition(const std::vector<ShardRange>& shards, std::size_t windows) {
    std::size_t next = 0;
    for (std::size_t i = 0; i < shards.size(); ++i) {
        REQUIRE(shards[i].index == i);
        REQUIRE(shards[i].first_window == next);
        REQUIRE(shards[i].end_window > shards[i].first_window);
        next = shards[i].end_window;
    }
    REQUIRE(next == windows);
}

}  // namespace

TEST_CASE("shards balance the cells inside zones, not the area", "[shards]") {
    // 1000 x 600 cells in 100-cell windows (10 per row, 60 in all); the zone covers the top half
    // (land), the bottom half is sea. By area 3 shards would get 20 windows each; a land window
    // (0-29) costs three times a sea window. With 6 rows of windows for 3 shards, boundaries fall
    // on the rows nearest to 1/3 and 2/3 of the cost: windows 10 and 30.
    const JobPlan plan = hand_plan(1000, 600, 100, {Box{0, 300, 1000, 600}});
    const auto shards = plan_shards(plan, 3);
    require_partition(shards, 60);
    REQUIRE(shards[0].windows() == 10);
    REQUIRE(shards[1].windows() == 20);
    REQUIRE(shards[2].windows() == 30);
    REQUIRE(shards[0].zone_cells == 10 * 100 * 100);
    REQUIRE(shards[1].zone_cells == 20 * 100 * 100);
    REQUIRE(shards[2].zone_cells == 0);
    REQUIRE(shards[2].cells == 30 * 100 * 100);
    REQUIRE(shards[0].zones == 1);
    // Fewer than two rows per shard: boundaries at single windows, where the cost reaches 1/4,
    // 1/2 and 3/4 of the total (land windows 0-29 hold 3/4 of it).
    const auto four = plan_shards(plan, 4);
    require_partition(four, 60);
    REQUIRE(four[0].end_window == 10);
    REQUIRE(four[1].end_window == 20);
    REQUIRE(four[2].end_window == 30);
    REQUIRE(four[3].windows() == 30);
}

TEST_CASE("with two rows of windows per shard, every shard is whole rows", "[shards]") {
    const JobPlan plan = hand_plan(1000, 2000, 100, {Box{0, 0, 700, 2000}, Box{700, 1000, 1000, 1400}});  // 20 rows of 10
    for (std::size_t n = 1; n <= 10; ++n) {
        INFO(n << " shards");
        const auto shards = plan_shards(plan, n);
        require_partition(shards, 200);
        for (const ShardRange& s : shards) {
            REQUIRE(s.first_window % 10 == 0);
            REQUIRE(s.windows() % 10 == 0);
            const BlockLayout layout(1000, 2000, 100);
            REQUIRE(window_rectangles(layout, s.first_window, s.end_window).size() == 1);
        }
    }
}

TEST_CASE("zone cells are estimated from the zone polygons, not their bounding boxes", "[shards]") {
    // A triangle over the lower-left half of a 200 x 200 grid: half of its single window.
    JobPlan plan = hand_plan(200, 200, 200, {});
    Zone z;
    z.id = "triangle";
    z.geometry = {Polygon{{{0, 0}, {200, 0}, {0, 200}}, {}}};
    z.bounds = Box{0, 0, 200, 200};
    plan.zones.push_back(z);
    plan.zone_index = std::make_shared<ZoneIndex>(std::vector<Box>{z.bounds});
    const auto cells = window_zone_cells(plan, BlockLayout(200, 200, 200));
    REQUIRE(cells.size() == 1);
    // 8 x 8 samples at cell centres: 28 of 64 lie strictly below the diagonal.
    REQUIRE(cells[0] == 40000u * 28u / 64u);
}

TEST_CASE("every shard has a window, whatever the count", "[shards]") {
    const JobPlan plan = hand_plan(1000, 600, 100, {Box{0, 0, 50, 50}});  // all the work in the last window row
    for (std::size_t n = 1; n <= 60; ++n) {
        INFO(n << " shards");
        require_partition(plan_shards(plan, n), 60);
    }
    REQUIRE_THROWS_WITH(plan_shards(plan, 61), Contains("--shards") && Contains("only 60 window(s)"));
    REQUIRE_THROWS_WITH(plan_shards(plan, 0), Contains("--shards"));
}

TEST_CASE("a shard over 4e9 cells is refused, more shards fit", "[shards]") {
    // 70,000 x 70,000 cells (4.9e9) in 8192-cell windows, no zones.
    const JobPlan plan = hand_plan(70000, 70000, 8192, {});
    REQUIRE_THROWS_WITH(plan_shards(plan, 1), Contains("--shards") && Contains("4e9 per shard"));
    for (const ShardRange& s : plan_shards(plan, 2)) REQUIRE(static_cast<double>(s.cells) <= max_cells_per_shard);
}

TEST_CASE("window ranges become at most three rectangles covering exactly their windows", "[shards]") {
    const BlockLayout layout(1000, 700, 100);  // 10 x 7 windows
    std::mt19937 rng(7);
    for (int trial = 0; trial < 500; ++trial) {
        std::size_t a = rng() % layout.count(), b = rng() % layout.count();
        if (a > b) std::swap(a, b);
        ++b;
        const std::vector<Window> rects = window_rectangles(layout, a, b);
        INFO("windows " << a << "-" << b - 1);
        REQUIRE(rects.size() <= 3);
        std::size_t cells = 0;
        for (const Window& r : rects) cells += r.size();
        std::size_t expected = 0;
        for (std::size_t k = a; k < b; ++k) {
            expected += layout[k].size();
            const Window& w = layout[k];
            bool inside = false;
            for (const Window& r : rects)
                inside = inside || (w.col_off >= r.col_off && w.row_off >= r.row_off && w.col_off + w.cols <= r.col_off + r.cols &&
                                    w.row_off + w.rows <= r.row_off + r.rows);
            REQUIRE(inside);
        }
        REQUIRE(cells == expected);
        const Window bounds = bounding_window(layout, a, b);
        for (const Window& r : rects) REQUIRE((r.col_off >= bounds.col_off && r.row_off >= bounds.row_off));
    }
}

TEST_CASE("shard ids I/N count I from 0, as job arrays do", "[shards]") {
    const ShardId id = parse_shard_id("3/4");
    REQUIRE(id.index == 3);
    REQUIRE(id.count == 4);
    REQUIRE(id.name() == "shard-3-of-4");
    for (const char* bad : {"4/4", "0/0", "1", "a/2", "/2", "1/", "-1/2", " 1/2", "1/2 ", "1.0/2"}) {
        INFO(bad);
        REQUIRE_THROWS_AS(parse_shard_id(bad), ConfigError);
    }
    REQUIRE_THROWS_WITH(parse_shard_id("4/4"), Contains("--shard") && Contains("0 to 3"));
    // Part folders: "shard-I-of-N" and nothing else (a log file beside them, a hidden temporary).
    REQUIRE(parse_shard_folder_name("shard-2-of-7")->index == 2);
    REQUIRE(parse_shard_folder_name("shard-2-of-7")->count == 7);
    for (const char* other : {"shard-2-of-7.log", ".shard-2-of-7.tmp-host-12", "shard--of-7", "shard-2-of-", "shard-x-of-7", "parts"})
        REQUIRE_FALSE(parse_shard_folder_name(other).has_value());
}
