// [zones] table: population, names and income joined from a per-area table (a census CSV) rather
// than fields of the zones layer, with an income unit. A study that does not look like the demo:
// British National Grid zones with LSOA-style ids and nothing but an id field, an NO2 raster, a
// semicolon CSV with a NULL, a sentinel and an area missing from it.
#include <catch2/catch.hpp>

#include <fstream>

#include "BadInputSupport.h"

using namespace bad;

namespace {

const std::vector<std::string> kLsoa = {"E01000001", "E01000002", "E01000003", "E01000004"};

// Zones with only an id field, in EPSG:27700; a 20 x 20 NO2 raster over them; census.csv with
// `rows` ("id;name;pop_2021;HHI_mean_2012") and a config reading population, name and income from it.
void make_table_job(Job& job, const std::vector<std::string>& rows, const std::string& zones_keys) {
    RasterSpec raster;
    raster.crs = "EPSG:27700";
    raster.value = [](int col, int row) { return 20.0 + col + row; };
    write_raster(job / "no2.tif", raster);
    ZoneSpec z = standard_zones();
    z.crs = "EPSG:27700";
    z.fields = {{"LSOA11CD", OFTString}};
    for (std::size_t i = 0; i < z.features.size(); ++i) z.features[i].values = {kLsoa[i]};
    write_zones(job / "zones.gpkg", z);
    std::ofstream csv(job / "census.csv");
    csv << "LSOA11CD;LSOA11NM;pop_2021;HHI_mean_2012\n";
    for (const std::string& r : rows) csv << r << "\n";
    job.config = "[study]\nname = \"Camden NO2\"\ncrs = \"EPSG:27700\"\nresolution = 10\n"
                 "[zones]\npath = \"zones.gpkg\"\nid = \"LSOA11CD\"\n" + zones_keys +
                 "[[layer]]\nname = \"no2\"\npath = \"no2.tif\"\nunit = \"µg/m³\"\nmethod = \"air.no2_ladder\"\n"
                 "[output]\ndir = \"out\"\n";
}

const std::vector<std::string> kRows = {"E01000001;Camden 001A;1500;31200.5", "E01000002;Camden 001B;;28400",
                                        "E01000003;Camden 001C;1720;-9"};
const std::string kKeys = "table = { path = \"census.csv\", id = \"LSOA11CD\", nodata_values = [-9] }\n"
                          "name = \"table:LSOA11NM\"\npopulation = \"table:pop_2021\"\n"
                          "income = { hhi = { field = \"table:HHI_mean_2012\", unit = \"GBP per household\" } }\n";

}  // namespace

TEST_CASE("zones table: population, name and income come from the table, a zone without a row gets NULL", "[bad_input][zones_table]") {
    Job job("zones-table", false);
    make_table_job(job, kRows, kKeys);
    const CommandResult r = job.run({"--report"}, {});
    REQUIRE(r.exit_code == 0);
    const fs::path gpkg = job.out() / "burden.gpkg";
    CHECK(zone_value(gpkg, "E01000001", "population") == "1500");
    CHECK(zone_value(gpkg, "E01000001", "zone_name") == "Camden 001A");
    CHECK(zone_value(gpkg, "E01000001", "hhi") == "31200.5");
    CHECK(zone_value(gpkg, "E01000002", "population") == "NULL");  // an empty cell
    CHECK(zone_value(gpkg, "E01000002", "hhi") == "28400");
    CHECK(zone_value(gpkg, "E01000003", "hhi") == "NULL");  // the sentinel -9
    CHECK(zone_value(gpkg, "E01000004", "population") == "NULL");  // no row in the table
    CHECK(zone_value(gpkg, "E01000004", "hhi") == "NULL");
    CHECK(zone_value(gpkg, "E01000004", "zone_name") == "");
    // The joined table is hashed in run.json like every input.
    const std::string sum = run_shell("sha256sum " + shell_quote((job / "census.csv").string())).out.substr(0, 64);
    CHECK(contains(e2e::read_file(job.out() / "run.json"), "\"sha256\": \"" + sum + "\""));
    // The join's counts: on stderr, and in run.json with the income unit.
    CHECK(contains(r.err, "join: zones.table "));
    CHECK(contains(r.err, "census.csv"));
    CHECK(contains(r.err, "3 of 4 zones matched"));
    CHECK(contains(r.err, "only 3 of 4 zones (zones field 'LSOA11CD') have a row; their values from this table (population, income, name) are NULL"));
    const std::string manifest = e2e::read_file(job.out() / "run.json");
    CHECK(contains(manifest, "\"key\": \"zones.table\""));
    CHECK(contains(manifest, "\"matched\": 3"));
    CHECK(contains(manifest, "\"field\": \"table:HHI_mean_2012\""));
    CHECK(contains(manifest, "\"unit\": \"GBP per household\""));
    // The unit in the codebook, the report and the terminal summary.
    bool codebook_unit = false;
    for (const auto& row : e2e::read_layer(gpkg, "codebook"))
        if (row.at("layer") == "zones" && row.at("column_name") == "hhi") {
            codebook_unit = row.at("unit") == "GBP per household";
            CHECK(contains(row.at("meaning"), "column HHI_mean_2012 of census.csv (zones.table)"));
        }
    CHECK(codebook_unit);
    CHECK(contains(e2e::read_file(job.out() / "report.html"), "hhi (GBP per household)"));
    CHECK(contains(r.out, "(GBP per household)"));
}

TEST_CASE("zones table: validate shows the table and its join counts", "[bad_input][zones_table]") {
    Job job("zones-table-validate", false);
    make_table_job(job, kRows, kKeys);
    const CommandResult r = job.validate();
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.out, "zones.table "));
    CHECK(contains(r.out, "census.csv (layer census) joined on field 'LSOA11CD': 3 of 4 zones matched"));
}

TEST_CASE("zones table: the plain income form stays valid next to the table form", "[bad_input][zones_table]") {
    Job job("zones-table-plain-income");
    job.replace("income = { mean_income = \"inkomen\" }", "income = { mean_income = \"inkomen\", mean_eur = { field = \"inkomen\", unit = \"EUR per household\" } }");
    REQUIRE(job.run().exit_code == 0);
    CHECK(zone_value(job.out() / "burden.gpkg", "BU02", "mean_income") == "30000");
    CHECK(zone_value(job.out() / "burden.gpkg", "BU02", "mean_eur") == "30000");
}

TEST_CASE("zones table: a column the table lacks exits 1 naming the file and column and listing the columns", "[bad_input][zones_table]") {
    Job job("zones-table-no-column", false);
    make_table_job(job, kRows, "table = { path = \"census.csv\", id = \"LSOA11CD\" }\npopulation = \"table:pop_2011\"\n");
    require_refused_before_pixels(job, 1, {"census.csv", "field 'pop_2011' not found; fields are: LSOA11CD, LSOA11NM, pop_2021, HHI_mean_2012"});
}

TEST_CASE("zones table: ids that match no zone exit 1 naming both id fields", "[bad_input][zones_table]") {
    Job job("zones-table-no-match", false);
    make_table_job(job, {"W01000001;Cardiff 001A;1500;31200", "W01000002;Cardiff 001B;1600;28400"},
                   "table = { path = \"census.csv\", id = \"LSOA11CD\" }\npopulation = \"table:pop_2021\"\n");
    require_refused_before_pixels(job, 1, {"census.csv (layer census) (zones.table): no id in field 'LSOA11CD' matches a zone id (zones field 'LSOA11CD'"});
}

TEST_CASE("zones table: a text in a number column names zones.table.nodata_values as the fix", "[bad_input][zones_table]") {
    Job job("zones-table-text", false);
    make_table_job(job, {"E01000001;Camden 001A;n/a;31200"}, "table = { path = \"census.csv\", id = \"LSOA11CD\" }\npopulation = \"table:pop_2021\"\n");
    require_refused_before_pixels(job, 1, {"census.csv", "field 'pop_2021' of id 'E01000001' is not a number: 'n/a'", "zones.table.nodata_values"});
}
