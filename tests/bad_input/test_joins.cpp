// Tables joined on the zone id ([fairness.table]): a join that matches nothing exits 1 naming both
// id fields with examples and why they differ; a partial join warns with the unmatched ids; every
// join's counts are in run.json. FIPS-like numeric ids, not the demo's buurt codes.
#include <catch2/catch.hpp>

#include <fstream>

#include "BadInputSupport.h"

using namespace bad;

namespace {

const std::vector<std::string> kFips = {"6019001100", "6019001200", "6019001300", "6019001400"};

// The standard job with the four zones' ids `zone_ids`, one indicator read from `table.csv`
// (header "geoid;p_poverty", a row per `ids`), and `table_keys` extra keys in [fairness.table].
void make_join_job(Job& job, const std::vector<std::string>& ids, const std::string& table_keys = "",
                   const std::vector<std::string>& zone_ids = kFips) {
    write_raster(job / "noise.tif", RasterSpec{});
    ZoneSpec z = standard_zones();
    for (std::size_t i = 0; i < z.features.size(); ++i) z.features[i].values[0] = zone_ids[i];
    write_zones(job / "zones.gpkg", z);
    std::ofstream csv(job / "table.csv");
    csv << "geoid;p_poverty\n";
    for (std::size_t i = 0; i < ids.size(); ++i) csv << ids[i] << ";" << 10 * (i + 1) << "\n";
    job.replace("[output]", "[fairness]\nincome = \"mean_income\"\nincome_order = \"higher_is_richer\"\n"
                            "[[fairness.indicator]]\nname = \"poverty\"\nfrom = \"table:p_poverty\"\n"
                            "[fairness.table]\npath = \"table.csv\"\nid = \"geoid\"\n" + table_keys + "[output]");
}

}  // namespace

TEST_CASE("join: zero-padded table ids that match no zone exit 1, at validate too, with examples and the fix",
          "[bad_input][join]") {
    Job job("join-none", false);
    make_join_job(job, {"06019001100", "06019001200", "06019001300", "06019001400"});
    require_refused_before_pixels(job, 1, {"table.csv", "no id in field 'geoid' matches a zone id (zones field 'code', id_match = \"exact\")",
                                           "table ids '06019001100', '06019001200', '06019001300', ...",
                                           "zone ids '6019001100', '6019001200', '6019001300', ...",
                                           "the ids differ only by leading zeros (zone '6019001100', table '06019001100'): set id_match = \"digits\""});
}

TEST_CASE("join: id_match = \"digits\" joins zero-padded codes, and the counts are in run.json and on stderr", "[bad_input][join]") {
    Job job("join-digits", false);
    make_join_job(job, {"06019001100", "06019001200", "06019001300", "06019001400", "06019009900"}, "id_match = \"digits\"\n");
    const CommandResult r = job.run({}, {});
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.err, "join: fairness.table"));
    CHECK(contains(r.err, "4 of 4 zones matched (id_match digits); 1 of 5 table ids match no zone"));
    CHECK_FALSE(contains(r.err, "join-partial"));
    const fs::path gpkg = job.out() / "burden.gpkg";
    CHECK(zone_value(gpkg, "6019001100", "poverty_value") == "10");
    CHECK(zone_value(gpkg, "6019001400", "poverty_value") == "40");
    const std::string manifest = e2e::read_file(job.out() / "run.json");
    CHECK(contains(manifest, "\"joins\""));
    CHECK(contains(manifest, "\"id_match\": \"digits\""));
    CHECK(contains(manifest, "\"matched\": 4"));
    CHECK(contains(manifest, "\"unmatched_table_rows\": 1"));
    CHECK(contains(manifest, "\"06019009900\""));
}

TEST_CASE("join: ids that differ only by letter case are named as such, other differences get no hint", "[bad_input][join]") {
    Job job("join-case", false);
    make_join_job(job, {"x6019001100", "x6019001200"});
    const CommandResult other = job.validate();  // no hint: the ids differ otherwise
    CHECK(other.exit_code == 1);
    CHECK_FALSE(contains(other.err, "differ only"));
    Job upper("join-case-upper", false);
    make_join_job(upper, {"BU01", "BU02"}, "", {"bu01", "bu02", "bu03", "bu04"});
    const CommandResult r = upper.validate();
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "the ids differ only by letter case (zone 'bu01', table 'BU01')"));
}

TEST_CASE("join: fewer than 95 % of the zones matched is a warning naming the unmatched zones", "[bad_input][join]") {
    Job job("join-partial", false);
    make_join_job(job, {"6019001100", "6019001200", "6019001300"});
    const CommandResult r = job.run({}, {});
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.err, "warning: "));
    CHECK(contains(r.err, "only 3 of 4 zones (zones field 'code') have a row; their table indicators are NULL. Unmatched zone ids: '6019001400'"));
    CHECK(contains(e2e::read_file(job.out() / "run.json"), "\"code\": \"join-partial\""));
    CHECK(zone_value(job.out() / "burden.gpkg", "6019001400", "poverty_value") == "NULL");
}

TEST_CASE("join: an unknown id_match exits 2 naming the key", "[bad_input][join]") {
    Job job("join-bad-mode", false);
    make_join_job(job, {"6019001100"}, "id_match = \"fuzzy\"\n");
    require_refused_before_pixels(job, 2, {"fairness.table.id_match: unknown id_match 'fuzzy' (known: exact, digits)"});
}
