// Zone-table layers (`[[layer]] table = ..., id = ..., value = ...`): data published per area used
// as it comes. Their zone statistics are the table value itself (to the bit, with values no Float32
// holds), a zone without a row has no data, cells take the value of the zone covering their centre
// (the first by zone order where zones overlap), and every mistake in the table is named.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>

#include "BadInputSupport.h"

using namespace bad;

namespace {

// The standard job with a fifth zone BU05 overlapping the four others, put FIRST in zone order,
// and no2.csv with a value per zone but BU04. The values have more digits than a Float32 keeps.
const char* kNo2Csv = "LSOA;NO2_2019\nBU05;7.123456789012345\nBU01;23.456789012345678\nBU02;31.999999999999996\nBU03;23.456789012345678\n";

void make_job(Job& job, const std::string& layer_keys, const std::string& more_layers = "") {
    ZoneSpec z = standard_zones();
    z.features.insert(z.features.begin(), {square(kX0 + 50, kY0 - 150, 100), {"BU05", "Midden", "500", "45000"}});
    write_zones(job / "zones.gpkg", z);
    std::ofstream(job / "no2.csv") << kNo2Csv;
    job.replace("[[cumulation]]", "[[layer]]\nname = \"no2\"\ntable = \"no2.csv\"\nid = \"LSOA\"\nvalue = \"NO2_2019\"\nunit = \"µg/m³\"\n" +
                                      layer_keys + more_layers + "[[cumulation]]");
}

double number(const std::string& text) {
    INFO("text: " << text);
    REQUIRE(!text.empty());
    REQUIRE(text != "NULL");
    return std::strtod(text.c_str(), nullptr);
}

}  // namespace

TEST_CASE("zone-table layer: zone statistics are the table value to the bit; cells take the zone covering their centre",
          "[bad_input][zone_table]") {
    Job job("zone-table-layer");
    make_job(job, "method = \"who2021.no2_annual\"\n");
    job.replace("dir = \"out\"", "dir = \"out\"\nraw_geotiff = \"raw.tif\"");
    const CommandResult r = job.run({}, {});
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.err, "join: layer[1].table"));
    CHECK(contains(r.err, "4 of 5 zones matched"));
    const fs::path gpkg = job.out() / "burden.gpkg";
    for (const auto& [id, text] : std::vector<std::pair<std::string, std::string>>{
             {"BU05", "7.123456789012345"}, {"BU01", "23.456789012345678"}, {"BU02", "31.999999999999996"}, {"BU03", "23.456789012345678"}}) {
        INFO("zone " << id);
        const double value = std::strtod(text.c_str(), nullptr);
        CHECK(number(zone_value(gpkg, id, "no2_mean")) == value);
        CHECK(number(zone_value(gpkg, id, "no2_min")) == value);
        CHECK(number(zone_value(gpkg, id, "no2_max")) == value);
        CHECK(number(zone_value(gpkg, id, "no2_pop_mean")) == value);  // every resident of the zone at its value
        CHECK(number(zone_value(gpkg, id, "no2_std")) == 0);
        CHECK(number(zone_value(gpkg, id, "no2_nodata_share")) == 0);
        // WHO 2021 guideline for NO2: 10 µg/m³; above it scores 1 (the method on the value).
        CHECK(number(zone_value(gpkg, id, "no2_score_mean")) == (value > 10 ? 1 : 0));
    }
    // run.json hashes the table like every input, beside its join.
    const std::string sum = run_shell("sha256sum " + shell_quote((job / "no2.csv").string())).out.substr(0, 64);
    const std::string manifest = e2e::read_file(job.out() / "run.json");
    CHECK(contains(manifest, "\"key\": \"layer[1].table\""));
    CHECK(contains(manifest, "\"sha256\": \"" + sum + "\""));
    // BU04 has no row: no data, not zero.
    CHECK(zone_value(gpkg, "BU04", "no2_mean") == "NULL");
    CHECK(number(zone_value(gpkg, "BU04", "no2_nodata_share")) == 1);
    CHECK(zone_value(gpkg, "BU04", "no2_score_mean") == "NULL");
    // The raster layer beside it keeps its cell statistics.
    CHECK(number(zone_value(gpkg, "BU01", "noise_mean")) == 60);

    // Cells (raw.tif band 2 = no2, 20 x 20 cells of 10 m from (155000, 463200)): BU05 covers
    // x 155050..155150, y 463050..463150, i.e. columns 5..14, rows 5..14; it comes first, so its
    // value wins there; BU01 (x < 155100, y > 463100) keeps its cells outside BU05; BU04 has none.
    const auto bands = e2e::read_bands(job.out() / "raw.tif");
    REQUIRE(bands.size() == 2);
    const auto cell = [&](int col, int row) { return bands[1][static_cast<std::size_t>(row) * 20 + col]; };
    CHECK(cell(7, 7) == static_cast<float>(7.123456789012345));
    CHECK(cell(12, 12) == static_cast<float>(7.123456789012345));
    CHECK(cell(2, 2) == static_cast<float>(23.456789012345678));
    CHECK(cell(17, 2) == static_cast<float>(31.999999999999996));
    CHECK(std::isnan(cell(17, 17)));  // BU04, outside BU05: no row, no data
}

TEST_CASE("zone-table layer without a method: raw statistics only, in a max of raw values", "[bad_input][zone_table]") {
    Job job("zone-table-raw");
    make_job(job, "", "[[layer]]\nname = \"nox\"\npath = \"noise.tif\"\nunit = \"µg/m³\"\n");
    job.replace("rule = \"count_at_least\"", "rule = \"count_at_least\"\nlayers = [\"noise\"]\n[[cumulation]]\nname = \"air_max\"\n"
                                             "rule = \"max\"\nlayers = [\"no2\", \"nox\"]");
    const CommandResult v = job.validate();
    REQUIRE(v.exit_code == 0);
    CHECK(contains(v.out, "zone table"));
    CHECK(contains(v.out, "column 'NO2_2019' per zone, joined on 'LSOA'"));
    CHECK(contains(v.out, "no method: raw statistics only"));
    const CommandResult r = job.run();
    REQUIRE(r.exit_code == 0);
    const fs::path gpkg = job.out() / "burden.gpkg";
    CHECK(number(zone_value(gpkg, "BU02", "no2_mean")) == std::strtod("31.999999999999996", nullptr));
    CHECK(zone_value(gpkg, "BU02", "no2_score_mean") == "(no column no2_score_mean)");
    // BU02 outside BU05: the cell maximum of 32 (Float32) and 60 is 60 everywhere.
    CHECK(number(zone_value(gpkg, "BU02", "air_max_mean")) == 60);
}

TEST_CASE("check-sites reads a zone-table layer at the site's cell, never interpolated", "[bad_input][zone_table][sites]") {
    Job job("zone-table-sites");
    make_job(job, "method = \"who2021.no2_annual\"\nlimit = \"eu2008.no2_annual\"\n");
    ZoneSpec sites;
    sites.layer = "sites";
    sites.fields = {{"name", OFTString}};
    sites.features = {{"POINT (155175 463175)", {"in_bu02"}}, {"POINT (155095 463105)", {"in_bu05"}}};
    write_zones(job / "sites.gpkg", sites);
    job.write_config();
    const CommandResult r = e2e::run_burdenmap({"check-sites", job.config_path().string(), "--sites", (job / "sites.gpkg").string(),
                                                "--id", "name", "--bilinear", "--output-dir", job.out().string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.err, "zone-table layer(s) 'no2' hold one value per zone, which is never interpolated"));
    std::map<std::string, std::string> value;
    for (const auto& row : e2e::read_layer(job.out() / "sites.gpkg", "sites")) value[row.at("site_id")] = row.at("no2_value");
    CHECK(number(value["in_bu02"]) == Approx(32.0));
    CHECK(number(value["in_bu05"]) == Approx(7.123456789012345));
}

TEST_CASE("zone-table layer: a wrong table is named before any pixel", "[bad_input][zone_table]") {
    Job job("zone-table-bad");
    SECTION("the id column is missing") {
        make_job(job, "");
        job.replace("id = \"LSOA\"", "id = \"LSOA11CD\"");
        require_refused_before_pixels(job, 1, {"no2.csv", "field 'LSOA11CD' not found; fields are: LSOA, NO2_2019"});
    }
    SECTION("the value column is missing") {
        make_job(job, "");
        job.replace("value = \"NO2_2019\"", "value = \"NO2_2020\"");
        require_refused_before_pixels(job, 1, {"no2.csv", "field 'NO2_2020' not found"});
    }
    SECTION("a value is not a number") {
        make_job(job, "");
        std::ofstream(job / "no2.csv") << "LSOA;NO2_2019\nBU01;23.4\nBU02;high\n";
        require_refused_before_pixels(job, 1, {"no2.csv", "layer[1].table", "high"});
    }
    SECTION("no id matches a zone") {
        make_job(job, "");
        std::ofstream(job / "no2.csv") << "LSOA;NO2_2019\nE01000001;23.4\nE01000002;31\n";
        require_refused_before_pixels(job, 1, {"no2.csv", "layer[1].table", "no id in field 'LSOA' matches a zone id"});
    }
    SECTION("an id used twice") {
        make_job(job, "");
        std::ofstream(job / "no2.csv") << "LSOA;NO2_2019\nBU01;23.4\nBU01;31\n";
        require_refused_before_pixels(job, 1, {"no2.csv", "BU01"});
    }
    SECTION("the table is missing") {
        make_job(job, "");
        job.replace("table = \"no2.csv\"", "table = \"no2_2019.csv\"");
        require_refused_before_pixels(job, 1, {"no2_2019.csv"});
    }
}

TEST_CASE("zone-table layer: a partial join warns and names the unmatched zones", "[bad_input][zone_table]") {
    Job job("zone-table-partial");
    make_job(job, "");
    std::ofstream(job / "no2.csv") << "LSOA;NO2_2019\nBU01;23.4\nBU02;31\n";
    const CommandResult r = job.run({}, {});
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.err, "warning: "));
    CHECK(contains(r.err, "only 2 of 5 zones"));
    CHECK(contains(r.err, "layer 'no2' has no value there"));
    CHECK(contains(r.err, "'BU05'"));
}
