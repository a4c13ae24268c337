// read_vector_layer + VectorBurner: risk contours as nested squares in a GeoPackage written inside
// the test, burned at cell centres onto a grid window (VectorLayerSource.h: a cell takes the
// highest value among the polygons covering its centre, the background elsewhere).
#include <catch2/catch.hpp>
#include <cpl_conv.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "burdenmap/config/Config.h"
#include "burdenmap/core/Errors.h"
#include "burdenmap/core/Grid.h"
#include "burdenmap/io/GdalSession.h"
#include "burdenmap/io/VectorLayerSource.h"
#include "support/GdalTestData.h"
#include "support/RdSquares.h"
#include "support/TempDir.h"

namespace fs = std::filesystem;
using namespace burdenmap;
using Catch::Matchers::Contains;

namespace {

using namespace burdenmap::test;  // tests/support

std::string rd_wkt() { return burdenmap::test::epsg_wkt(28992); }

// RD offsets (support/RdSquares.h: X0, Y0, square) keep the coordinates realistic; all numbers
// below are relative to them.

struct Contour {
    std::string wkt;
    double risk;
};

// Layer "contours" (EPSG:28992) with fields risk (real) and label (text).
fs::path write_contours(const TempDir& dir, const std::vector<Contour>& contours) {
    gdal_init();
    const fs::path file = dir.path() / "contours.gpkg";
    GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GPKG"), file.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    REQUIRE(ds);
    OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(srs, 28992);
    OGRLayerH layer = GDALDatasetCreateLayer(ds, "contours", srs, wkbUnknown, nullptr);  // any geometry type
    OSRDestroySpatialReference(srs);
    REQUIRE(layer);
    OGRFieldDefnH risk = OGR_Fld_Create("risk", OFTReal);
    OGRFieldDefnH label = OGR_Fld_Create("label", OFTString);
    REQUIRE(OGR_L_CreateField(layer, risk, TRUE) == OGRERR_NONE);
    REQUIRE(OGR_L_CreateField(layer, label, TRUE) == OGRERR_NONE);
    OGR_Fld_Destroy(risk);
    OGR_Fld_Destroy(label);
    for (const Contour& c : contours) {
        OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(layer));
        OGR_F_SetFieldDouble(f, 0, c.risk);
        OGR_F_SetFieldString(f, 1, "contour");
        set_geometry(f, c.wkt);
        add_feature(layer, f);
    }
    GDALClose(ds);
    return file;
}

LayerConfig layer_config(const fs::path& file, const std::string& field = "risk") {
    LayerConfig l;
    l.name = "risk";
    l.path = file;
    l.vector_layer = "contours";
    l.value_field = field;
    l.background = 1e-10;
    return l;
}

// 40 × 40 cells of 10 m, x -20..380, y -320..80 (relative to X0, Y0). Cell (r, c) has its centre
// at x = -15 + 10c, y = 75 - 10r.
const Grid kGrid(X0 - 20.0, Y0 + 80.0, 10.0, 10.0, 40, 40);

// Outer square 0..60 (1e-8 per year), inner square 20..40 (1e-6), written inner first so that
// the file order is not the burn order.
std::vector<Contour> nested(double inner_value = 1e-6, double outer_value = 1e-8) {
    return {{square(20, 20, 40, 40), inner_value}, {square(0, 0, 60, 60), outer_value}};
}

std::vector<float> burn(const VectorLayerData& data, const Window& w, double background) {
    VectorBurner burner(std::make_shared<const VectorLayerData>(data), kGrid, rd_wkt(), background);
    std::vector<float> out(w.size(), -1.0f);
    burner.read(w, out.data());
    return out;
}

bool inside(double x, double y, double lo, double hi) { return x > lo && x < hi && y > lo && y < hi; }

}  // namespace

TEST_CASE("nested contours burn at cell centres: inner, outer ring, background", "[vector]") {
    TempDir dir("vector");
    const fs::path file = write_contours(dir, nested());
    Diagnostics diag;
    const VectorLayerData data = read_vector_layer(layer_config(file), rd_wkt(), diag);
    REQUIRE(data.shapes.size() == 2);
    CHECK(data.shapes[0].value == 1e-8);  // sorted ascending: the higher value burns last
    CHECK(data.shapes[1].value == 1e-6);
    CHECK_THAT(data.description, Contains(file.string()) && Contains("contours") && Contains("risk"));
    CHECK(diag.all().empty());

    const double background = 1e-10;
    const Window w{0, 0, 10, 10};  // x -20..80, y -20..80: both squares and a margin around them
    const std::vector<float> out = burn(data, w, background);
    int inner = 0, ring = 0, outside = 0;
    for (int r = 0; r < w.rows; ++r)
        for (int c = 0; c < w.cols; ++c) {
            const double x = -15.0 + 10.0 * c, y = 75.0 - 10.0 * r;  // cell centre, relative to X0, Y0
            const float got = out[static_cast<std::size_t>(r) * w.cols + c];
            INFO("cell (" << r << ", " << c << "), centre (" << x << ", " << y << ")");
            if (inside(x, y, 20, 40)) {
                CHECK(got == static_cast<float>(1e-6));
                ++inner;
            } else if (inside(x, y, 0, 60)) {
                CHECK(got == static_cast<float>(1e-8));
                ++ring;
            } else {
                CHECK(got == static_cast<float>(background));
                ++outside;
            }
        }
    // Centres 25 and 35 lie in 20..40: 2 × 2 cells; 5..55 in 0..60: 6 × 6 - 4 = 32; the rest 64.
    CHECK(inner == 2 * 2);
    CHECK(ring == 6 * 6 - 2 * 2);
    CHECK(outside == 10 * 10 - 6 * 6);

    // A window inside that one gives the same cells (the burn is per window, on its own subgrid).
    const Window part{3, 2, 5, 4};
    const std::vector<float> sub = burn(data, part, background);
    for (int r = 0; r < part.rows; ++r)
        for (int c = 0; c < part.cols; ++c)
            CHECK(sub[static_cast<std::size_t>(r) * part.cols + c] ==
                  out[static_cast<std::size_t>(part.row_off + r) * w.cols + (part.col_off + c)]);
}

TEST_CASE("where contours overlap the highest value wins, whatever the file order", "[vector]") {
    TempDir dir("vector");
    // Now the outer square has the higher value: it covers the inner square's cells too.
    const fs::path file = write_contours(dir, nested(1e-8, 1e-6));
    Diagnostics diag;
    const VectorLayerData data = read_vector_layer(layer_config(file), rd_wkt(), diag);
    const std::vector<float> out = burn(data, Window{0, 0, 10, 10}, 0.0);
    for (int r = 0; r < 10; ++r)
        for (int c = 0; c < 10; ++c) {
            const double x = -15.0 + 10.0 * c, y = 75.0 - 10.0 * r;
            const float got = out[static_cast<std::size_t>(r) * 10 + c];
            CHECK(got == (inside(x, y, 0, 60) ? static_cast<float>(1e-6) : 0.0f));
        }
}

TEST_CASE("a window away from all shapes is all background", "[vector]") {
    TempDir dir("vector");
    const fs::path file = write_contours(dir, nested());
    Diagnostics diag;
    const VectorLayerData data = read_vector_layer(layer_config(file), rd_wkt(), diag);
    const Window far{30, 30, 10, 10};  // x 280..380, y -320..-220: no shape near
    const std::vector<float> out = burn(data, far, -7.5);
    for (float v : out) CHECK(v == -7.5f);
}

TEST_CASE("points, lines and the non-polygon parts of collections are left out, counted and named", "[vector][geometry]") {
    TempDir dir("vector");
    // FIDs 1..5. The point lies on the centre of cell (7, 22), which it burned before.
    const fs::path file = write_contours(dir, {{square(0, 0, 60, 60), 1e-6},
                                               {"POINT (150205 450005)", 1e-5},
                                               {"LINESTRING (150200 450000,150300 450050)", 1e-5},
                                               {"MULTIPOINT ((150205 450005),(150215 450005))", 1e-5},
                                               {"GEOMETRYCOLLECTION (POINT (150215 450005)," + square(100, 0, 120, 20) + ")", 1e-7}});
    Diagnostics diag;
    const VectorLayerData data = read_vector_layer(layer_config(file), rd_wkt(), diag);
    CHECK(data.shapes.size() == 2);  // the square and the collection's polygon
    // The collection is kept, its point left out: counted as a feature with non-polygon parts.
    CHECK(data.not_polygons_text() == "1 Geometry Collection with non-polygon parts, 1 Line String, 1 Multi Point, 1 Point");
    const auto warnings = diag.all();
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].code == "feature-not-polygon");
    CHECK_THAT(warnings[0].message,
               Contains("4 feature(s) are not polygons or have non-polygon parts") && Contains("(FID 2, 3, 4, 5)"));
    const std::vector<float> out = burn(data, Window{0, 0, 40, 40}, 0.0);
    CHECK(out[7 * 40 + 22] == 0.0f);
    CHECK(out[7 * 40 + 23] == 0.0f);  // the collection's point
    CHECK(out[7 * 40 + 12] == static_cast<float>(1e-7));  // its polygon: x 100..120, y 0..20
}

TEST_CASE("a layer of points only keeps no shape and counts them, for the plan to refuse", "[vector][geometry]") {
    TempDir dir("vector");
    const fs::path file = write_contours(dir, {{"POINT (150205 450005)", 25}, {"POINT (150215 450005)", 40}});
    Diagnostics diag;
    const VectorLayerData data = read_vector_layer(layer_config(file), rd_wkt(), diag);
    CHECK(data.shapes.empty());
    CHECK(data.not_polygons_text() == "2 Point");
    CHECK(diag.all().empty());  // the plan's config error says it, not a warning as well
}

TEST_CASE("a missing value field is an error listing the fields", "[vector][errors]") {
    TempDir dir("vector");
    const fs::path file = write_contours(dir, nested());
    Diagnostics diag;
    CHECK_THROWS_AS(read_vector_layer(layer_config(file, "risk_per_year"), rd_wkt(), diag), InputError);
    CHECK_THROWS_WITH(read_vector_layer(layer_config(file, "risk_per_year"), rd_wkt(), diag),
                      Contains(file.string()) && Contains("'risk_per_year'") && Contains("fields are: risk, label"));

    LayerConfig wrong_layer = layer_config(file);
    wrong_layer.vector_layer = "contour";
    CHECK_THROWS_WITH(read_vector_layer(wrong_layer, rd_wkt(), diag),
                      Contains("'contour'") && Contains("layers are: contours"));
}
