// read_zones: a GeoPackage of neighbourhoods written with OGR inside each test. Checks the CBS
// number rules (sentinels and NULL → missing, text numbers with decimal commas), the errors that
// name fields and ids, geometry repair, reprojection and holes.
#include <catch2/catch.hpp>
#include <cpl_conv.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/core/Errors.h"
#include "burdenmap/io/GdalSession.h"
#include "burdenmap/io/ZoneSource.h"
#include "support/GdalTestData.h"
#include "support/TempDir.h"

namespace fs = std::filesystem;
using namespace burdenmap;
using Catch::Matchers::Contains;

namespace {

using namespace burdenmap::test;  // tests/support

OGRSpatialReferenceH new_srs(int epsg) {
    OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
    REQUIRE(OSRImportFromEPSG(srs, epsg) == OGRERR_NONE);
    OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);  // x = longitude
    return srs;
}

// One feature: WKT geometry and field values; a field absent from the map stays NULL.
struct ZoneFeature {
    std::string wkt;
    std::map<std::string, std::string> text;  // id, name, inc_text
    std::map<std::string, double> number;     // pop (integer), inc (real)
};

// Layer "zones" with fields id (text), name (text), pop (integer), inc (real), inc_text (text).
fs::path write_zones(const TempDir& dir, const std::string& name, int epsg, const std::vector<ZoneFeature>& features) {
    gdal_init();
    const fs::path file = dir.path() / name;
    GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GPKG"), file.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    REQUIRE(ds);
    OGRSpatialReferenceH srs = new_srs(epsg);
    OGRLayerH layer = GDALDatasetCreateLayer(ds, "zones", srs, wkbUnknown, nullptr);
    OSRDestroySpatialReference(srs);
    REQUIRE(layer);
    const std::vector<std::pair<const char*, OGRFieldType>> fields{
        {"id", OFTString}, {"name", OFTString}, {"pop", OFTInteger}, {"inc", OFTReal}, {"inc_text", OFTString}};
    for (const auto& [field, type] : fields) {
        OGRFieldDefnH defn = OGR_Fld_Create(field, type);
        REQUIRE(OGR_L_CreateField(layer, defn, TRUE) == OGRERR_NONE);
        OGR_Fld_Destroy(defn);
    }
    for (const ZoneFeature& f : features) {
        OGRFeatureH feature = OGR_F_Create(OGR_L_GetLayerDefn(layer));
        for (const auto& [k, v] : f.text) OGR_F_SetFieldString(feature, OGR_F_GetFieldIndex(feature, k.c_str()), v.c_str());
        for (const auto& [k, v] : f.number) OGR_F_SetFieldDouble(feature, OGR_F_GetFieldIndex(feature, k.c_str()), v);
        for (const char* k : {"id", "name", "pop", "inc", "inc_text"})
            if (!f.text.count(k) && !f.number.count(k)) OGR_F_SetFieldNull(feature, OGR_F_GetFieldIndex(feature, k));
        set_geometry(feature, f.wkt);
        add_feature(layer, feature);
    }
    GDALClose(ds);
    return file;
}

// A 100 × 100 m square in RD coordinates, shifted east by `i` × 200 m.
std::string rd_square(int i) {
    const double x = 150000.0 + 200.0 * i, y = 450000.0;
    return "POLYGON((" + std::to_string(x) + " " + std::to_string(y) + "," + std::to_string(x + 100) + " " +
           std::to_string(y) + "," + std::to_string(x + 100) + " " + std::to_string(y + 100) + "," +
           std::to_string(x) + " " + std::to_string(y + 100) + "," + std::to_string(x) + " " + std::to_string(y) +
           "))";
}

ZonesConfig config_for(const fs::path& file) {
    ZonesConfig c;
    c.path = file;
    c.layer = "zones";
    c.id_field = "id";
    c.name_field = "name";
    c.population_field = "pop";
    c.income_fields = {{"inc", "inc"}, {"inc_text", "inc_text"}};
    c.nodata_values = {-99999999, -99999997};  // CBS: unknown / suppressed
    return c;
}

const Zone& zone(const std::vector<Zone>& zones, const std::string& id) {
    auto it = std::find_if(zones.begin(), zones.end(), [&](const Zone& z) { return z.id == id; });
    INFO("zone " << id);
    REQUIRE(it != zones.end());
    return *it;
}

bool has_code(const Diagnostics& d, const std::string& code) {
    for (const Diagnostic& x : d.all())
        if (x.code == code) return true;
    return false;
}

}  // namespace

TEST_CASE("zone numbers: CBS sentinels, NULL and text numbers", "[zones]") {
    TempDir dir("zones");
    const fs::path file = write_zones(
        dir, "numbers.gpkg", 28992,
        {
            // a: plain numbers.
            {rd_square(0), {{"id", "a"}, {"name", "Centrum"}, {"inc_text", "42"}}, {{"pop", 120}, {"inc", 3.25}}},
            // b: sentinels in the real and the integer field, and as text.
            {rd_square(1), {{"id", "b"}, {"inc_text", "-99999997"}}, {{"pop", -99999999}, {"inc", -99999999}}},
            // c: the other sentinel; text with leading space and a decimal comma.
            {rd_square(2), {{"id", "c"}, {"inc_text", " 12,5"}}, {{"pop", 0}, {"inc", -99999997}}},
            // d: NULL everywhere but id; "." is CBS for "no value".
            {rd_square(3), {{"id", "d"}, {"inc_text", "."}}, {}},
            // e: a negative number that is not a sentinel, text with surrounding blanks.
            {rd_square(4), {{"id", "e"}, {"inc_text", "  -3.5  "}}, {{"pop", 7}, {"inc", -5.0}}},
        });
    Diagnostics diag;
    const std::vector<Zone> zones = read_zones(config_for(file), epsg_wkt(28992), diag);
    REQUIRE(zones.size() == 5);

    const Zone& a = zone(zones, "a");
    CHECK(a.name == "Centrum");
    CHECK(a.population == std::optional<double>(120.0));
    REQUIRE(a.income.size() == 2);
    CHECK(a.income[0] == std::optional<double>(3.25));
    CHECK(a.income[1] == std::optional<double>(42.0));
    CHECK(a.area == Approx(100.0 * 100.0));

    const Zone& b = zone(zones, "b");
    CHECK(b.name.empty());  // NULL name
    CHECK_FALSE(b.population);  // -99999999 in an integer field
    CHECK_FALSE(b.income[0]);   // -99999999 in a real field
    CHECK_FALSE(b.income[1]);   // "-99999997" as text

    const Zone& c = zone(zones, "c");
    CHECK(c.population == std::optional<double>(0.0));  // 0 is a value, not missing
    CHECK_FALSE(c.income[0]);                           // -99999997
    CHECK(c.income[1] == std::optional<double>(12.5));  // " 12,5"

    const Zone& d = zone(zones, "d");
    CHECK_FALSE(d.population);  // NULL
    CHECK_FALSE(d.income[0]);   // NULL
    CHECK_FALSE(d.income[1]);   // "."

    const Zone& e = zone(zones, "e");
    CHECK(e.income[0] == std::optional<double>(-5.0));
    CHECK(e.income[1] == std::optional<double>(-3.5));

    // Without nodata_values the sentinels are ordinary numbers: the rule comes from the config.
    ZonesConfig plain = config_for(file);
    plain.nodata_values.clear();
    const std::vector<Zone> raw = read_zones(plain, epsg_wkt(28992), diag);
    CHECK(zone(raw, "b").population == std::optional<double>(-99999999.0));
    CHECK(zone(raw, "b").income[1] == std::optional<double>(-99999997.0));
}

TEST_CASE("non-numeric text in a number field names the field and the zone", "[zones][errors]") {
    TempDir dir("zones");
    const fs::path file = write_zones(dir, "text.gpkg", 28992,
                                      {{rd_square(0), {{"id", "BU03630001"}, {"inc_text", "12"}}, {}},
                                       {rd_square(1), {{"id", "BU03630002"}, {"inc_text", "twelve"}}, {}}});
    Diagnostics diag;
    CHECK_THROWS_AS(read_zones(config_for(file), epsg_wkt(28992), diag), InputError);
    CHECK_THROWS_WITH(read_zones(config_for(file), epsg_wkt(28992), diag),
                      Contains("'inc_text'") && Contains("'BU03630002'") && Contains("'twelve'") &&
                          Contains(file.string()));
}

TEST_CASE("a missing field is an error listing the fields that exist", "[zones][errors]") {
    TempDir dir("zones");
    const fs::path file = write_zones(dir, "fields.gpkg", 28992, {{rd_square(0), {{"id", "a"}}, {}}});
    Diagnostics diag;
    SECTION("population") {
        ZonesConfig c = config_for(file);
        c.population_field = "inwoners";
        CHECK_THROWS_AS(read_zones(c, epsg_wkt(28992), diag), InputError);
        CHECK_THROWS_WITH(read_zones(c, epsg_wkt(28992), diag),
                          Contains("'inwoners'") && Contains("zones.population") &&
                              Contains("fields are: id, name, pop, inc, inc_text"));
    }
    SECTION("an income field") {
        ZonesConfig c = config_for(file);
        c.income_fields = {{"low_income_share", "perc_laag"}};
        CHECK_THROWS_WITH(read_zones(c, epsg_wkt(28992), diag),
                          Contains("'perc_laag'") && Contains("zones.income.low_income_share") && Contains("inc_text"));
    }
    SECTION("the id field") {
        ZonesConfig c = config_for(file);
        c.id_field = "buurtcode";
        CHECK_THROWS_WITH(read_zones(c, epsg_wkt(28992), diag), Contains("'buurtcode'") && Contains("id, name"));
    }
}

TEST_CASE("duplicate and empty zone ids are errors naming the id", "[zones][errors]") {
    TempDir dir("zones");
    Diagnostics diag;
    SECTION("duplicate") {
        const fs::path file = write_zones(dir, "dup.gpkg", 28992,
                                          {{rd_square(0), {{"id", "BU1"}}, {}},
                                           {rd_square(1), {{"id", "BU2"}}, {}},
                                           {rd_square(2), {{"id", "BU1"}}, {}}});
        CHECK_THROWS_AS(read_zones(config_for(file), epsg_wkt(28992), diag), InputError);
        CHECK_THROWS_WITH(read_zones(config_for(file), epsg_wkt(28992), diag),
                          Contains("'BU1'") && Contains("more than one"));
    }
    SECTION("empty / NULL") {
        const fs::path file = write_zones(dir, "noid.gpkg", 28992, {{rd_square(0), {}, {}}});
        CHECK_THROWS_WITH(read_zones(config_for(file), epsg_wkt(28992), diag), Contains("empty id"));
    }
}

TEST_CASE("an invalid bow-tie polygon is repaired with a warning", "[zones]") {
    TempDir dir("zones");
    // The ring crosses itself at (150005, 450005): two triangles of 10 × 5 / 2 = 25 m² each.
    const std::string bowtie = "POLYGON((150000 450000,150010 450010,150010 450000,150000 450010,150000 450000))";
    const fs::path file = write_zones(dir, "bowtie.gpkg", 28992,
                                      {{bowtie, {{"id", "tie"}}, {}}, {rd_square(1), {{"id", "ok"}}, {}}});
    Diagnostics diag;
    const std::vector<Zone> zones = read_zones(config_for(file), epsg_wkt(28992), diag);
    REQUIRE(zones.size() == 2);
    const Zone& tie = zone(zones, "tie");
    CHECK(tie.area > 0);
    CHECK(tie.area == Approx(2 * (10.0 * 5.0 / 2.0)));
    CHECK(tie.geometry.size() == 2);  // MakeValid: a multipolygon of the two triangles
    CHECK_FALSE(tie.wkb.empty());
    REQUIRE(has_code(diag, "geometry-repaired"));
    std::size_t repaired = 0;
    for (const Diagnostic& x : diag.all())
        if (x.code == "geometry-repaired") {
            ++repaired;
            CHECK_THAT(x.message, Contains("'tie'"));
        }
    CHECK(repaired == 1);  // the valid zone is not reported
}

TEST_CASE("zones in EPSG:4326 are reprojected to EPSG:28992", "[zones]") {
    TempDir dir("zones");
    // 0.01° × 0.01° at lon 5.10-5.11, lat 52.09-52.10 (written lon, lat: traditional GIS order).
    const std::string square = "POLYGON((5.10 52.09,5.11 52.09,5.11 52.10,5.10 52.10,5.10 52.09))";
    const fs::path file = write_zones(dir, "wgs84.gpkg", 4326, {{square, {{"id", "w"}}, {}}});
    Diagnostics diag;
    const std::vector<Zone> zones = read_zones(config_for(file), epsg_wkt(28992), diag);
    REQUIRE(zones.size() == 1);
    const Zone& w = zones[0];

    // Plausible: 0.01° of longitude at 52.1°N ≈ 111.32 km × cos(52.1°) × 0.01 ≈ 684 m, 0.01° of
    // latitude ≈ 1113 m, so about 7.6e5 m²; within 2 % (RD's scale and projection distortion are
    // far smaller than that).
    const double rough = (111320.0 * std::cos(52.095 * std::acos(-1.0) / 180.0) * 0.01) * (111320.0 * 0.01);
    CHECK(w.area == Approx(rough).epsilon(0.02));
    // In RD coordinates (around x 135000, y 456000 here), not degrees.
    CHECK(w.bounds.xmin > 100000);
    CHECK(w.bounds.xmax < 200000);
    CHECK(w.bounds.ymin > 400000);
    CHECK(w.bounds.ymax < 500000);

    // Exactly what OGR gives for the same polygon transformed to RD.
    OGRGeometryH g = nullptr;
    char* wkt = const_cast<char*>(square.c_str());
    REQUIRE(OGR_G_CreateFromWkt(&wkt, nullptr, &g) == OGRERR_NONE);
    OGRSpatialReferenceH wgs84 = new_srs(4326), rd = new_srs(28992);
    OGRCoordinateTransformationH t = OCTNewCoordinateTransformation(wgs84, rd);
    REQUIRE(t);
    REQUIRE(OGR_G_Transform(g, t) == OGRERR_NONE);
    const double expected = OGR_G_Area(g);
    OGREnvelope env;
    OGR_G_GetEnvelope(g, &env);
    OCTDestroyCoordinateTransformation(t);
    OSRDestroySpatialReference(wgs84);
    OSRDestroySpatialReference(rd);
    OGR_G_DestroyGeometry(g);
    CHECK(w.area == Approx(expected).epsilon(1e-9));
    CHECK(w.bounds.xmin == Approx(env.MinX).margin(1e-6));
    CHECK(w.bounds.ymax == Approx(env.MaxY).margin(1e-6));
}

TEST_CASE("holes and multipolygons survive", "[zones]") {
    TempDir dir("zones");
    // 100 × 100 with a 20 × 20 hole: 10000 - 400 = 9600 m².
    const std::string holed =
        "POLYGON((150000 450000,150100 450000,150100 450100,150000 450100,150000 450000),"
        "(150020 450020,150040 450020,150040 450040,150020 450040,150020 450020))";
    // A 10 × 10 square and a 20 × 20 square with a 5 × 5 hole: 100 + 400 - 25 = 475 m².
    const std::string multi =
        "MULTIPOLYGON(((151000 450000,151010 450000,151010 450010,151000 450010,151000 450000)),"
        "((151100 450000,151120 450000,151120 450020,151100 450020,151100 450000),"
        "(151105 450005,151110 450005,151110 450010,151105 450010,151105 450005)))";
    const fs::path file = write_zones(dir, "holes.gpkg", 28992, {{holed, {{"id", "h"}}, {}}, {multi, {{"id", "m"}}, {}}});
    Diagnostics diag;
    const std::vector<Zone> zones = read_zones(config_for(file), epsg_wkt(28992), diag);

    const Zone& h = zone(zones, "h");
    REQUIRE(h.geometry.size() == 1);
    CHECK(h.geometry[0].holes.size() == 1);
    CHECK(h.area == Approx(100.0 * 100.0 - 20.0 * 20.0));

    const Zone& m = zone(zones, "m");
    REQUIRE(m.geometry.size() == 2);
    CHECK(m.geometry[0].holes.size() + m.geometry[1].holes.size() == 1);
    CHECK(m.area == Approx(10.0 * 10.0 + 20.0 * 20.0 - 5.0 * 5.0));
    CHECK(m.bounds.xmin == 151000.0);
    CHECK(m.bounds.xmax == 151120.0);
    CHECK(m.bounds.ymax == 450020.0);

    // The WKB carries the same area (ISO WKB multipolygon, as written to outputs).
    OGRGeometryH g = nullptr;
    REQUIRE(OGR_G_CreateFromWkb(m.wkb.data(), nullptr, &g, static_cast<int>(m.wkb.size())) == OGRERR_NONE);
    CHECK(wkbFlatten(OGR_G_GetGeometryType(g)) == wkbMultiPolygon);
    CHECK(OGR_G_Area(g) == Approx(475.0));
    OGR_G_DestroyGeometry(g);
    CHECK(diag.all().empty());  // nothing to repair, nothing skipped
}

TEST_CASE("a missing zones file is an error naming the path", "[zones][errors]") {
    TempDir dir("zones");
    ZonesConfig c = config_for(dir.path() / "nope.gpkg");
    Diagnostics diag;
    CHECK_THROWS_AS(read_zones(c, epsg_wkt(28992), diag), InputError);
    CHECK_THROWS_WITH(read_zones(c, epsg_wkt(28992), diag), Contains((dir.path() / "nope.gpkg").string()));
}

TEST_CASE("zones without geometry are skipped with a warning; none usable is an error", "[zones]") {
    TempDir dir("zones");
    Diagnostics diag;
    SECTION("one empty among valid ones") {
        const fs::path file = write_zones(dir, "empty.gpkg", 28992,
                                          {{"POLYGON EMPTY", {{"id", "void"}}, {}}, {rd_square(0), {{"id", "a"}}, {}}});
        const std::vector<Zone> zones = read_zones(config_for(file), epsg_wkt(28992), diag);
        REQUIRE(zones.size() == 1);
        CHECK(zones[0].id == "a");
        REQUIRE(diag.all().size() == 1);
        CHECK(diag.all()[0].code == "zone-empty-geometry");
        CHECK_THAT(diag.all()[0].message, Contains("'void'"));
    }
    SECTION("only empty ones") {
        const fs::path file = write_zones(dir, "allempty.gpkg", 28992, {{"POLYGON EMPTY", {{"id", "void"}}, {}}});
        CHECK_THROWS_WITH(read_zones(config_for(file), epsg_wkt(28992), diag), Contains("no usable zone polygons"));
    }
}

TEST_CASE("a NaN or infinite coordinate is an error naming the zone", "[zones][errors]") {
    TempDir dir("zones");
    for (const double bad : {std::nan(""), HUGE_VAL}) {
        INFO("coordinate " << bad);
        const fs::path file = write_zones(dir, bad == HUGE_VAL ? "inf.gpkg" : "nan.gpkg", 28992,
                                          {{rd_square(0), {{"id", "ok"}}, {}}, {rd_square(1), {{"id", "bad"}}, {}}});
        // WKT cannot spell NaN or infinity: the second square gets one such corner through the API.
        GDALDatasetH ds = GDALOpenEx(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr);
        REQUIRE(ds);
        OGRLayerH layer = GDALDatasetGetLayerByName(ds, "zones");
        OGR_L_ResetReading(layer);
        OGR_F_Destroy(OGR_L_GetNextFeature(layer));
        OGRFeatureH f = OGR_L_GetNextFeature(layer);
        REQUIRE(f);
        OGRGeometryH ring = OGR_G_CreateGeometry(wkbLinearRing);
        for (const auto& [x, y] : std::vector<std::pair<double, double>>{{150200, 450000}, {bad, 450000}, {150300, 450100}, {150200, 450100}, {150200, 450000}})
            OGR_G_AddPoint_2D(ring, x, y);
        OGRGeometryH polygon = OGR_G_CreateGeometry(wkbPolygon);
        OGR_G_AddGeometryDirectly(polygon, ring);
        OGR_F_SetGeometryDirectly(f, polygon);
        REQUIRE(OGR_L_SetFeature(layer, f) == OGRERR_NONE);
        OGR_F_Destroy(f);
        GDALClose(ds);

        Diagnostics diag;
        CHECK_THROWS_AS(read_zones(config_for(file), epsg_wkt(28992), diag), InputError);
        CHECK_THROWS_WITH(read_zones(config_for(file), epsg_wkt(28992), diag),
                          Contains("zone 'bad'") && Contains("not a finite number"));
    }
}
