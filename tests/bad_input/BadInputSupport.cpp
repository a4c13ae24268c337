#include "BadInputSupport.h"

#include <catch2/catch.hpp>
#include <cpl_conv.h>
#include <cpl_string.h>
#include <ogr_srs_api.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "support/GdalTestData.h"

namespace bad {

namespace {

struct SrsDeleter {
    void operator()(OGRSpatialReferenceH s) const { OSRDestroySpatialReference(s); }
};
using SrsPtr = std::unique_ptr<std::remove_pointer_t<OGRSpatialReferenceH>, SrsDeleter>;

SrsPtr make_srs(const std::string& definition) {
    SrsPtr srs(OSRNewSpatialReference(nullptr));
    REQUIRE(OSRSetFromUserInput(srs.get(), definition.c_str()) == OGRERR_NONE);
    OSRSetAxisMappingStrategy(srs.get(), OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

std::string wkt_of(const std::string& definition) {
    SrsPtr srs = make_srs(definition);
    char* wkt = nullptr;
    OSRExportToWkt(srs.get(), &wkt);
    std::string out = wkt;
    CPLFree(wkt);
    return out;
}

std::vector<char*> c_options(std::vector<std::string>& options) {
    std::vector<char*> out;
    for (std::string& o : options) out.push_back(o.data());
    out.push_back(nullptr);
    return out;
}

}  // namespace

void write_raster(const fs::path& path, const RasterSpec& spec) {
    GDALAllRegister();
    // The COG driver only copies: build the raster in memory first.
    const bool cog = spec.driver == "COG";
    GDALDriverH driver = GDALGetDriverByName(cog ? "MEM" : spec.driver.c_str());
    REQUIRE(driver);
    std::vector<std::string> options = spec.options;
    std::vector<char*> opts = c_options(options);
    GDALDatasetH ds = GDALCreate(driver, cog ? "" : path.c_str(), spec.cols, spec.rows, 1, spec.type, cog ? nullptr : opts.data());
    REQUIRE(ds);
    double gt[6];
    std::copy(spec.gt, spec.gt + 6, gt);
    if (spec.georeferenced) GDALSetGeoTransform(ds, gt);
    if (!spec.crs.empty()) GDALSetProjection(ds, wkt_of(spec.crs).c_str());
    GDALRasterBandH band = GDALGetRasterBand(ds, 1);
    if (spec.nodata) GDALSetRasterNoDataValue(band, *spec.nodata);
    if (spec.band_setup) spec.band_setup(band);
    std::vector<double> values(static_cast<std::size_t>(spec.cols) * spec.rows);
    for (int r = 0; r < spec.rows; ++r)
        for (int c = 0; c < spec.cols; ++c) values[static_cast<std::size_t>(r) * spec.cols + c] = spec.value(c, r);
    REQUIRE(GDALRasterIO(band, GF_Write, 0, 0, spec.cols, spec.rows, values.data(), spec.cols, spec.rows, GDT_Float64, 0, 0) ==
            CE_None);
    if (cog) {
        GDALDatasetH copy = GDALCreateCopy(GDALGetDriverByName("COG"), path.c_str(), ds, FALSE, opts.data(), nullptr, nullptr);
        REQUIRE(copy);
        GDALClose(copy);
    }
    GDALClose(ds);
}

void write_cut_cog(const fs::path& path, std::function<double(int col, int row)> value) {
    RasterSpec spec;
    spec.cols = spec.rows = 600;
    spec.gt[0] = kX0 - 400;
    spec.gt[1] = 1;
    spec.gt[3] = kY0 + 400;
    spec.gt[5] = -1;
    spec.driver = "COG";
    spec.options = {"COMPRESS=NONE", "BLOCKSIZE=128", "OVERVIEWS=NONE"};
    spec.value = std::move(value);
    write_raster(path, spec);
    fs::resize_file(path, fs::file_size(path) / 2);
}

void write_zones(const fs::path& path, const ZoneSpec& spec) {
    GDALAllRegister();
    GDALDriverH driver = GDALGetDriverByName(spec.driver.c_str());
    REQUIRE(driver);
    GDALDatasetH ds = GDALCreate(driver, path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    REQUIRE(ds);
    SrsPtr srs;
    if (!spec.crs.empty()) srs = make_srs(spec.crs);
    OGRLayerH layer = GDALDatasetCreateLayer(ds, spec.layer.c_str(), srs.get(), wkbUnknown, nullptr);
    REQUIRE(layer);
    for (const FieldDef& f : spec.fields) {
        OGRFieldDefnH defn = OGR_Fld_Create(f.name.c_str(), f.type);
        REQUIRE(OGR_L_CreateField(layer, defn, TRUE) == OGRERR_NONE);
        OGR_Fld_Destroy(defn);
    }
    GDALDatasetStartTransaction(ds, FALSE);
    for (const ZoneFeature& zf : spec.features) {
        OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(layer));
        for (std::size_t i = 0; i < zf.values.size() && i < spec.fields.size(); ++i) {
            if (zf.values[i]) OGR_F_SetFieldString(f, static_cast<int>(i), zf.values[i]->c_str());
            else OGR_F_SetFieldNull(f, static_cast<int>(i));
        }
        if (!zf.wkt.empty()) burdenmap::test::set_geometry(f, zf.wkt);
        burdenmap::test::add_feature(layer, f);
    }
    GDALDatasetCommitTransaction(ds);
    GDALClose(ds);
}

std::string square(double x, double y, double s) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "POLYGON ((%.17g %.17g,%.17g %.17g,%.17g %.17g,%.17g %.17g,%.17g %.17g))", x, y, x + s, y,
                  x + s, y + s, x, y + s, x, y);
    return buf;
}

ZoneSpec standard_zones() {
    ZoneSpec z;
    const double y0 = kY0 - 200;
    z.features = {
        {square(kX0, y0 + 100, 100), {"BU01", "Noord-West", "100", "25000"}},
        {square(kX0 + 100, y0 + 100, 100), {"BU02", "Noord-Oost", "200", "30000"}},
        {square(kX0, y0, 100), {"BU03", "Zuid-West", "300", "35000"}},
        {square(kX0 + 100, y0, 100), {"BU04", "Zuid-Oost", "400", "40000"}},
    };
    return z;
}

void require_csv_equals_table(const fs::path& gpkg, const std::string& table, const fs::path& csv) {
    INFO("table " << table);
    const auto rows = e2e::parse_csv(e2e::read_file(csv));
    GDALAllRegister();
    GDALDatasetH ds = GDALOpenEx(gpkg.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
    REQUIRE(ds);
    OGRLayerH layer = GDALDatasetGetLayerByName(ds, table.c_str());
    REQUIRE(layer);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    const int n = OGR_FD_GetFieldCount(defn);
    REQUIRE(!rows.empty());
    std::vector<std::string> header;
    for (int i = 0; i < n; ++i) header.emplace_back(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)));
    CHECK(rows.front() == header);
    REQUIRE(static_cast<long long>(rows.size()) - 1 == OGR_L_GetFeatureCount(layer, TRUE));
    std::size_t r = 1, doubles = 0;
    OGR_L_ResetReading(layer);
    while (OGRFeatureH f = OGR_L_GetNextFeature(layer)) {
        REQUIRE(rows[r].size() == header.size());
        for (int i = 0; i < n; ++i) {
            const std::string& cell = rows[r][static_cast<std::size_t>(i)];
            INFO("row " << r << ", column " << header[static_cast<std::size_t>(i)] << ": '" << cell << "'");
            if (!OGR_F_IsFieldSetAndNotNull(f, i)) {
                CHECK(cell.empty());
                continue;
            }
            const OGRFieldType type = OGR_Fld_GetType(OGR_FD_GetFieldDefn(defn, i));
            if (type == OFTReal) {
                const double expected = OGR_F_GetFieldAsDouble(f, i);
                double read = 0;
                const auto parsed = std::from_chars(cell.data(), cell.data() + cell.size(), read);
                CHECK(parsed.ptr == cell.data() + cell.size());
                CHECK(std::memcmp(&read, &expected, sizeof read) == 0);
                ++doubles;
            } else if (type == OFTInteger || type == OFTInteger64) {
                CHECK(cell == std::to_string(OGR_F_GetFieldAsInteger64(f, i)));
            } else {
                CHECK(cell == OGR_F_GetFieldAsString(f, i));
            }
        }
        OGR_F_Destroy(f);
        ++r;
    }
    GDALClose(ds);
    CHECK(doubles > 0);
}

void execute_sql(const fs::path& path, const std::string& sql) {
    GDALAllRegister();
    GDALDatasetH ds = GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr);
    REQUIRE(ds);
    OGRLayerH result = GDALDatasetExecuteSQL(ds, sql.c_str(), nullptr, nullptr);
    if (result) GDALDatasetReleaseResultSet(ds, result);
    GDALClose(ds);
}

std::string standard_config() {
    return R"([study]
name = "bad input"
crs = "EPSG:28992"
resolution = 10

[zones]
path = "zones.gpkg"
id = "code"
name = "naam"
population = "inwoners"
income = { mean_income = "inkomen" }
nodata_values = [-99999999, -99999997]

[[layer]]
name = "noise"
path = "noise.tif"
unit = "dB Lden"
method = "who2018.road_lden"

[[cumulation]]
name = "count"
rule = "count_at_least"

[output]
dir = "out"
)";
}

Job::Job(const std::string& tag, bool write_inputs) : config(standard_config()), dir_("bad-" + tag) {
    if (!write_inputs) return;
    write_zones(dir_ / "zones.gpkg", standard_zones());
    write_raster(dir_ / "noise.tif", RasterSpec{});
}

void Job::replace(const std::string& from, const std::string& to) {
    const auto pos = config.find(from);
    REQUIRE(pos != std::string::npos);
    config.replace(pos, from.size(), to);
}

void Job::write_config() const { std::ofstream(config_path()) << config; }

CommandResult Job::run(const std::vector<std::string>& extra, const std::vector<std::string>& global) const {
    write_config();
    std::vector<std::string> args = global;
    for (const std::string& a : {std::string("run"), config_path().string(), std::string("--output-dir"), out().string()})
        args.push_back(a);
    args.insert(args.end(), extra.begin(), extra.end());
    const CommandResult r = e2e::run_burdenmap(args);
    UNSCOPED_INFO("exit " << r.exit_code << "\nstderr:\n" << r.err);
    return r;
}

CommandResult Job::validate() const {
    write_config();
    const CommandResult r = e2e::run_burdenmap({"validate", config_path().string()});
    UNSCOPED_INFO("exit " << r.exit_code << "\nstdout:\n" << r.out << "\nstderr:\n" << r.err);
    return r;
}

namespace {

// The names in `out` that start with a dot (`hidden`) or those that do not; none without `out`.
std::vector<std::string> names_in(const fs::path& out, bool hidden) {
    std::vector<std::string> found;
    std::error_code ec;
    if (!fs::is_directory(out, ec)) return found;
    for (const auto& e : fs::directory_iterator(out))
        if ((e.path().filename().string().rfind('.', 0) == 0) == hidden) found.push_back(e.path().filename().string());
    return found;
}

}  // namespace

std::vector<std::string> final_outputs(const fs::path& out) { return names_in(out, false); }

std::vector<std::string> temp_files(const fs::path& out) { return names_in(out, true); }

void require_nothing_written(const fs::path& out) {
    const auto finals = final_outputs(out);
    const auto temps = temp_files(out);
    for (const auto& f : finals) UNSCOPED_INFO("left behind: " << f);
    for (const auto& f : temps) UNSCOPED_INFO("temporary file left behind: " << f);
    CHECK(finals.empty());
    CHECK(temps.empty());
}

void require_input_error(const Job& job, const CommandResult& r, const std::string& what) {
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, what));
    CHECK(contains(r.err, "error:"));
    require_nothing_written(job.out());
}

void require_refused_before_pixels(const Job& job, int exit_code, const std::vector<std::string>& parts) {
    for (const CommandResult& r : {job.validate(), job.run()}) {
        CHECK(r.exit_code == exit_code);
        for (const std::string& part : parts) CHECK(contains(r.err, part));
    }
    require_nothing_written(job.out());
}

void require_complete_outputs(const fs::path& out) {
    for (const char* f : {"burden.tif", "burden.gpkg", "run.json"}) {
        INFO(f);
        CHECK(fs::exists(out / f));
    }
    const auto temps = temp_files(out);
    for (const auto& f : temps) UNSCOPED_INFO("temporary file left behind: " << f);
    CHECK(temps.empty());
}

std::string burdenmap_binary() { return BURDENMAP_BINARY; }

CommandResult run_shell(const std::string& command) {
    CommandResult r = e2e::run_shell(command);
    UNSCOPED_INFO("exit " << r.exit_code << "\nstderr:\n" << r.err);
    return r;
}

std::string shell_quote(const std::string& s) { return e2e::shell_quote(s); }

std::string zone_value(const fs::path& gpkg, const std::string& id, const std::string& column) {
    for (const auto& row : e2e::read_zones(gpkg)) {
        auto z = row.find("zone_id");
        if (z == row.end() || z->second != id) continue;
        auto v = row.find(column);
        return v == row.end() ? "(no column " + column + ")" : v->second;
    }
    return "";
}

}  // namespace bad
