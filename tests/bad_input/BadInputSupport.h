#pragma once
// The bad-input catalogue's tools: a small, valid job built in a temp folder with the GDAL C API
// (four 100 m zones and a 10 m noise raster in EPSG:28992), which each test spoils in one way,
// then runs the real binary on (tests/e2e/E2eSupport) and checks the answer: exit code, the
// message naming the file/layer/field/key, and that no output or temporary file is left behind.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <gdal.h>
#include <ogr_api.h>

#include "../e2e/E2eSupport.h"
#include "support/TestValues.h"

namespace bad {

using e2e::CommandResult;
using e2e::TempDir;
namespace fs = std::filesystem;

// The standard grid: 20 x 20 cells of 10 m, top-left (155000, 463200), EPSG:28992.
constexpr double kX0 = 155000, kY0 = 463200, kRes = 10;

struct RasterSpec {
    int cols = 20, rows = 20;
    double gt[6] = {kX0, kRes, 0, kY0, 0, -kRes};
    bool georeferenced = true;       // false: no geotransform at all
    std::string crs = "EPSG:28992";  // empty: no CRS
    GDALDataType type = GDT_Float32;
    std::optional<double> nodata;
    std::function<double(int col, int row)> value = [](int, int) { return 60.0; };
    std::string driver = "GTiff";
    std::vector<std::string> options;  // creation options
    std::function<void(GDALRasterBandH)> band_setup;  // e.g. a colour table, band metadata
};
void write_raster(const fs::path& path, const RasterSpec& spec);
// A raster whose pixels are cut off: a cloud-optimised GeoTIFF of 600 x 600 cells of 1 m whose
// last 200 x 200 cells are the standard study area (the end of the file), cut in half after
// writing. A COG has its header first, so the cut file still opens and the damage shows on reading.
void write_cut_cog(const fs::path& path, std::function<double(int col, int row)> value = [](int, int) { return 60.0; });

struct FieldDef {
    std::string name;
    OGRFieldType type = OFTString;
};
struct ZoneFeature {
    std::string wkt;                                   // empty: NULL geometry
    std::vector<std::optional<std::string>> values;    // one per field, nullopt: NULL
};
struct ZoneSpec {
    std::string layer = "zones";
    std::string crs = "EPSG:28992";                    // empty: no CRS
    std::vector<FieldDef> fields = {{"code", OFTString}, {"naam", OFTString}, {"inwoners", OFTInteger}, {"inkomen", OFTReal}};
    std::vector<ZoneFeature> features;
    std::string driver = "GPKG";
};
void write_zones(const fs::path& path, const ZoneSpec& spec);

// The standard zones: four 100 x 100 m squares tiling the standard grid, ids BU01..BU04.
ZoneSpec standard_zones();
// A WKT square with lower-left (x, y) and side s.
std::string square(double x, double y, double s);

// Every column and row of `table` in the GeoPackage equals `csv` (header first, in the same order):
// text as is, integers as digits, doubles as the shortest text that reads back to the same bits,
// NULL empty; and at least one double was compared.
void require_csv_equals_table(const fs::path& gpkg, const std::string& table, const fs::path& csv);

// Runs SQL on a vector data source (e.g. to put text into a REAL column of a GeoPackage).
void execute_sql(const fs::path& path, const std::string& sql);

// The standard job: zones.gpkg, noise.tif and job.toml in a fresh temp folder, outputs to out/.
class Job {
public:
    explicit Job(const std::string& tag, bool write_inputs = true);
    const fs::path& dir() const { return dir_.path(); }
    fs::path operator/(const std::string& name) const { return dir_ / name; }
    fs::path config_path() const { return dir_ / "job.toml"; }
    fs::path out() const { return dir_ / "out"; }

    // The config text; tests edit it and write it back.
    std::string config;
    void replace(const std::string& from, const std::string& to);  // REQUIREs `from` to be present
    void write_config() const;

    // `burdenmap [global...] run job.toml --output-dir out [extra...]` (config written first).
    CommandResult run(const std::vector<std::string>& extra = {}, const std::vector<std::string>& global = {"--quiet"}) const;
    CommandResult validate() const;

private:
    TempDir dir_;
};

std::string standard_config();

// The final outputs of a run in `out`, and any hidden temporary file (".name.tmp-PID",
// ".name.tiled-PID", ".name.probe-PID") left there.
std::vector<std::string> final_outputs(const fs::path& out);
std::vector<std::string> temp_files(const fs::path& out);
// Both empty: what every failed run must leave behind.
void require_nothing_written(const fs::path& out);
// A failed run on bad input data: exit code 1, an "error:" message naming `what`, nothing written.
void require_input_error(const Job& job, const CommandResult& r, const std::string& what);
// `validate` and `run` both refuse the job with `exit_code`, each message holding every one of
// `parts`, and nothing is written: what an error found before any pixel is read must give.
void require_refused_before_pixels(const Job& job, int exit_code, const std::vector<std::string>& parts);
// All three outputs present and no temp file: what a successful run leaves.
void require_complete_outputs(const fs::path& out);

// Runs a shell command line (for ulimit, signals and working directories); the binary's path
// is in burdenmap_binary().
CommandResult run_shell(const std::string& command);
std::string burdenmap_binary();
std::string shell_quote(const std::string& s);

// True when `text` contains `part` (with a readable failure message in Catch).
using burdenmap::test::contains;

// The value of `column` in the zones layer for the zone with `id` ("NULL" when null; "" when the
// zone is missing).
std::string zone_value(const fs::path& gpkg, const std::string& id, const std::string& column);

}  // namespace bad
