// check-sites on inputs it would compare silently wrong: a layer's unit spelt otherwise than its
// standard's (compared by dimension, as the run's unit-mismatch is), and class codes (land cover)
// interpolated between cells by --bilinear.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "BadInputSupport.h"

using namespace bad;

namespace {

// Point sites (field `name`) in sites.gpkg, EPSG:28992.
void write_sites(const Job& job, const std::vector<std::pair<std::string, std::string>>& named_wkt) {
    ZoneSpec sites;
    sites.layer = "sites";
    sites.fields = {{"name", OFTString}};
    for (const auto& [name, wkt] : named_wkt) sites.features.push_back({wkt, {name}});
    write_zones(job / "sites.gpkg", sites);
}

// `burdenmap check-sites job.toml --sites sites.gpkg --id name --output-dir out [extra...]`.
CommandResult check_sites(const Job& job, const std::vector<std::string>& extra = {}) {
    job.write_config();
    std::vector<std::string> args{"check-sites", job.config_path().string(), "--sites", (job / "sites.gpkg").string(),
                                  "--id", "name", "--output-dir", job.out().string()};
    args.insert(args.end(), extra.begin(), extra.end());
    const CommandResult r = e2e::run_burdenmap(args);
    UNSCOPED_INFO("exit " << r.exit_code << "\nstderr:\n" << r.err);
    return r;
}

// Rows of a layer of sites.gpkg ("sites", "codebook") keyed by `key_column`.
std::map<std::string, std::map<std::string, std::string>> rows_by(const Job& job, const char* layer, const std::string& key_column) {
    std::map<std::string, std::map<std::string, std::string>> out;
    for (const auto& row : e2e::read_layer(job.out() / "sites.gpkg", layer)) out[row.at(key_column)] = row;
    return out;
}

}  // namespace

TEST_CASE("standard-unit: a layer's unit and its standard's are compared by dimension, not by spelling",
          "[bad_input][sites][units]") {
    Job job("site-standard-unit");
    write_sites(job, {{"mid", "POINT (155055 463145)"}});
    SECTION("ug/m3 on a µg/m³ limit: one dimension, no warning") {
        job.replace("unit = \"dB Lden\"\nmethod = \"who2018.road_lden\"",
                    "unit = \"ug/m3\"\nmethod = \"who2021.no2_annual\"\nlimit = \"eu2008.no2_annual\"");
        const CommandResult v = job.validate();
        REQUIRE(v.exit_code == 0);
        CHECK_FALSE(contains(v.out, "layer[0].limit"));
        const CommandResult r = check_sites(job);
        REQUIRE(r.exit_code == 0);
        CHECK_FALSE(contains(r.err, "layer[0].limit"));
    }
    SECTION("dB on a µg/m³ limit: warned, naming the key and both units") {
        job.replace("method = \"who2018.road_lden\"", "method = \"who2018.road_lden\"\nlimit = \"eu2008.no2_annual\"");
        const std::string expected = "layer[0].limit: layer 'noise' is in 'dB Lden' but eu2008.no2_annual is for";
        const CommandResult v = job.validate();
        REQUIRE(v.exit_code == 0);
        CHECK(contains(v.out, expected));
        const CommandResult r = check_sites(job);
        REQUIRE(r.exit_code == 0);
        CHECK(contains(r.err, "warning: " + expected));
        CHECK(contains(r.err, "in 'µg/m³'; check that they match"));
    }
}

TEST_CASE("check-sites --bilinear: a categorical layer is read at the point's cell, never interpolated",
          "[bad_input][sites][categorical]") {
    Job job("site-bilinear-categorical");
    // Class codes 2 and 4 in a checkerboard of 10 m cells: between four cells bilinear would read
    // 3, a class that is not there. Noise rises by 1 dB per column, so interpolating it shows.
    RasterSpec classes;
    classes.type = GDT_Byte;
    classes.value = [](int col, int row) { return (col + row) % 2 == 0 ? 2.0 : 4.0; };
    write_raster(job / "classes.tif", classes);
    RasterSpec noise;
    noise.value = [](int col, int) { return 50.0 + col; };
    write_raster(job / "noise.tif", noise);
    job.replace("method = \"who2018.road_lden\"", "method = \"who2018.road_lden\"\nstandard = \"who2018.road_lden\"");
    job.replace("[[cumulation]]", "[[layer]]\nname = \"landcover\"\npath = \"classes.tif\"\nkind = \"categorical\"\n"
                                  "[layer.method]\nfamily = \"class_table\"\nsource = \"local rule\"\n"
                                  "[[layer.method.class]]\nupper = 3\nscore = 0\nconfidence = \"verified\"\n"
                                  "[[layer.method.class]]\nlower = 3\nscore = 1\nconfidence = \"verified\"\n\n[[cumulation]]");
    // The corner of cells (row, col) (4, 4), (4, 5), (5, 4), (5, 5); a corner belongs to the cell
    // south-east of it, (5, 5), whose code is 2.
    write_sites(job, {{"corner", "POINT (155050 463150)"}});

    SECTION("with --bilinear: noise interpolated, land cover the cell's code, and a warning says so") {
        const CommandResult r = check_sites(job, {"--bilinear"});
        REQUIRE(r.exit_code == 0);
        const auto sites = rows_by(job, "sites", "site_id");
        CHECK(sites.at("corner").at("noise_value") == "54.5");  // (54 + 55 + 54 + 55) / 4
        CHECK(sites.at("corner").at("landcover_value") == "2");
        CHECK(contains(r.err, "warning: --bilinear: categorical layer(s) 'landcover' hold class codes, which are never interpolated"));
        const auto codebook = rows_by(job, "codebook", "column_name");
        CHECK(contains(codebook.at("landcover_value").at("meaning"), "never interpolated, even with --bilinear"));
        CHECK(contains(codebook.at("noise_value").at("meaning"), "or bilinear with --bilinear"));
    }
    SECTION("without --bilinear: the cells, and no warning") {
        const CommandResult r = check_sites(job);
        REQUIRE(r.exit_code == 0);
        const auto sites = rows_by(job, "sites", "site_id");
        CHECK(sites.at("corner").at("noise_value") == "55");
        CHECK(sites.at("corner").at("landcover_value") == "2");
        CHECK_FALSE(contains(r.err, "--bilinear"));
    }
}

TEST_CASE("check-sites compares a layer without a method with its limit: raw values, as for any layer",
          "[bad_input][sites][unscored]") {
    Job job("site-unscored-limit");
    RasterSpec no2;
    no2.value = [](int col, int) { return 30.0 + 2 * col; };  // 40 µg/m³ from column 5
    write_raster(job / "no2.tif", no2);
    job.replace("[[cumulation]]", "[[layer]]\nname = \"no2\"\npath = \"no2.tif\"\nunit = \"ug/m3\"\nlimit = \"eu2008.no2_annual\"\n\n[[cumulation]]");
    write_sites(job, {{"west", "POINT (155005 463105)"}, {"east", "POINT (155185 463105)"}});
    const CommandResult r = check_sites(job);
    REQUIRE(r.exit_code == 0);
    const auto sites = rows_by(job, "sites", "site_id");
    CHECK(sites.at("west").at("no2_value") == "30");
    CHECK(sites.at("west").at("no2_check") == "meets standard values");
    CHECK(sites.at("east").at("no2_value") == "66");
    CHECK(sites.at("east").at("no2_check") == "exceeds limit value");
}
