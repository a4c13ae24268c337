// Styling written outputs and reading them back (GDAL): the layer_styles table as QGIS reads it,
// band statistics carried into the COG, the raster's .qml, PNG encoding, the output reader.
#include <catch2/catch.hpp>
#include <cpl_conv.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <string>
#include <vector>

#include "XmlCheck.h"
#include "burdenmap/core/Errors.h"
#include "burdenmap/io/GdalSession.h"
#include "burdenmap/io/GeoTiffWriter.h"
#include "burdenmap/io/GpkgWriter.h"
#include "burdenmap/io/OutputReader.h"
#include "burdenmap/report/OutputStyles.h"
#include "support/Files.h"
#include "support/GdalTestData.h"
#include "support/TempDir.h"

namespace fs = std::filesystem;
using namespace burdenmap;

namespace {

using namespace burdenmap::test;  // tests/support

std::vector<FieldSpec> zone_fields() {
    return {{"zone_id", FieldType::text, "zone id", "", "", ""},
            {"stapeling_mean", FieldType::real, "mean count", "number of layers", "count_at_least", ""},
            {"road_noise_score_mean", FieldType::real, "mean GES class", "class", "ges.road_noise", ""},
            {"bivariate_class", FieldType::integer, "bivariate class", "", "", ""}};
}

std::vector<Feature> zone_features() {
    return {{wkb_of("POLYGON ((0 0,10 0,10 10,0 10,0 0))"), {std::string("Z1"), 2.5, 6.2, 9LL}},
            {wkb_of("POLYGON ((10 0,20 0,20 10,10 10,10 0))"), {std::string("Z2"), 0.5, 3.0, 1LL}},
            {wkb_of("POLYGON ((20 0,30 0,30 10,20 10,20 0))"), {std::string("Z3"), std::monostate{}, 1.0, 4LL}}};
}

fs::path write_styled_gpkg(const fs::path& dir) {
    const fs::path out = dir / "burden.gpkg";
    GpkgWriter w(out, false);
    w.write_layer("zones", "zones", epsg_wkt(28992), GpkgWriter::GeometryKind::multipolygon, zone_fields(),
                  zone_features());
    w.write_codebook();
    w.write_layer_styles(zone_layer_styles(zone_fields(), zone_features()));
    w.finish();
    return out;
}

}  // namespace

TEST_CASE("layer_styles is written as QGIS creates and reads it", "[report][gpkg]") {
    TempDir dir("styles");
    const fs::path gpkg = write_styled_gpkg(dir.path());
    const auto styles = read_table(gpkg, "layer_styles");
    REQUIRE(styles);
    CHECK(styles->columns == std::vector<std::string>{"f_table_catalog", "f_table_schema", "f_table_name",
                                                      "f_geometry_column", "styleName", "styleQML", "styleSLD",
                                                      "useAsDefault", "description", "owner", "ui", "update_time"});
    REQUIRE(styles->rows.size() == 3);  // headline, bivariate, road noise GES
    const auto text = [&](std::size_t r, const char* c) { return std::get<std::string>(styles->rows[r][*styles->column(c)]); };
    // QGIS selects a layer's styles with f_table_schema = '' (empty, not NULL) and its geometry column.
    CHECK(text(0, "f_table_schema") == "");
    CHECK(text(0, "f_table_name") == "zones");
    CHECK(text(0, "f_geometry_column") == "geom");
    CHECK(text(0, "styleName") == "stapeling_mean");
    CHECK(std::get<long long>(styles->rows[0][*styles->column("useAsDefault")]) == 1);
    CHECK(std::get<long long>(styles->rows[1][*styles->column("useAsDefault")]) == 0);
    CHECK(text(1, "styleName") == "burden x income (bivariate)");
    CHECK(text(2, "styleName") == "road_noise_score_mean (GES colours)");
    CHECK(xmlcheck::problems(text(0, "styleQML")) == "");
    CHECK(xmlcheck::problems(text(0, "styleSLD")) == "");
    CHECK_FALSE(std::holds_alternative<std::monostate>(styles->rows[0][*styles->column("update_time")]));

    // The field types QGIS gives the table: a boolean useAsDefault, a datetime update_time.
    GDALDatasetH ds = GDALOpenEx(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
    REQUIRE(ds);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(GDALDatasetGetLayerByName(ds, "layer_styles"));
    OGRFieldDefnH use = OGR_FD_GetFieldDefn(defn, OGR_FD_GetFieldIndex(defn, "useAsDefault"));
    CHECK(OGR_Fld_GetSubType(use) == OFSTBoolean);
    CHECK(OGR_Fld_GetType(OGR_FD_GetFieldDefn(defn, OGR_FD_GetFieldIndex(defn, "update_time"))) == OFTDateTime);
    GDALClose(ds);
    // The codebook documents our own layers only.
    const auto codebook = read_table(gpkg, "codebook");
    REQUIRE(codebook);
    for (const auto& row : codebook->rows) CHECK(std::get<std::string>(row[*codebook->column("layer")]) == "zones");
}

TEST_CASE("styles for a layer that was not written are refused", "[report][gpkg]") {
    TempDir dir("styles");
    GpkgWriter w(dir.path() / "x.gpkg", false);
    w.write_table("t", "a table", {{"a", FieldType::integer, "", "", "", ""}}, {{1LL}});
    CHECK_THROWS_AS(w.write_layer_styles({{"sites", "verdict", "", "<qgis/>", "", true}}), OutputError);
    w.write_layer_styles({});  // nothing to write: no table
    w.finish();
    CHECK_FALSE(read_table(dir.path() / "x.gpkg", "layer_styles").has_value());
}

TEST_CASE("zones are read back with shapes and a label point inside each", "[report][gpkg]") {
    TempDir dir("styles");
    const fs::path gpkg = write_styled_gpkg(dir.path());
    const auto zones = read_table(gpkg, "zones", true);
    REQUIRE(zones);
    REQUIRE(zones->rows.size() == 3);
    CHECK(std::get<std::string>(zones->rows[1][*zones->column("zone_id")]) == "Z2");
    CHECK(std::holds_alternative<std::monostate>(zones->rows[2][*zones->column("stapeling_mean")]));
    REQUIRE(zones->shapes.size() == 3);
    CHECK(zones->shapes[1].front().outer.size() == 4);  // closing vertex dropped
    CHECK(zones->label_points[1].x > 10);
    CHECK(zones->label_points[1].x < 20);
    CHECK_FALSE(read_table(gpkg, "no_such_table").has_value());
    CHECK_THROWS_AS(read_table(dir.path() / "missing.gpkg", "zones"), InputError);
}

TEST_CASE("band statistics are stored in the COG, and the raster style uses them", "[report][geotiff]") {
    TempDir dir("styles");
    const fs::path tif = dir.path() / "burden.tif";
    const Grid grid(0, 40, 10, 10, 4, 4);
    {
        GeoTiffWriter w(tif, false, grid, epsg_wkt(28992),
                        {{"road_noise_score", "class", {}}, {"stapeling", "number of layers", {{"rule", "count_at_least"}}}},
                        {});
        // Band 1: 0..15 in two windows (rows 0–1, rows 2–3); band 2: 0, 1, 2, 3 per row, one NaN.
        std::vector<float> top(8), bottom(8), counts(16);
        for (int i = 0; i < 8; ++i) top[static_cast<std::size_t>(i)] = static_cast<float>(i);
        for (int i = 0; i < 8; ++i) bottom[static_cast<std::size_t>(i)] = static_cast<float>(8 + i);
        for (int i = 0; i < 16; ++i) counts[static_cast<std::size_t>(i)] = static_cast<float>(i / 4);
        counts[0] = std::numeric_limits<float>::quiet_NaN();
        w.write(Window{0, 0, 4, 2}, 0, top.data());
        w.write(Window{0, 2, 4, 2}, 0, bottom.data());
        w.write(Window{0, 0, 4, 4}, 1, counts.data());
        w.finish();
    }
    const RasterSummary s = read_raster_summary(tif);
    REQUIRE(s.bands.size() == 2);
    CHECK(s.bands[0].min == 0);
    CHECK(s.bands[0].max == 15);
    CHECK(*s.bands[0].mean == Approx(7.5));
    CHECK(s.bands[0].metadata.at("STATISTICS_STDDEV") != "");
    CHECK(std::stod(s.bands[0].metadata.at("STATISTICS_STDDEV")) == Approx(std::sqrt((16.0 * 16.0 - 1) / 12)));
    CHECK(std::stod(s.bands[1].metadata.at("STATISTICS_VALID_PERCENT")) == Approx(100.0 * 15 / 16));
    CHECK(s.bands[1].max == 3);
    CHECK(s.bands[1].description == "stapeling");
    CHECK_FALSE(fs::exists(tif.string() + ".aux.xml"));  // reading left nothing behind

    const fs::path qml = write_raster_style(tif, false);
    CHECK(qml == dir.path() / "burden.qml");
    const std::string text = burdenmap::test::read_bytes(qml);
    CHECK(xmlcheck::problems(text) == "");
    CHECK(text.find("band=\"2\"") != std::string::npos);
    CHECK(xmlcheck::count_elements(text, "item") == 4);  // counts 0..3
    CHECK_THROWS_AS(write_raster_style(tif, false), OutputError);  // exists, no overwrite
    write_raster_style(tif, true);

    const Raster<float> preview = read_band_preview(tif, 2, 8, true);
    CHECK(preview.cols() == 8);
    CHECK(preview.rows() == 8);
    CHECK(preview.grid().dx() == 5);
    CHECK(std::isnan(preview(0, 0)));
    CHECK(preview(7, 7) == 3);
}

TEST_CASE("a PNG encodes the image it was given", "[report][png]") {
    std::vector<std::uint8_t> rgb(3 * 4 * 2, 0);
    rgb[0] = 255;           // top-left red
    rgb[3 * 7 + 2] = 200;   // bottom-right blue
    const std::vector<std::uint8_t> png = encode_png(4, 2, rgb);
    REQUIRE(png.size() > 8);
    CHECK(std::string(png.begin() + 1, png.begin() + 4) == "PNG");
    const std::string name = "/vsimem/test-roundtrip.png";
    VSILFILE* f = VSIFileFromMemBuffer(name.c_str(), const_cast<GByte*>(png.data()), png.size(), FALSE);
    VSIFCloseL(f);
    GDALDatasetH ds = GDALOpen(name.c_str(), GA_ReadOnly);
    REQUIRE(ds);
    CHECK(GDALGetRasterCount(ds) == 3);
    std::uint8_t px = 0;
    REQUIRE(GDALRasterIO(GDALGetRasterBand(ds, 1), GF_Read, 0, 0, 1, 1, &px, 1, 1, GDT_Byte, 0, 0) == CE_None);
    CHECK(px == 255);
    REQUIRE(GDALRasterIO(GDALGetRasterBand(ds, 3), GF_Read, 3, 1, 1, 1, &px, 1, 1, GDT_Byte, 0, 0) == CE_None);
    CHECK(px == 200);
    GDALClose(ds);
    VSIUnlink(name.c_str());
    CHECK_THROWS_AS(encode_png(4, 2, std::vector<std::uint8_t>(5)), OutputError);
}
