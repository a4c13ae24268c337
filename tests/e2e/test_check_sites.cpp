// burdenmap check-sites end to end: a tiny job made inside the test (a 5 x 5 noise raster of
// 100 m cells whose values sit exactly at, just above and just below the Bkl values, a 1e-6 risk
// contour, four zones) and sites placed on those cells; then the demo's sites. Checks each verdict
// branch, exact polygon statistics, another CRS, the --fail-on exit codes, that CSV, GeoPackage
// and JSON agree, and the error paths. Standards come from data/methods: the municipal-road
// standaardwaarde 53 dB and grenswaarde 70 dB (a placeholder), WHO 53 dB, PR limit 1e-6.
#include <catch2/catch.hpp>

#include <cmath>
#include <cpl_conv.h>
#include <cpl_json.h>
#include <fstream>
#include <gdal.h>
#include <map>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <sstream>

#include "E2eSupport.h"
#include "support/GdalTestData.h"

using namespace e2e;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

constexpr double X0 = 100000, Y0 = 400000;  // the grid is x X0..X0+500, y Y0..Y0+500
using Row = std::map<std::string, std::string>;

std::string pt(double x, double y) {
    char b[80];
    std::snprintf(b, sizeof b, "%.6f %.6f", X0 + x, Y0 + y);
    return b;
}
std::string square(double xmin, double ymin, double xmax, double ymax) {
    return "POLYGON((" + pt(xmin, ymin) + "," + pt(xmax, ymin) + "," + pt(xmax, ymax) + "," + pt(xmin, ymax) + "," +
           pt(xmin, ymin) + "))";
}
// The centre of cell (row, col); row 0 is the top (y 400..500).
std::string centre(int row, int col) { return "POINT(" + pt(50 + 100 * col, 450 - 100 * row) + ")"; }

struct Shape {
    std::string name;
    std::string wkt;
    double value = 0;
};

void write_vector(const fs::path& file, const std::string& layer_name, const std::vector<Shape>& shapes, int epsg,
                  const char* field, OGRFieldType type) {
    GDALAllRegister();
    GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GPKG"), file.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    REQUIRE(ds);
    OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(srs, epsg);
    OGRLayerH layer = GDALDatasetCreateLayer(ds, layer_name.c_str(), srs, wkbUnknown, nullptr);
    OSRDestroySpatialReference(srs);
    OGRFieldDefnH fd = OGR_Fld_Create(field, type);
    OGR_L_CreateField(layer, fd, TRUE);
    OGR_Fld_Destroy(fd);
    for (const Shape& s : shapes) {
        OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(layer));
        if (type == OFTString) OGR_F_SetFieldString(f, 0, s.name.c_str());
        else OGR_F_SetFieldDouble(f, 0, s.value);
        burdenmap::test::set_geometry(f, s.wkt);
        burdenmap::test::add_feature(layer, f);
    }
    GDALClose(ds);
}

// Sites at each branch. Row 0 holds 52.9, 53, 53.1, 69.9, 70; row 1 starts with 70.1; the
// bottom-right cell has no data and lies inside the contour (x 300..500, y 0..200).
std::vector<Shape> branch_sites() {
    return {{"below_std", centre(0, 0)},
            {"at_std", centre(0, 1)},
            {"above_std", centre(0, 2)},
            {"below_limit", centre(0, 3)},
            {"at_limit", centre(0, 4)},
            {"above_limit", centre(1, 0)},
            {"outside", "POINT(" + pt(-1000, 250) + ")"},
            {"nodata_in_contour", centre(4, 4)},
            // All of cell (1,1) = 50 and half of cell (1,2) = 60.
            {"cover", square(100, 300, 250, 400)},
            // Shares the contour's west edge x = 300 and nothing more; cell (3,2) = 45.
            {"touch", square(200, 100, 300, 200)},
            {"inside", square(350, 100, 450, 150)}};
}

struct Job {
    TempDir dir{"check-sites"};
    fs::path config;
    Job() {
        GDALAllRegister();
        // Noise: 5 x 5 cells of 100 m; -9999 is nodata.
        const float values[25] = {52.9f, 53.0f, 53.1f, 69.9f, 70.0f,  //
                                  70.1f, 50.0f, 60.0f, 45.0f, 45.0f,  //
                                  45.0f, 45.0f, 45.0f, 45.0f, 45.0f,  //
                                  45.0f, 45.0f, 45.0f, 45.0f, 45.0f,  //
                                  45.0f, 45.0f, 45.0f, 45.0f, -9999.0f};
        const fs::path tif = dir / "noise.tif";
        GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GTiff"), tif.c_str(), 5, 5, 1, GDT_Float32, nullptr);
        double gt[6] = {X0, 100, 0, Y0 + 500, 0, -100};
        GDALSetGeoTransform(ds, gt);
        GDALSetProjection(ds, burdenmap::test::epsg_wkt(28992).c_str());
        GDALRasterBandH band = GDALGetRasterBand(ds, 1);
        GDALSetRasterNoDataValue(band, -9999);
        REQUIRE(GDALRasterIO(band, GF_Write, 0, 0, 5, 5, const_cast<float*>(values), 5, 5, GDT_Float32, 0, 0) == CE_None);
        GDALClose(ds);
        write_vector(dir / "zones.gpkg", "zones",
                     {{"nw", square(0, 250, 250, 500)}, {"ne", square(250, 250, 500, 500)},
                      {"sw", square(0, 0, 250, 250)}, {"se", square(250, 0, 500, 250)}},
                     28992, "code", OFTString);
        write_vector(dir / "contours.gpkg", "contours", {{"", square(300, 0, 500, 200), 1e-6}}, 28992, "risk", OFTReal);
        write_vector(dir / "sites.gpkg", "sites", branch_sites(), 28992, "name", OFTString);
        config = dir / "job.toml";
        std::ofstream(config) << R"([study]
crs = "EPSG:28992"
resolution = 100
[zones]
path = "zones.gpkg"
id = "code"
[[layer]]
name = "noise"
path = "noise.tif"
unit = "dB Lden"
method = "bkl.road_municipal_waterboard_lden_standaardwaarde"
standard = "bkl.road_municipal_waterboard_lden_standaardwaarde"
limit = "bkl.road_municipal_waterboard_lden_grenswaarde"
guidelines = ["who2018.road_lden"]
[[layer]]
name = "risk"
path = "contours.gpkg"
layer = "contours"
value = "risk"
unit = "per year"
method = "es.pr_class"
limit = "bkl.pr_grenswaarde"
[[cumulation]]
name = "count"
rule = "count_at_least"
advisory_at = 2
)";
    }
    CommandResult check(const std::string& sites, std::vector<std::string> extra = {}) const {
        std::vector<std::string> args{"check-sites", config.string(), "--sites", sites, "--id", "name", "--output-dir",
                                      (dir / "out").string(), "--overwrite"};
        args.insert(args.end(), extra.begin(), extra.end());
        return run_burdenmap(args);
    }
};

std::string real_text(double v) {
    char b[64];
    std::snprintf(b, sizeof b, "%.17g", v);
    return b;
}

// A layer of a GeoPackage as rows of column → text (reals with 17 digits, NULL as "NULL").
std::vector<Row> read_layer(const fs::path& gpkg, const char* name) {
    GDALAllRegister();
    std::vector<Row> rows;
    GDALDatasetH ds = GDALOpenEx(gpkg.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
    REQUIRE(ds);
    OGRLayerH layer = GDALDatasetGetLayerByName(ds, name);
    REQUIRE(layer);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    OGR_L_ResetReading(layer);
    while (OGRFeatureH f = OGR_L_GetNextFeature(layer)) {
        Row row;
        for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i) {
            OGRFieldDefnH fd = OGR_FD_GetFieldDefn(defn, i);
            std::string v = "NULL";
            if (OGR_F_IsFieldSetAndNotNull(f, i))
                v = OGR_Fld_GetType(fd) == OFTReal ? real_text(OGR_F_GetFieldAsDouble(f, i)) : OGR_F_GetFieldAsString(f, i);
            row[OGR_Fld_GetNameRef(fd)] = v;
        }
        rows.push_back(row);
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    return rows;
}

std::map<std::string, Row> by_id(const std::vector<Row>& rows) {
    std::map<std::string, Row> out;
    for (const Row& r : rows) out[r.at("site_id")] = r;
    return out;
}

}  // namespace

TEST_CASE("check-sites: each verdict branch on hand-made rasters and contours", "[e2e][sites]") {
    const Job job;
    const CommandResult r = job.check((job.dir / "sites.gpkg").string());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto sites = by_id(read_layer(job.dir / "out" / "sites.gpkg", "sites"));
    REQUIRE(sites.size() == 11);
    CHECK(sites.at("below_std").at("verdict") == "meets standard values");
    CHECK(sites.at("at_std").at("verdict") == "meets standard values");  // 53 is not above 53
    CHECK_THAT(sites.at("at_std").at("reasons"), Contains("= standard value 53 dB Lden"));
    CHECK(sites.at("above_std").at("verdict") == "needs weighing");
    CHECK_THAT(sites.at("above_std").at("reasons"), Contains("noise 53.1 dB Lden > standard value 53 dB Lden"));
    CHECK(sites.at("below_limit").at("verdict") == "needs weighing");
    CHECK(sites.at("at_limit").at("verdict") == "needs weighing");      // 70 is within the limit
    CHECK(sites.at("above_limit").at("verdict") == "exceeds limit value");
    CHECK_THAT(sites.at("above_limit").at("reasons"), Contains("> limit value 70 dB Lden") && Contains("placeholder value"));
    // The placeholder limit value, and es.pr_class, whose placeholder row (PR < 1e-8) scored the
    // site's risk cell behind the count's advisory level.
    CHECK(sites.at("above_limit").at("placeholders") == "bkl.road_municipal_waterboard_lden_grenswaarde, es.pr_class");
    // Outside every raster: unknown with a warning, never meets.
    CHECK(sites.at("outside").at("verdict") == "unknown");
    CHECK(sites.at("outside").at("noise_value") == "NULL");
    CHECK_THAT(r.err, Contains("site 'outside' lies outside the study grid"));
    // No noise data, but inside the 1e-6 contour: the known limit exceedance decides.
    CHECK(sites.at("nodata_in_contour").at("verdict") == "exceeds limit value");
    CHECK(sites.at("nodata_in_contour").at("risk_contour") == "inside");
    // Touching the contour's edge: PR equals 1e-6 there, which does not exceed the limit.
    CHECK(sites.at("touch").at("verdict") == "meets standard values");
    CHECK(sites.at("touch").at("risk_contour") == "touches");
    CHECK(sites.at("touch").at("risk_contour_dist_m") == "0");
    CHECK_THAT(sites.at("touch").at("reasons"), Contains("touches the line of the 1e-06 per year contour"));
    CHECK(sites.at("inside").at("verdict") == "exceeds limit value");
    CHECK_THAT(sites.at("inside").at("reasons"), Contains("reaches inside the 1e-06 per year contour of the limit value (bkl.pr_grenswaarde)"));
    CHECK(sites.at("below_std").at("risk_contour_dist_m") == real_text(std::hypot(300 - 50.0, 450 - 200.0)));
    // The health advisory: WHO 53 dB is reached at 53, not at 52.9.
    CHECK(sites.at("below_std").at("health_advisory") == "no");
    CHECK(sites.at("at_std").at("health_advisory") == "yes");
    CHECK(sites.at("outside").at("health_advisory") == "unknown");
    // The terminal table names every site and its verdict.
    CHECK_THAT(r.out, Contains("above_limit") && Contains("exceeds limit value") && Contains("why:"));
}

TEST_CASE("check-sites: polygon statistics weight cells by exact coverage", "[e2e][sites]") {
    const Job job;
    REQUIRE(job.check((job.dir / "sites.gpkg").string()).exit_code == 0);
    const Row cover = by_id(read_layer(job.dir / "out" / "sites.gpkg", "sites")).at("cover");
    // All of a 50 dB cell and half of a 60 dB cell: mean (50·1 + 60·0.5) / 1.5, maximum 60.
    CHECK(std::stod(cover.at("noise_mean")) == Approx(160.0 / 3.0).epsilon(1e-12));
    CHECK(cover.at("noise_value") == "60");
    CHECK(cover.at("area_m2") == "15000");
    CHECK(cover.at("covered_share") == "1");
    CHECK(cover.at("noise_nodata_share") == "0");
    CHECK(cover.at("noise_std_margin") == "-7");
    CHECK(cover.at("verdict") == "needs weighing");
}

TEST_CASE("check-sites: sites in another CRS give the same answers", "[e2e][sites]") {
    const Job job;
    // The point sites in WGS84 lon/lat.
    std::vector<Shape> lonlat;
    for (const Shape& s : branch_sites()) {
        if (s.wkt.rfind("POINT", 0) != 0) continue;
        double rd_x = 0, rd_y = 0;
        std::sscanf(s.wkt.c_str(), "POINT(%lf %lf)", &rd_x, &rd_y);
        const auto [x, y] = burdenmap::test::rd_to_lonlat(rd_x, rd_y);
        char w[96];
        std::snprintf(w, sizeof w, "POINT(%.12f %.12f)", x, y);
        lonlat.push_back({s.name, w});
    }
    write_vector(job.dir / "sites_wgs84.gpkg", "sites", lonlat, 4326, "name", OFTString);

    REQUIRE(job.check((job.dir / "sites.gpkg").string()).exit_code == 0);
    const auto rd_sites = by_id(read_layer(job.dir / "out" / "sites.gpkg", "sites"));
    const CommandResult r = job.check((job.dir / "sites_wgs84.gpkg").string() + ":sites");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto wgs_sites = by_id(read_layer(job.dir / "out" / "sites.gpkg", "sites"));
    REQUIRE(wgs_sites.size() == lonlat.size());
    for (const auto& [id, row] : wgs_sites) {
        INFO(id);
        CHECK(row.at("verdict") == rd_sites.at(id).at("verdict"));
        CHECK(row.at("noise_value") == rd_sites.at(id).at("noise_value"));
    }
}

TEST_CASE("check-sites: --fail-on exits 3 when a site reaches the level, outputs still written", "[e2e][sites]") {
    const Job job;
    const std::string all = (job.dir / "sites.gpkg").string();
    CHECK(job.check(all).exit_code == 0);
    CHECK(job.check(all, {"--fail-on", "never"}).exit_code == 0);
    const CommandResult standard = job.check(all, {"--fail-on", "standard"});
    CHECK(standard.exit_code == 3);
    CHECK_THAT(standard.err, Contains("reached --fail-on standard"));
    CHECK(fs::exists(job.dir / "out" / "sites.gpkg"));
    CHECK(job.check(all, {"--fail-on", "limit"}).exit_code == 3);

    const auto only = [&](const std::vector<std::string>& names, const std::string& file) {
        std::vector<Shape> chosen;
        for (const Shape& s : branch_sites())
            for (const std::string& n : names)
                if (s.name == n) chosen.push_back(s);
        write_vector(job.dir / file, "sites", chosen, 28992, "name", OFTString);
        return (job.dir / file).string();
    };
    const std::string meets = only({"below_std", "at_std", "touch"}, "meets.gpkg");
    for (const char* level : {"never", "standard", "limit"}) CHECK(job.check(meets, {"--fail-on", level}).exit_code == 0);
    const std::string weighing = only({"above_std", "at_limit"}, "weighing.gpkg");
    CHECK(job.check(weighing, {"--fail-on", "standard"}).exit_code == 3);
    CHECK(job.check(weighing, {"--fail-on", "limit"}).exit_code == 0);
    // Unknown fails every level but never: a site that cannot be checked is not passed.
    const std::string unknown = only({"outside"}, "unknown.gpkg");
    CHECK(job.check(unknown, {"--fail-on", "limit"}).exit_code == 3);
    const CommandResult json = job.check(weighing, {"--fail-on", "standard", "--json"});
    CHECK(json.exit_code == 3);
    CHECK_THAT(json.out, Contains("\"exit_code\": 3") && Contains("\"failing_sites\": 2"));
    CHECK(job.check(all, {"--fail-on", "sometimes"}).exit_code == 2);
}

TEST_CASE("check-sites: the CSV, the GeoPackage and the JSON agree", "[e2e][sites]") {
    const Job job;
    const CommandResult r = job.check((job.dir / "sites.gpkg").string(), {"--json"});
    REQUIRE(r.exit_code == 0);
    const std::vector<Row> gpkg = read_layer(job.dir / "out" / "sites.gpkg", "sites");
    const auto csv = parse_csv(read_file(job.dir / "out" / "sites.csv"));
    CPLJSONDocument doc;
    REQUIRE(doc.LoadMemory(r.out));
    const CPLJSONArray json = doc.GetRoot().GetArray("sites");
    REQUIRE(csv.size() == gpkg.size() + 1);
    REQUIRE(json.Size() == static_cast<int>(gpkg.size()));
    const std::vector<std::string>& header = csv[0];
    CHECK(header.size() == gpkg[0].size());
    for (std::size_t s = 0; s < gpkg.size(); ++s) {
        const std::vector<CPLJSONObject> fields = json[static_cast<int>(s)].GetChildren();
        REQUIRE(fields.size() == header.size());
        for (std::size_t c = 0; c < header.size(); ++c) {
            INFO(header[c] << " of site " << gpkg[s].at("site_id"));
            const std::string& g = gpkg[s].at(header[c]);
            CHECK(fields[c].GetName() == header[c]);
            std::string from_csv = csv[s + 1][c], from_json;
            switch (fields[c].GetType()) {
                case CPLJSONObject::Type::Null: from_json = "NULL"; break;
                case CPLJSONObject::Type::Double:
                case CPLJSONObject::Type::Integer:
                case CPLJSONObject::Type::Long: from_json = real_text(fields[c].ToDouble()); break;
                default: from_json = fields[c].ToString(); break;
            }
            if (from_csv.empty()) from_csv = "NULL";
            else if (g != "NULL" && g != from_csv) from_csv = real_text(std::strtod(from_csv.c_str(), nullptr));
            CHECK(from_csv == g);
            CHECK(from_json == g);
        }
    }
    // The codebook explains every column of the sites layer.
    const std::vector<Row> codebook = read_layer(job.dir / "out" / "sites.gpkg", "codebook");
    std::size_t documented = 0;
    for (const Row& row : codebook) documented += row.at("layer") == "sites";
    CHECK(documented == header.size());
}

TEST_CASE("check-sites: bad input exits 1 or 2 naming what is wrong, and writes nothing", "[e2e][sites]") {
    const Job job;
    const fs::path out = job.dir / "out";
    const CommandResult missing = job.check((job.dir / "nosuch.gpkg").string());
    CHECK(missing.exit_code == 1);
    CHECK_THAT(missing.err, Contains("nosuch.gpkg"));
    const CommandResult bad_id = run_burdenmap({"check-sites", job.config.string(), "--sites", (job.dir / "sites.gpkg").string(),
                                                "--id", "code", "--output-dir", out.string()});
    CHECK(bad_id.exit_code == 1);
    CHECK_THAT(bad_id.err, Contains("id field 'code'") && Contains("fields are: name"));
    CHECK_FALSE(fs::exists(out / "sites.gpkg"));
    CHECK_FALSE(fs::exists(out / "sites.csv"));

    // The job's config with `from` replaced by `to`, written as `name` and run on the sites.
    const auto check_changed = [&](const std::string& from, const std::string& to, const std::string& name) {
        std::string text = read_file(job.config);
        const auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        text.replace(at, from.size(), to);
        std::ofstream(job.dir / name) << text;
        return run_burdenmap({"check-sites", (job.dir / name).string(), "--sites", (job.dir / "sites.gpkg").string(),
                              "--output-dir", out.string()});
    };
    const CommandResult typo = check_changed("limit = \"bkl.pr_grenswaarde\"", "limit = \"bkl.pr_grenswaard\"", "typo.toml");
    CHECK(typo.exit_code == 2);
    CHECK_THAT(typo.err, Contains("layer[1].limit") && Contains("bkl.pr_grenswaarde"));
    const CommandResult not_threshold =
        check_changed("guidelines = [\"who2018.road_lden\"]", "guidelines = [\"ges.road_noise\"]", "class.toml");
    CHECK(not_threshold.exit_code == 2);
    CHECK_THAT(not_threshold.err, Contains("layer[0].guidelines[0]") && Contains("threshold"));
    CHECK_FALSE(fs::exists(out / "sites.gpkg"));

    // An existing output is refused without --overwrite and left untouched.
    fs::create_directories(out);
    std::ofstream(out / "sites.csv") << "precious";
    const CommandResult refused = run_burdenmap({"check-sites", job.config.string(), "--sites", (job.dir / "sites.gpkg").string(),
                                                 "--output-dir", out.string()});
    CHECK(refused.exit_code == 1);
    CHECK_THAT(refused.err, Contains("--overwrite"));
    CHECK(read_file(out / "sites.csv") == "precious");
    for (const auto& entry : fs::directory_iterator(out)) CHECK(entry.path().filename().string().rfind(".", 0) != 0);
}

TEST_CASE("check-sites on the demo: every verdict occurs where the demo story puts it", "[e2e][sites][demo]") {
    TempDir dir("demo-sites");
    const CommandResult r = run_burdenmap({"--quiet", "check-sites", demo_config(), "--sites", source_dir() + "/data/demo/sites.gpkg",
                                           "--id", "site", "--output-dir", dir.path().string(), "--fail-on", "standard"});
    INFO(r.err);
    CHECK(r.exit_code == 3);
    const auto sites = by_id(read_layer(dir / "sites.gpkg", "sites"));
    const std::map<std::string, std::string> expected{
        {"A-Oostpark", "meets standard values"}, {"B-Kerkpad", "meets standard values"},
        {"C-Spoorzicht", "needs weighing"},      {"D-Zuiderweg", "needs weighing"},
        {"E-Snelweg", "exceeds limit value"},    {"F-Spoorhaven", "exceeds limit value"},
        {"G-Modelgat", "unknown"},               {"H-Buitengebied", "unknown"}};
    REQUIRE(sites.size() == expected.size());
    for (const auto& [id, verdict] : expected) {
        INFO(id);
        CHECK(sites.at(id).at("verdict") == verdict);
    }
    CHECK(sites.at("F-Spoorhaven").at("risk_contour") == "inside");
    CHECK_THAT(sites.at("E-Snelweg").at("reasons"), Contains("no2 max") && Contains("eu2008.no2_annual"));
    CHECK(sites.at("A-Oostpark").at("stapeling_pctl") != "NULL");
}

TEST_CASE("check-sites: the same CSV for any thread count; the same verdicts for tiny windows", "[e2e][sites][demo]") {
    TempDir dir("demo-sites-threads");
    auto check = [&](const std::string& sub, std::vector<std::string> extra) {
        std::vector<std::string> args{"--quiet", "check-sites", demo_config(), "--sites", source_dir() + "/data/demo/sites.gpkg",
                                      "--id", "site", "--output-dir", (dir / sub).string()};
        args.insert(args.end(), extra.begin(), extra.end());
        REQUIRE(run_burdenmap(args).exit_code == 0);
        return read_file(dir / sub / "sites.csv");
    };
    const std::string one = check("t1", {"--threads", "1"});
    CHECK(check("t3", {"--threads", "3"}) == one);
    check("b16", {"--block-size", "16"});
    const auto a = by_id(read_layer(dir / "t1" / "sites.gpkg", "sites"));
    const auto b = by_id(read_layer(dir / "b16" / "sites.gpkg", "sites"));
    for (const auto& [id, row] : a) {
        INFO(id);
        CHECK(b.at(id).at("verdict") == row.at("verdict"));
        CHECK(b.at(id).at("road_noise_value") == row.at("road_noise_value"));
        if (row.at("road_noise_mean") != "NULL")
            CHECK(std::stod(b.at(id).at("road_noise_mean")) == Approx(std::stod(row.at("road_noise_mean"))).epsilon(1e-9));
    }
}

TEST_CASE("check-sites --bilinear: points interpolate between the four cell centres around them", "[e2e][sites]") {
    const Job job;
    // The corner shared by cells (0,0) 52.9, (0,1) 53, (1,0) 70.1, (1,1) 50: each weighs 1/4.
    // A cell centre keeps its cell's value; next to the nodata cell the weights are renormalised.
    write_vector(job.dir / "corner.gpkg", "sites",
                 {{"corner", "POINT(" + pt(100, 400) + ")"}, {"centre", centre(0, 2)}, {"by_nodata", "POINT(" + pt(399, 50) + ")"}},
                 28992, "name", OFTString);
    const CommandResult r = job.check((job.dir / "corner.gpkg").string(), {"--bilinear"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto sites = by_id(read_layer(job.dir / "out" / "sites.gpkg", "sites"));
    const double corner = (double(52.9f) + double(53.0f) + double(70.1f) + double(50.0f)) / 4;
    CHECK(std::stod(sites.at("corner").at("noise_value")) == Approx(corner).epsilon(1e-12));
    CHECK(sites.at("corner").at("verdict") == "needs weighing");
    CHECK(std::stod(sites.at("centre").at("noise_value")) == Approx(53.1).epsilon(1e-6));
    // (399, 50) lies in cell (4,3) = 45, 1 m from the nodata cell (4,4): only 45 counts.
    CHECK(std::stod(sites.at("by_nodata").at("noise_value")) == Approx(45.0));
}
