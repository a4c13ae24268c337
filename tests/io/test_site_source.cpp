// read_sites (points and polygons from any OGR source and CRS, ids, unusable geometries) and the
// exact contour test of ContourTester (inside, touching the line, outside and how far), on
// GeoPackages and geometries made inside the tests. Coordinates are RD (EPSG:28992) offsets.
#include <catch2/catch.hpp>
#include <cpl_conv.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <filesystem>
#include <string>
#include <vector>

#include "burdenmap/core/Errors.h"
#include "burdenmap/io/GdalSession.h"
#include "burdenmap/io/SiteContours.h"
#include "burdenmap/io/SiteSource.h"
#include "support/GdalTestData.h"
#include "support/RdSquares.h"
#include "support/TempDir.h"

namespace fs = std::filesystem;
using namespace burdenmap;
using Catch::Matchers::Contains;

namespace {

using namespace burdenmap::test;  // tests/support (RdSquares.h: X0, Y0, rd_point, square)

struct SiteFeature {
    std::string id;
    std::string wkt;  // empty: no geometry
};

// Layer "sites" with a text field "name"; epsg 0: no CRS.
fs::path write_sites(const TempDir& dir, const std::vector<SiteFeature>& features, int epsg = 28992,
                     const std::string& file_name = "sites.gpkg") {
    gdal_init();
    const fs::path file = dir.path() / file_name;
    GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GPKG"), file.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    REQUIRE(ds);
    OGRSpatialReferenceH srs = nullptr;
    if (epsg) {
        srs = OSRNewSpatialReference(nullptr);
        OSRImportFromEPSG(srs, epsg);
    }
    OGRLayerH layer = GDALDatasetCreateLayer(ds, "sites", srs, wkbUnknown, nullptr);
    if (srs) OSRDestroySpatialReference(srs);
    REQUIRE(layer);
    OGRFieldDefnH name = OGR_Fld_Create("name", OFTString);
    REQUIRE(OGR_L_CreateField(layer, name, TRUE) == OGRERR_NONE);
    OGR_Fld_Destroy(name);
    for (const SiteFeature& f : features) {
        OGRFeatureH feature = OGR_F_Create(OGR_L_GetLayerDefn(layer));
        OGR_F_SetFieldString(feature, 0, f.id.c_str());
        if (!f.wkt.empty()) set_geometry(feature, f.wkt);
        add_feature(layer, feature);
    }
    GDALClose(ds);
    return file;
}

}  // namespace

TEST_CASE("points and polygons are read with their ids; the feature id when no field is named", "[sites]") {
    TempDir dir("sites");
    const fs::path file = write_sites(dir, {{"north", "POINT(" + rd_point(10, 20) + ")"}, {"plot", square(0, 0, 100, 50)}});
    Diagnostics diag;
    const SiteLayer layer = read_sites(file, "", "name", epsg_wkt(28992), diag);
    REQUIRE(layer.sites.size() == 2);
    CHECK_FALSE(layer.reprojected);
    CHECK(layer.sites[0].id == "north");
    CHECK(layer.sites[0].kind == Site::Kind::point);
    CHECK(layer.sites[0].point.x == X0 + 10);
    CHECK(layer.sites[0].point.y == Y0 + 20);
    CHECK(layer.sites[1].kind == Site::Kind::polygon);
    CHECK(layer.sites[1].area == Approx(5000.0));
    CHECK_FALSE(layer.sites[1].wkb.empty());
    CHECK(diag.all().empty());
    const SiteLayer by_fid = read_sites(file, "sites", "", epsg_wkt(28992), diag);
    CHECK(by_fid.sites[0].id == "1");
    CHECK(by_fid.sites[1].id == "2");
}

TEST_CASE("sites in another CRS (WGS84 lon/lat) are reprojected onto the target", "[sites]") {
    TempDir dir("sites");
    // The RD point (X0 + 10, Y0 + 20) in lon/lat, traditional GIS order.
    const auto [x, y] = rd_to_lonlat(X0 + 10, Y0 + 20);
    char text[128];
    std::snprintf(text, sizeof text, "POINT(%.12f %.12f)", x, y);
    const fs::path file = write_sites(dir, {{"a", text}}, 4326);
    Diagnostics diag;
    const SiteLayer layer = read_sites(file, "", "name", epsg_wkt(28992), diag);
    CHECK(layer.reprojected);
    CHECK(layer.crs_name == "EPSG:4326");
    REQUIRE(layer.sites.size() == 1);
    CHECK(layer.sites[0].point.x == Approx(X0 + 10).margin(1e-3));
    CHECK(layer.sites[0].point.y == Approx(Y0 + 20).margin(1e-3));
}

TEST_CASE("a line or an empty geometry is kept as unusable, with a warning", "[sites]") {
    TempDir dir("sites");
    const fs::path file = write_sites(dir, {{"road", "LINESTRING(" + rd_point(0, 0) + "," + rd_point(10, 10) + ")"}, {"empty", ""},
                                            {"ok", "POINT(" + rd_point(1, 1) + ")"}});
    Diagnostics diag;
    const SiteLayer layer = read_sites(file, "", "name", epsg_wkt(28992), diag);
    REQUIRE(layer.sites.size() == 3);
    CHECK(layer.sites[0].kind == Site::Kind::unusable);
    CHECK_THAT(layer.sites[0].problem, Contains("Line String"));
    CHECK(layer.sites[1].kind == Site::Kind::unusable);
    CHECK_THAT(layer.sites[1].problem, Contains("no geometry"));
    CHECK(layer.sites[2].kind == Site::Kind::point);
    CHECK(diag.all().size() == 2);
}

TEST_CASE("bad site files name the file, layer and field", "[sites]") {
    TempDir dir("sites");
    Diagnostics diag;
    const fs::path file = write_sites(dir, {{"a", "POINT(" + rd_point(0, 0) + ")"}, {"a", "POINT(" + rd_point(5, 0) + ")"}});
    CHECK_THROWS_WITH(read_sites(file, "", "code", epsg_wkt(28992), diag),
                      Contains(file.string()) && Contains("id field 'code'") && Contains("fields are: name"));
    CHECK_THROWS_WITH(read_sites(file, "", "name", epsg_wkt(28992), diag), Contains("site id 'a'") && Contains("more than one"));
    CHECK_THROWS_WITH(read_sites(file, "plots", "", epsg_wkt(28992), diag), Contains("layer 'plots' not found"));
    CHECK_THROWS_WITH(read_sites(dir.path() / "missing.gpkg", "", "", epsg_wkt(28992), diag), Contains("missing.gpkg"));
    const fs::path no_crs = write_sites(dir, {{"a", "POINT(" + rd_point(0, 0) + ")"}}, 0, "nocrs.gpkg");
    CHECK_THROWS_WITH(read_sites(no_crs, "", "", epsg_wkt(28992), diag), Contains("no CRS"));
}

TEST_CASE("contours: inside, touching the line, outside with its distance", "[sites]") {
    // A 1e-6 contour 0..200 with a 1e-5 contour 50..150 inside it.
    auto data = std::make_shared<VectorLayerData>();
    data->description = "test contours";
    for (auto [value, w] : {std::pair<double, std::string>{1e-6, square(0, 0, 200, 200)}, {1e-5, square(50, 50, 150, 150)}}) {
        VectorLayerData::Shape s;
        s.wkb = wkb_of(w);
        s.value = value;
        s.bounds = Box{X0 + (value == 1e-6 ? 0 : 50), Y0 + (value == 1e-6 ? 0 : 50), X0 + (value == 1e-6 ? 200 : 150),
                       Y0 + (value == 1e-6 ? 200 : 150)};
        data->shapes.push_back(s);
    }
    const ContourTester tester(data);

    const auto inside = tester.contacts(wkb_of(square(10, 10, 40, 40)));
    REQUIRE(inside.size() == 1);
    CHECK(inside[0].value == 1e-6);
    CHECK(inside[0].interior);

    // Shares the contour's east edge x = 200 and nothing more.
    const auto touching = tester.contacts(wkb_of(square(200, 20, 260, 80)));
    REQUIRE(touching.size() == 1);
    CHECK_FALSE(touching[0].interior);
    CHECK(tester.distance(wkb_of(square(200, 20, 260, 80)), 1e-6) == 0.0);
    // A point on the line touches it too.
    const auto on_line = tester.contacts(wkb_of("POINT(" + rd_point(200, 100) + ")"));
    REQUIRE(on_line.size() == 1);
    CHECK_FALSE(on_line[0].interior);

    const auto reaching_inner = tester.contacts(wkb_of(square(100, 100, 300, 300)));
    REQUIRE(reaching_inner.size() == 2);
    CHECK(reaching_inner[1].value == 1e-5);
    CHECK(reaching_inner[1].interior);

    const std::vector<unsigned char> away = wkb_of(square(300, 0, 350, 50));
    CHECK(tester.contacts(away).empty());
    CHECK(tester.distance(away, 1e-6) == Approx(100.0));
    CHECK(tester.distance(away, 1e-5) == Approx(150.0));
    CHECK_FALSE(tester.distance(away, 1e-4).has_value());
}
