// Counts with missing layers: a count_at_least cumulation over a layer that has no data in part of
// the zones. The count must not pass silently for "not burdened": <name>_complete_share says how
// much of each zone is complete, the warning count-incomplete says how many zones are not, and
// `missing = "nodata"` leaves incomplete cells out of the count. (Bad `missing` values: test_config.cpp.)
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "BadInputSupport.h"

using namespace bad;

namespace {

// The standard job (noise 60 dB everywhere: burdened) plus a rail layer with gaps, declared
// nodata -9999. Rail is 40 dB (not burdened) in BU01, 70 dB (burdened) in the west half of BU02
// and nodata in its east half, nodata in all of BU03, 70 dB in BU04.
//   count (skip):   BU01 1, BU02 (2 + 1)/2 = 1.5, BU03 1, BU04 2;
//   complete share: BU01 1, BU02 0.5,            BU03 0, BU04 1.
void add_rail_with_gaps(Job& job) {
    RasterSpec rail;
    rail.nodata = -9999;
    rail.value = [](int col, int row) {
        const bool north = row < 10, west = col < 10;
        if (north) return west ? 40.0 : (col < 15 ? 70.0 : -9999.0);
        return west ? -9999.0 : 70.0;
    };
    write_raster(job / "rail.tif", rail);
    job.replace("[[cumulation]]", R"([[layer]]
name = "rail"
path = "rail.tif"
unit = "dB Lden"
method = "who2018.rail_lden"

[[cumulation]])");
}

// The zones' values of `column`, BU01..BU04 in order.
std::vector<std::string> per_zone(const Job& job, const std::string& column) {
    std::vector<std::string> values;
    for (const char* id : {"BU01", "BU02", "BU03", "BU04"}) values.push_back(zone_value(job.out() / "burden.gpkg", id, column));
    return values;
}

using Values = std::vector<std::string>;

// The line of the run's terminal summary ("Most burdened zones by ...") that lists zone `id`.
std::string summary_line(const std::string& out, const std::string& id) {
    const auto at = out.find("\n  " + id + " ");
    if (at == std::string::npos) return "";
    return out.substr(at + 1, out.find('\n', at + 1) - at - 1);
}

}  // namespace

TEST_CASE("count: a layer missing in part of the zones gives <name>_complete_share and a warning",
          "[bad_input][count-incomplete]") {
    Job job("count-incomplete-skip");
    add_rail_with_gaps(job);
    const CommandResult r = job.run({}, {});  // not --quiet: the warning goes to stderr
    REQUIRE(r.exit_code == 0);
    // Today's count (missing = "skip", the default): a missing layer is not counted.
    CHECK(per_zone(job, "count_mean") == Values{"1", "1.5", "1", "2"});
    // ... and now it says where it is incomplete: an area share over the covered cells.
    CHECK(per_zone(job, "count_complete_share") == Values{"1", "0.5", "0", "1"});
    // The count band itself has data wherever one layer has: its nodata share does not show it.
    CHECK(per_zone(job, "count_nodata_share") == Values{"0", "0", "0", "0"});
    // The warning on stderr and in run.json (with its code), with how many zones.
    const std::string expected = "cumulation 'count': 2 of 4 zone(s) lack data for some of its layers";
    CHECK(contains(r.err, "warning: " + expected));
    CHECK(contains(r.err, "1 of them nowhere complete"));
    CHECK(contains(r.err, "layers with gaps: rail in 2 zones)"));  // noise is complete: not named
    CHECK(contains(r.err, "missing = \"nodata\""));
    const std::string manifest = e2e::read_file(job.out() / "run.json");
    CHECK(contains(manifest, "\"count-incomplete\""));
    CHECK(contains(manifest, expected));
    CHECK(contains(manifest, "\"missing\": \"skip\""));
    // The terminal ranking marks the zones whose counts may be too low (shares floored).
    CHECK(contains(r.out, "Most burdened zones by count_mean"));
    CHECK(contains(summary_line(r.out, "BU02"), "(incomplete: 50 % of the area has every layer; the count may be too low)"));
    CHECK(contains(summary_line(r.out, "BU03"), "(incomplete: 0 % of the area has every layer"));
    CHECK_FALSE(contains(summary_line(r.out, "BU01"), "incomplete"));
    CHECK_FALSE(contains(summary_line(r.out, "BU04"), "incomplete"));
    require_complete_outputs(job.out());
}

TEST_CASE("count: count-incomplete names each layer with gaps and in how many zones", "[bad_input][count-incomplete]") {
    Job job("count-incomplete-layers");
    add_rail_with_gaps(job);
    // Noise too lacks data, in BU04 only (its south-east quarter of the grid).
    RasterSpec noise;
    noise.nodata = -9999;
    noise.value = [](int col, int row) { return row >= 10 && col >= 10 ? -9999.0 : 60.0; };
    write_raster(job / "noise.tif", noise);
    const CommandResult r = job.run({}, {});
    REQUIRE(r.exit_code == 0);
    CHECK(per_zone(job, "count_complete_share") == Values{"1", "0.5", "0", "0"});
    CHECK(contains(r.err, "warning: cumulation 'count': 3 of 4 zone(s) lack data"));
    CHECK(contains(r.err, "layers with gaps: noise in 1 zone, rail in 2)"));
    CHECK(contains(e2e::read_file(job.out() / "run.json"), "layers with gaps: noise in 1 zone, rail in 2"));
}

TEST_CASE("count: missing = \"nodata\" counts complete cells only, the same bits for any thread count",
          "[bad_input][count-incomplete]") {
    Job job("count-incomplete-nodata");
    add_rail_with_gaps(job);
    job.replace("rule = \"count_at_least\"", "rule = \"count_at_least\"\nmissing = \"nodata\"");
    const CommandResult r = job.run({"--threads", "1", "--block-size", "8"}, {});
    REQUIRE(r.exit_code == 0);
    // BU02: only its west half is complete, where both layers are burdened; BU03 has no count.
    CHECK(per_zone(job, "count_mean") == Values{"1", "2", "NULL", "2"});
    CHECK(per_zone(job, "count_nodata_share") == Values{"0", "0.5", "1", "0"});
    CHECK(per_zone(job, "count_complete_share") == Values{"1", "0.5", "0", "1"});
    CHECK(contains(r.err, "warning: cumulation 'count': 2 of 4 zone(s) lack data"));
    CHECK(contains(r.err, "cover the complete cells only"));
    const std::string manifest = e2e::read_file(job.out() / "run.json");
    CHECK(contains(manifest, "\"count-incomplete\""));
    CHECK(contains(manifest, "\"missing\": \"nodata\""));
    // Counts over the complete cells only are not too low: the terminal ranking marks nothing.
    CHECK_FALSE(contains(r.out, "incomplete:"));

    const auto one_thread = e2e::read_zones(job.out() / "burden.gpkg");
    REQUIRE(job.run({"--threads", "2", "--block-size", "8", "--overwrite"}).exit_code == 0);
    CHECK(e2e::read_zones(job.out() / "burden.gpkg") == one_thread);
}

TEST_CASE("count: every layer complete gives share 1 and no count-incomplete warning", "[bad_input][count-incomplete]") {
    Job job("count-complete");
    const CommandResult r = job.run({}, {});
    REQUIRE(r.exit_code == 0);
    CHECK(per_zone(job, "count_complete_share") == Values{"1", "1", "1", "1"});
    CHECK_FALSE(contains(r.err, "lack data"));
    CHECK_FALSE(contains(e2e::read_file(job.out() / "run.json"), "count-incomplete"));
}
