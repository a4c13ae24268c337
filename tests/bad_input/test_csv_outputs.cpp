// zones.csv, income_groups.csv and fairness_summary.csv beside burden.gpkg: read back as pandas
// would (a CSV parser here), every column equals the GeoPackage's, doubles to the bit. They are
// outputs like the others: refused when present without --overwrite, never over an input, off
// with [output] csv = false.
#include <catch2/catch.hpp>

#include <fstream>

#include "BadInputSupport.h"

using namespace bad;

namespace {

const std::string kFairness = "[fairness]\nincome = \"mean_income\"\nincome_order = \"higher_is_richer\"\n[output]";

}  // namespace

TEST_CASE("csv: zones, income_groups and fairness_summary equal the GeoPackage's tables, doubles to the bit", "[bad_input][csv]") {
    Job job("csv-round-trip");
    ZoneSpec z = standard_zones();
    z.features[0].values[1] = "Noord, \"West\"";   // a comma and quotes: quoted
    z.features[1].values[1] = std::nullopt;         // no name
    z.features[2].values[3] = std::nullopt;         // no income: NULL
    z.features[3].values[1] = "Zuid-Oost\nbij de Aa ë";  // a newline and UTF-8
    write_zones(job / "zones.gpkg", z);
    RasterSpec raster;
    raster.value = [](int col, int row) { return 50.0 + col * 0.37 + row / 3.0; };  // means with long decimals
    write_raster(job / "noise.tif", raster);
    job.replace("[output]", kFairness);
    const CommandResult r = job.run({}, {});
    REQUIRE(r.exit_code == 0);
    for (const char* table : {"zones", "income_groups", "fairness_summary"}) {
        const fs::path csv = job.out() / (std::string(table) + ".csv");
        REQUIRE(fs::exists(csv));
        require_csv_equals_table(job.out() / "burden.gpkg", table, csv);
        CHECK(contains(r.out, csv.string()));  // in the terminal's "Outputs:" list
    }
    const std::string zones_csv = e2e::read_file(job.out() / "zones.csv");
    CHECK(contains(zones_csv, "BU01,\"Noord, \"\"West\"\"\","));
    CHECK(contains(zones_csv, "\"Zuid-Oost\nbij de Aa \xc3\xab\""));
    const std::string manifest = e2e::read_file(job.out() / "run.json");
    CHECK(contains(manifest, "\"zones_csv\": \"" + (job.out() / "zones.csv").string() + "\""));
    CHECK(contains(manifest, "\"income_groups_csv\""));
    CHECK(contains(manifest, "\"fairness_summary_csv\""));
    require_complete_outputs(job.out());
}

TEST_CASE("csv: without [fairness] only zones.csv; [output] csv = false writes none", "[bad_input][csv]") {
    Job job("csv-off");
    REQUIRE(job.run().exit_code == 0);
    CHECK(fs::exists(job.out() / "zones.csv"));
    CHECK_FALSE(fs::exists(job.out() / "income_groups.csv"));
    CHECK_FALSE(fs::exists(job.out() / "fairness_summary.csv"));
    Job off("csv-off-false");
    off.replace("dir = \"out\"", "dir = \"out\"\ncsv = false");
    REQUIRE(off.run().exit_code == 0);
    CHECK_FALSE(fs::exists(off.out() / "zones.csv"));
    CHECK_FALSE(contains(e2e::read_file(off.out() / "run.json"), "_csv"));
}

TEST_CASE("csv: an existing zones.csv is refused without --overwrite, untouched, and replaced with it", "[bad_input][csv]") {
    Job job("csv-exists");
    fs::create_directories(job.out());
    std::ofstream(job.out() / "zones.csv") << "precious";
    const CommandResult r = job.run();
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "zones.csv exists; pass --overwrite to replace it"));
    CHECK(e2e::read_file(job.out() / "zones.csv") == "precious");
    CHECK(final_outputs(job.out()) == std::vector<std::string>{"zones.csv"});
    REQUIRE(job.run({"--overwrite"}).exit_code == 0);
    CHECK(e2e::read_file(job.out() / "zones.csv").rfind("zone_id,zone_name,", 0) == 0);
}

TEST_CASE("csv: a zones table that is the run's own zones.csv is refused, untouched", "[bad_input][csv]") {
    Job job("csv-is-input");
    fs::create_directories(job.out());
    std::ofstream(job.out() / "zones.csv") << "code;pop\nBU01;1\nBU02;2\nBU03;3\nBU04;4\n";
    const std::string before = e2e::read_file(job.out() / "zones.csv");
    job.replace("population = \"inwoners\"", "population = \"table:pop\"\ntable = { path = \"out/zones.csv\", id = \"code\" }");
    for (const CommandResult& r : {job.run({"--overwrite"}), job.validate()}) {
        CHECK(r.exit_code == 1);
        CHECK(contains(r.err, "the joined table (zones.table), " + (job.out() / "zones.csv").string() + " (the same file)"));
    }
    CHECK(e2e::read_file(job.out() / "zones.csv") == before);
    CHECK(final_outputs(job.out()) == std::vector<std::string>{"zones.csv"});
}
