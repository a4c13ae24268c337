// Bad zones and vector layers: missing, unreadable, truncated, corrupt, no CRS, other CRS (and the
// EPSG:4326 axis-order trap), invalid geometries (repaired or skipped, counted and reported),
// duplicate or missing ids, missing fields, text in numeric fields, CBS sentinels.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <fstream>

#include "BadInputSupport.h"

using namespace bad;

namespace {

// The standard zones plus `extra` features.
void write_zones_with(const Job& job, const std::vector<ZoneFeature>& extra) {
    ZoneSpec z = standard_zones();
    z.features.insert(z.features.end(), extra.begin(), extra.end());
    write_zones(job / "zones.gpkg", z);
}

std::size_t zone_count(const Job& job) { return e2e::read_zones(job.out() / "burden.gpkg").size(); }

}  // namespace

TEST_CASE("zones: a missing file exits 1 and names it", "[bad_input][vector]") {
    Job job("zones-missing");
    job.replace("\"zones.gpkg\"", "\"buurten.gpkg\"");
    const CommandResult r = job.run();
    require_input_error(job, r, "buurten.gpkg");
    CHECK(contains(r.err, "not found"));
}

TEST_CASE("zones: an unreadable file exits 1 and names it", "[bad_input][vector]") {
    Job job("zones-unreadable");
    if (::geteuid() == 0) {
        fs::remove(job / "zones.gpkg");
        fs::create_directories(job / "zones.gpkg");
    } else {
        fs::permissions(job / "zones.gpkg", fs::perms::none);
    }
    const CommandResult r = job.run();
    require_input_error(job, r, "zones.gpkg");
}

TEST_CASE("zones: a truncated GeoPackage exits 1 and names it, never a partial set of zones", "[bad_input][vector]") {
    Job job("zones-truncated");
    // Enough zones that their rows fill pages beyond the cut.
    ZoneSpec z = standard_zones();
    for (int i = 0; i < 3000; ++i)
        z.features.push_back({square(kX0 + (i % 50) * 2, kY0 - 200 + (i / 50) * 2, 1), {"X" + std::to_string(i), "x", "1", "1"}});
    write_zones(job / "zones.gpkg", z);
    const auto size = fs::file_size(job / "zones.gpkg");
    fs::resize_file(job / "zones.gpkg", size * 2 / 3);
    const CommandResult r = job.run();
    require_input_error(job, r, "zones.gpkg");
}

TEST_CASE("zones: a file of garbage named .gpkg exits 1 and names it", "[bad_input][vector]") {
    Job job("zones-corrupt");
    std::ofstream(job / "zones.gpkg", std::ios::binary | std::ios::trunc) << "SQLite format 3" << std::string(4096, '\x13');
    const CommandResult r = job.run();
    require_input_error(job, r, "zones.gpkg");
}

TEST_CASE("zones: a layer that does not exist exits 1 and lists the layers", "[bad_input][vector]") {
    Job job("zones-no-layer");
    job.replace("path = \"zones.gpkg\"", "path = \"zones.gpkg\"\nlayer = \"buurten\"");
    const CommandResult r = job.run();
    require_input_error(job, r, "layer 'buurten' not found; layers are: zones");
}

TEST_CASE("zones: no CRS exits 1 and says how to assign one", "[bad_input][vector]") {
    Job job("zones-no-crs");
    ZoneSpec z = standard_zones();
    z.crs = "";
    write_zones(job / "zones.gpkg", z);
    const CommandResult r = job.run();
    require_input_error(job, r, "zones.gpkg");
    CHECK(contains(r.err, "no CRS"));
    CHECK(contains(r.err, "ogr2ogr -a_srs"));
}

TEST_CASE("zones: EPSG:4326 zones (stored lon/lat) are reprojected onto the grid, with a warning", "[bad_input][vector]") {
    Job job("zones-4326");
    // The standard squares' corners in EPSG:4326 (from gdaltransform); a lat/lon mix-up would put
    // them off the grid and leave every statistic NULL.
    ZoneSpec z = standard_zones();
    z.crs = "EPSG:4326";
    z.features = {{"POLYGON ((5.3872035 52.1551723,5.3901261 52.1551723,5.3901261 52.1569698,5.3872035 52.1569698,5.3872035 52.1551723))",
                   {"BU01", "Alles", "100", "25000"}}};
    write_zones(job / "zones.gpkg", z);
    // A raster with a margin: the corners, rounded to 1e-7 degrees, move by centimetres.
    RasterSpec raster;
    raster.cols = raster.rows = 40;
    raster.gt[0] = kX0 - 100;
    raster.gt[3] = kY0 + 100;
    write_raster(job / "noise.tif", raster);
    const CommandResult r = job.run({}, {});
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.err, "zones.gpkg"));
    CHECK(contains(r.err, "reprojected from EPSG:4326 to EPSG:28992"));
    CHECK(zone_value(job.out() / "burden.gpkg", "BU01", "noise_mean") == "60");
    CHECK(zone_value(job.out() / "burden.gpkg", "BU01", "noise_nodata_share") == "0");
}

TEST_CASE("zones: EPSG:4326 zones without study.crs are refused (exit 2): the grid must be projected", "[bad_input][vector]") {
    Job job("zones-4326-target");
    ZoneSpec z = standard_zones();
    z.crs = "EPSG:4326";
    z.features = {{"POLYGON ((5.38 52.15,5.39 52.15,5.39 52.16,5.38 52.16,5.38 52.15))", {"BU01", "x", "1", "1"}}};
    write_zones(job / "zones.gpkg", z);
    job.replace("crs = \"EPSG:28992\"\n", "");
    const CommandResult r = job.run();
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "study.crs"));
    CHECK(contains(r.err, "geographic"));
    require_nothing_written(job.out());
}

TEST_CASE("zones: a bow-tie is repaired with MakeValid, counted and reported", "[bad_input][vector]") {
    Job job("zones-bowtie");
    // Two triangles crossing at (155050, 463050): 2 x 2500 m2 after repair.
    write_zones_with(job, {{"POLYGON ((155000 463000,155100 463100,155100 463000,155000 463100,155000 463000))",
                            {"BT01", "Strik", "10", "1"}}});
    const CommandResult r = job.run({}, {});
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.err, "1 zone(s) had an invalid geometry, repaired with GEOS MakeValid: 'BT01'"));
    CHECK(contains(e2e::read_file(job.out() / "run.json"), "geometry-repaired"));
    CHECK(zone_value(job.out() / "burden.gpkg", "BT01", "area_m2") == "5000");
    CHECK(zone_value(job.out() / "burden.gpkg", "BT01", "noise_mean") == "60");
}

TEST_CASE("zones: a self-overlapping ring and a hole outside its shell are repaired", "[bad_input][vector]") {
    Job job("zones-self-intersecting");
    write_zones_with(job, {
        // A ring that doubles back over itself.
        {"POLYGON ((155000 463000,155100 463000,155100 463100,155050 463100,155050 462950,155000 462950,155000 463000))",
         {"SI01", "Lus", "1", "1"}},
        // A hole that lies outside its shell.
        {"POLYGON ((155000 463000,155050 463000,155050 463050,155000 463050,155000 463000),"
         "(155100 463100,155120 463100,155120 463120,155100 463120,155100 463100))",
         {"SI02", "Gat", "1", "1"}},
    });
    const CommandResult r = job.run({}, {});
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.err, "2 zone(s) had an invalid geometry, repaired with GEOS MakeValid: 'SI01', 'SI02'"));
    CHECK(zone_count(job) == 6);
}

TEST_CASE("zones: zero-area, empty and NULL geometries are skipped, counted and reported", "[bad_input][vector]") {
    Job job("zones-degenerate");
    write_zones_with(job, {
        {"POLYGON ((155000 463000,155100 463100,155200 463200,155000 463000))", {"Z01", "Lijn", "1", "1"}},
        {"POLYGON EMPTY", {"Z02", "Leeg", "1", "1"}},
        {"", {"Z03", "Null", "1", "1"}},
        {"POINT (155010 463010)", {"Z04", "Punt", "1", "1"}},
    });
    const CommandResult r = job.run({}, {});
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.err, "2 zone(s) have no geometry (NULL or empty); skipped: 'Z02', 'Z03'"));
    CHECK(contains(r.err, "2 zone(s) have no polygon area; skipped: 'Z01', 'Z04'"));
    CHECK(zone_count(job) == 4);
}

TEST_CASE("zones: when no zone has a usable polygon the run exits 1", "[bad_input][vector]") {
    Job job("zones-none-usable");
    ZoneSpec z = standard_zones();
    z.features = {{"POLYGON EMPTY", {"Z02", "Leeg", "1", "1"}}, {"", {"Z03", "Null", "1", "1"}}};
    write_zones(job / "zones.gpkg", z);
    const CommandResult r = job.run();
    require_input_error(job, r, "no usable zone polygons");
}

TEST_CASE("zones: a duplicate id exits 1 naming the id and the field", "[bad_input][vector]") {
    Job job("zones-duplicate-id");
    write_zones_with(job, {{square(kX0, kY0 - 50, 10), {"BU02", "Dubbel", "1", "1"}}});
    const CommandResult r = job.run();
    require_input_error(job, r, "zone id 'BU02' (field 'code') is used by more than one feature");
}

TEST_CASE("zones: an empty id exits 1 naming the feature and the field", "[bad_input][vector]") {
    Job job("zones-null-id");
    write_zones_with(job, {{square(kX0, kY0 - 50, 10), {std::nullopt, "Naamloos", "1", "1"}}});
    const CommandResult r = job.run();
    require_input_error(job, r, "has an empty id field 'code'");
}

TEST_CASE("zones: a missing id field exits 1 and lists the fields that exist", "[bad_input][vector]") {
    Job job("zones-no-id-field");
    job.replace("id = \"code\"", "id = \"buurtcode\"");
    const CommandResult r = job.run();
    require_input_error(job, r, "field 'buurtcode' (zones.id) not found; fields are: code, naam, inwoners, inkomen");
}

TEST_CASE("zones: a missing income field exits 1, names the key and lists the fields", "[bad_input][vector]") {
    Job job("zones-no-income-field");
    job.replace("\"inkomen\"", "\"gemiddeld_inkomen\"");
    const CommandResult r = job.run();
    require_input_error(job, r, "field 'gemiddeld_inkomen' (zones.income.mean_income) not found; fields are: code, naam, inwoners, inkomen");
}

TEST_CASE("zones: text in a text-typed numeric field exits 1 naming the field, zone and value", "[bad_input][vector]") {
    Job job("zones-text-number");
    ZoneSpec z = standard_zones();
    z.fields[3].type = OFTString;  // inkomen as text, as CBS downloads sometimes have it
    z.features[0].values[3] = "25.000,5";
    z.features[1].values[3] = " 30000,5 ";  // decimal comma and spaces: fine
    write_zones(job / "zones.gpkg", z);
    const CommandResult r = job.run();
    require_input_error(job, r, "field 'inkomen' of zone 'BU01' is not a number: '25.000,5'");
}

TEST_CASE("zones: text stored in a REAL column exits 1 naming the field, zone and value", "[bad_input][vector]") {
    Job job("zones-text-in-real");
    // SQLite keeps whatever a row holds: a REAL column can hold text.
    execute_sql(job / "zones.gpkg", "UPDATE zones SET inkomen = 'onbekend' WHERE code = 'BU03'");
    const CommandResult r = job.run();
    require_input_error(job, r, "field 'inkomen' of zone 'BU03' is not a number: 'onbekend'");
}

TEST_CASE("zones: CBS sentinels, '.' and decimal commas become NULL or numbers", "[bad_input][vector]") {
    Job job("zones-cbs");
    ZoneSpec z = standard_zones();
    z.fields[3].type = OFTString;
    z.features[0].values[3] = "-99999999";  // CBS: unknown
    z.features[1].values[3] = "-99999997";  // CBS: suppressed
    z.features[2].values[3] = ".";          // CBS text: missing
    z.features[3].values[3] = "27,5";       // decimal comma
    z.features[0].values[2] = "-99999997";  // population suppressed too
    write_zones(job / "zones.gpkg", z);
    const CommandResult r = job.run();
    REQUIRE(r.exit_code == 0);
    const fs::path gpkg = job.out() / "burden.gpkg";
    CHECK(zone_value(gpkg, "BU01", "mean_income") == "NULL");
    CHECK(zone_value(gpkg, "BU01", "population") == "NULL");
    CHECK(zone_value(gpkg, "BU02", "mean_income") == "NULL");
    CHECK(zone_value(gpkg, "BU03", "mean_income") == "NULL");
    CHECK(zone_value(gpkg, "BU04", "mean_income") == "27.5");
}

TEST_CASE("vector layer: a missing value field exits 1 and lists the fields", "[bad_input][vector]") {
    Job job("vector-layer-no-field");
    ZoneSpec contours;
    contours.layer = "contours";
    contours.fields = {{"pr", OFTReal}};
    contours.features = {{square(kX0, kY0 - 100, 100), {"1e-6"}}};
    write_zones(job / "risk.gpkg", contours);
    job.replace("[[cumulation]]", "[[layer]]\nname = \"risk\"\npath = \"risk.gpkg\"\nlayer = \"contours\"\nvalue = \"risk_per_year\"\n"
                                  "unit = \"per year\"\nmethod = \"es.pr_class\"\n\n[[cumulation]]");
    const CommandResult r = job.run();
    require_input_error(job, r, "risk.gpkg (layer contours): field 'risk_per_year' not found; fields are: pr");
}

TEST_CASE("vector layer: invalid contours are repaired and counted; NULL values skipped", "[bad_input][vector]") {
    Job job("vector-layer-repair");
    ZoneSpec contours;
    contours.layer = "contours";
    contours.fields = {{"pr", OFTReal}};
    contours.features = {
        {"POLYGON ((155000 463000,155100 463100,155100 463000,155000 463100,155000 463000))", {"1e-6"}},
        {square(kX0, kY0 - 100, 100), {std::nullopt}},
        {"", {"1e-5"}},
    };
    write_zones(job / "risk.gpkg", contours);
    job.replace("[[cumulation]]", "[[layer]]\nname = \"risk\"\npath = \"risk.gpkg\"\nlayer = \"contours\"\nvalue = \"pr\"\n"
                                  "unit = \"per year\"\nmethod = \"es.pr_class\"\n\n[[cumulation]]");
    const CommandResult r = job.run({}, {});
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.err, "1 feature(s) had an invalid geometry, repaired with GEOS MakeValid"));
    CHECK(contains(r.err, "1 feature(s) have no value; skipped"));
    CHECK(contains(r.err, "1 feature(s) have no geometry (NULL or empty); skipped"));
}
