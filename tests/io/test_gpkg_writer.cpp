// GpkgWriter: layers, NULLs, codebook, run manifest in gpkg_metadata, temp-then-rename.
#include <catch2/catch.hpp>
#include <cpl_conv.h>
#include <gdal.h>
#include <unistd.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <string>
#include <vector>

#include "burdenmap/core/Errors.h"
#include "burdenmap/io/GdalSession.h"
#include "burdenmap/io/GpkgWriter.h"
#include "support/Files.h"
#include "support/GdalTestData.h"
#include "support/TempDir.h"

namespace fs = std::filesystem;
using namespace burdenmap;

namespace {

using namespace burdenmap::test;  // tests/support

const double nan = std::numeric_limits<double>::quiet_NaN();

std::vector<FieldSpec> zone_fields() {
    return {
        {"zone_id", FieldType::text, "neighbourhood code", "", "", "CBS"},
        {"population", FieldType::integer, "inhabitants", "persons", "", "CBS"},
        {"noise_mean", FieldType::real, "mean road-noise score", "class", "ges.road_noise", "GES 2019"},
    };
}

std::vector<Feature> zone_features() {
    return {
        {wkb_of("MULTIPOLYGON (((0 0,10 0,10 10,0 10,0 0)),((20 0,30 0,30 10,20 10,20 0)))"),
         {std::string("BU001"), 120LL, 3.5}},
        // A single polygon and NULLs of every kind: monostate, and NaN for a real.
        {wkb_of("POLYGON ((0 20,10 20,10 30,0 30,0 20))"), {std::string("BU002"), std::monostate{}, nan}},
        {{}, {std::monostate{}, 7LL, 2.0}},  // no geometry
    };
}

std::vector<FieldSpec> group_fields() {
    return {
        {"income_group", FieldType::text, "income quintile", "", "", ""},
        {"burden", FieldType::real, "population-weighted mean burden", "count", "count_at_least", ""},
    };
}

void write_sample(const fs::path& out, bool overwrite = false) {
    GpkgWriter writer(out, overwrite);
    writer.write_layer("zones", "Neighbourhoods with burden statistics", epsg_wkt(28992),
                       GpkgWriter::GeometryKind::multipolygon, zone_fields(), zone_features());
    writer.write_table("income_groups", "Burden per income group", group_fields(),
                       {{std::string("q1"), 2.5}, {std::string("q5"), std::monostate{}}});
    writer.write_codebook();
    writer.write_metadata(R"({"tool":"burdenmap","note":"it's quoted"})");
    writer.finish();
}

struct GpkgDataset {
    GDALDatasetH ds;
    explicit GpkgDataset(const fs::path& p)
        : ds(GDALOpenEx(p.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)) {
        REQUIRE(ds);
    }
    ~GpkgDataset() { GDALClose(ds); }
    GpkgDataset(const GpkgDataset&) = delete;
    GpkgDataset& operator=(const GpkgDataset&) = delete;

    // The rows of a query, every column as text ("<NULL>" for NULL).
    std::vector<std::vector<std::string>> query(const std::string& sql) const {
        OGRLayerH result = GDALDatasetExecuteSQL(ds, sql.c_str(), nullptr, nullptr);
        REQUIRE(result);
        std::vector<std::vector<std::string>> rows;
        while (OGRFeatureH f = OGR_L_GetNextFeature(result)) {
            std::vector<std::string> row;
            for (int i = 0; i < OGR_F_GetFieldCount(f); ++i)
                row.push_back(OGR_F_IsFieldSetAndNotNull(f, i) ? OGR_F_GetFieldAsString(f, i) : "<NULL>");
            rows.push_back(row);
            OGR_F_Destroy(f);
        }
        GDALDatasetReleaseResultSet(ds, result);
        return rows;
    }
};

}  // namespace

TEST_CASE("GpkgWriter writes a MultiPolygon layer with NULLs", "[gpkg]") {
    gdal_init();
    TempDir dir("gpkg");
    const fs::path out = dir.path() / "burden.gpkg";
    write_sample(out);
    CHECK(names_in(dir.path()) == std::vector<std::string>{"burden.gpkg"});  // no temp, no journal

    GpkgDataset f(out);
    OGRLayerH zones = GDALDatasetGetLayerByName(f.ds, "zones");
    REQUIRE(zones);
    CHECK(OGR_L_GetGeomType(zones) == wkbMultiPolygon);
    CHECK(std::string(OGR_L_GetFIDColumn(zones)) == "fid");
    CHECK(OGR_L_GetFeatureCount(zones, TRUE) == 3);
    const std::string wkt = epsg_wkt(28992);
    OGRSpatialReferenceH expected = OSRNewSpatialReference(wkt.c_str());
    CHECK(OSRIsSame(OGR_L_GetSpatialRef(zones), expected));
    OSRDestroySpatialReference(expected);

    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(zones);
    CHECK(OGR_Fld_GetType(OGR_FD_GetFieldDefn(defn, 1)) == OFTInteger64);

    OGR_L_ResetReading(zones);
    std::vector<OGRFeatureH> features;
    while (OGRFeatureH feature = OGR_L_GetNextFeature(zones)) features.push_back(feature);
    REQUIRE(features.size() == 3);

    CHECK(std::string(OGR_F_GetFieldAsString(features[0], 0)) == "BU001");
    CHECK(OGR_F_GetFieldAsInteger64(features[0], 1) == 120);
    CHECK(OGR_F_GetFieldAsDouble(features[0], 2) == 3.5);
    CHECK(OGR_G_GetGeometryCount(OGR_F_GetGeometryRef(features[0])) == 2);

    // The single polygon was promoted to the layer's type; NULL and NaN became NULL.
    CHECK(wkbFlatten(OGR_G_GetGeometryType(OGR_F_GetGeometryRef(features[1]))) == wkbMultiPolygon);
    CHECK(OGR_F_IsFieldNull(features[1], 1));
    CHECK(OGR_F_IsFieldNull(features[1], 2));

    CHECK(OGR_F_GetGeometryRef(features[2]) == nullptr);
    CHECK(OGR_F_IsFieldNull(features[2], 0));
    CHECK(OGR_F_GetFieldAsInteger64(features[2], 1) == 7);
    for (OGRFeatureH feature : features) OGR_F_Destroy(feature);

    // NULL in SQL too, not NaN or an empty string.
    CHECK(f.query("SELECT COUNT(*) FROM zones WHERE noise_mean IS NULL")[0][0] == "1");
}

TEST_CASE("GpkgWriter records descriptions, attribute tables and the codebook", "[gpkg]") {
    gdal_init();
    TempDir dir("gpkg");
    const fs::path out = dir.path() / "burden.gpkg";
    write_sample(out);
    GpkgDataset f(out);

    const auto contents = f.query("SELECT table_name, data_type, description FROM gpkg_contents ORDER BY table_name");
    REQUIRE(contents.size() == 3);
    CHECK(contents[0] ==
          std::vector<std::string>{"codebook", "attributes", "What every column of this GeoPackage means"});
    CHECK(contents[1] == std::vector<std::string>{"income_groups", "attributes", "Burden per income group"});
    CHECK(contents[2] == std::vector<std::string>{"zones", "features", "Neighbourhoods with burden statistics"});

    const auto groups = f.query("SELECT income_group, burden FROM income_groups ORDER BY fid");
    REQUIRE(groups.size() == 2);
    CHECK(groups[0] == std::vector<std::string>{"q1", "2.5"});
    CHECK(groups[1] == std::vector<std::string>{"q5", "<NULL>"});

    // One row per column of every layer and table written before the codebook, in order.
    const auto codebook =
        f.query("SELECT layer, column_name, type, meaning, unit, method, source FROM codebook ORDER BY fid");
    REQUIRE(codebook.size() == 5);
    CHECK(codebook[0] == std::vector<std::string>{"zones", "zone_id", "text", "neighbourhood code", "", "", "CBS"});
    CHECK(codebook[1][2] == "integer");
    CHECK(codebook[2] == std::vector<std::string>{"zones", "noise_mean", "real", "mean road-noise score", "class",
                                                  "ges.road_noise", "GES 2019"});
    CHECK(codebook[4][0] == "income_groups");
    CHECK(codebook[4][1] == "burden");
}

TEST_CASE("GpkgWriter stores the run manifest in gpkg_metadata", "[gpkg]") {
    gdal_init();
    TempDir dir("gpkg");
    const fs::path out = dir.path() / "burden.gpkg";
    write_sample(out);
    GpkgDataset f(out);

    const auto metadata = f.query("SELECT id, md_scope, md_standard_uri, mime_type, metadata FROM gpkg_metadata");
    REQUIRE(metadata.size() == 1);
    CHECK(metadata[0][1] == "dataset");
    CHECK(metadata[0][2] == "https://burdenmap/run-manifest");
    CHECK(metadata[0][3] == "application/json");
    CHECK(metadata[0][4] == R"({"tool":"burdenmap","note":"it's quoted"})");

    const auto reference =
        f.query("SELECT reference_scope, table_name, md_file_id, timestamp FROM gpkg_metadata_reference");
    REQUIRE(reference.size() == 1);
    CHECK(reference[0][0] == "geopackage");
    CHECK(reference[0][1] == "<NULL>");
    CHECK(reference[0][2] == metadata[0][0]);
    CHECK(reference[0][3].size() >= 20);  // an ISO 8601 timestamp, e.g. 2024-01-01T00:00:00.000Z

    const auto extensions = f.query(
        "SELECT table_name FROM gpkg_extensions WHERE extension_name = 'gpkg_metadata' ORDER BY table_name");
    CHECK(extensions == std::vector<std::vector<std::string>>{{"gpkg_metadata"}, {"gpkg_metadata_reference"}});
}

TEST_CASE("GpkgWriter leaves no file at all when destroyed before finish()", "[gpkg]") {
    gdal_init();
    TempDir dir("gpkg");
    {
        GpkgWriter writer(dir.path() / "burden.gpkg", false);
        writer.write_layer("zones", "", epsg_wkt(28992), GpkgWriter::GeometryKind::multipolygon, zone_fields(),
                           zone_features());
        CHECK_FALSE(names_in(dir.path()).empty());
    }
    CHECK(names_in(dir.path()).empty());
}

TEST_CASE("GpkgWriter refuses an existing output without overwrite, leaving it untouched", "[gpkg]") {
    gdal_init();
    TempDir dir("gpkg");
    const fs::path out = dir.path() / "burden.gpkg";
    write_sample(out);
    const std::string before = read_bytes(out);
    try {
        GpkgWriter writer(out, false);
        FAIL("expected OutputError");
    } catch (const OutputError& e) {
        CHECK_THAT(e.what(), Catch::Contains(out.string()) && Catch::Contains("--overwrite"));
    }
    CHECK(read_bytes(out) == before);
    CHECK(names_in(dir.path()) == std::vector<std::string>{"burden.gpkg"});

    SECTION("with overwrite it is replaced") {
        {
            GpkgWriter writer(out, true);
            writer.write_table("only", "", group_fields(), {});
            writer.finish();
        }
        GpkgDataset f(out);
        CHECK(GDALDatasetGetLayerCount(f.ds) == 1);
        CHECK(names_in(dir.path()) == std::vector<std::string>{"burden.gpkg"});
    }
}

TEST_CASE("GpkgWriter refuses a folder it cannot write, naming the folder", "[gpkg]") {
    gdal_init();
    TempDir dir("gpkg");
    const fs::path target = dir.unwritable_path("burden.gpkg");
    try {
        GpkgWriter writer(target, false);
        FAIL("expected OutputError");
    } catch (const OutputError& e) {
        CHECK_THAT(e.what(), Catch::Contains(target.parent_path().string()));
    }
}

TEST_CASE("GpkgWriter names the layer and field of a bad value, and writes no row of that layer", "[gpkg]") {
    gdal_init();
    TempDir dir("gpkg");
    const fs::path out = dir.path() / "burden.gpkg";
    GpkgWriter writer(out, false);
    const std::vector<FieldSpec> fields = {{"population", FieldType::integer, "", "", "", ""}};
    try {
        writer.write_table("zones_stats", "", fields, {{7LL}, {std::string("seven")}});
        FAIL("expected OutputError");
    } catch (const OutputError& e) {
        CHECK_THAT(e.what(), Catch::Contains("zones_stats") && Catch::Contains("population"));
    }
    CHECK_THROWS_AS(writer.write_table("zones_stats2", "", fields, {{7LL, 8LL}}), OutputError);  // too many values
    CHECK_THROWS_AS(writer.write_table("zones_stats", "", fields, {}), OutputError);  // the name is taken

    // The failed layers are not in the codebook, and their rows were rolled back.
    writer.write_codebook();
    writer.finish();
    GpkgDataset f(out);
    CHECK(f.query("SELECT COUNT(*) FROM zones_stats")[0][0] == "0");
    OGRLayerH stats = GDALDatasetGetLayerByName(f.ds, "zones_stats");
    REQUIRE(stats);
    CHECK(OGR_L_GetFeatureCount(stats, TRUE) == 0);  // GDAL's cached count was rolled back too
    CHECK(f.query("SELECT COUNT(*) FROM codebook")[0][0] == "0");
}
