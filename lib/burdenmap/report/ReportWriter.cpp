#include "burdenmap/report/ReportWriter.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "burdenmap/core/Errors.h"
#include "burdenmap/io/AtomicOutput.h"
#include "burdenmap/io/OutputInputClash.h"
#include "burdenmap/io/OutputReader.h"
#include "burdenmap/io/StaleTemporaries.h"
#include "burdenmap/report/Base64.h"
#include "burdenmap/report/BivariateMap.h"
#include "burdenmap/report/MapFont.h"
#include "burdenmap/report/OutputStyles.h"
#include "burdenmap/report/Quicklook.h"
#include "burdenmap/report/ReportBuilder.h"
#include "burdenmap/report/ReportHtml.h"

namespace fs = std::filesystem;

namespace burdenmap {

namespace {

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path.string() + ": cannot read the run manifest (is this a burdenmap output folder?)");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// An output named in run.json, looked up in `dir` by its file name: the folder may have been moved
// since the run, and its paths in run.json are those of the run.
fs::path output_in(const fs::path& dir, const nlohmann::json& manifest, const char* kind, const char* fallback) {
    if (manifest.contains("outputs") && manifest["outputs"].contains(kind) && manifest["outputs"][kind].is_string())
        return dir / fs::path(manifest["outputs"][kind].get<std::string>()).filename();
    return dir / fallback;
}

report::Table to_table(TableData&& t) { return report::Table{std::move(t.columns), std::move(t.rows)}; }

struct MapResult {
    std::vector<std::uint8_t> png;
    Grid grid;  // the map's pixels, for the burden × income map beside it
    std::string legend;
    std::string problem;
};

MapResult draw_map(const fs::path& tif, const TableData& zones, const std::vector<std::size_t>& numbered,
                   const std::string& preferred_band, int pixels) {
    MapResult out;
    std::error_code ec;
    if (!fs::exists(tif, ec)) {
        out.problem = tif.filename().string() + " is not in the output folder.";
        return out;
    }
    const RasterSummary summary = read_raster_summary(tif);
    std::vector<report::BandInfo> bands;
    for (const BandDescription& b : summary.bands) bands.push_back({b.index, b.description, b.unit, b.metadata, b.min, b.max});
    const auto style = report::headline_raster_style(bands, preferred_band);
    if (!style) {
        out.problem = tif.filename().string() + " has no bands.";
        return out;
    }
    report::QuicklookInput q;
    q.values = read_band_preview(tif, style->band, pixels, style->discrete);
    q.style = *style;
    q.legend_title = style->title;
    q.outlines = zones.shapes;
    for (std::size_t i = 0; i < numbered.size(); ++i) {
        const std::size_t r = numbered[i];
        if (r >= zones.shapes.size()) continue;
        q.emphasised.push_back(zones.shapes[r]);
        q.labels.push_back({zones.label_points[r], std::to_string(i + 1)});
    }
    const report::Image image = report::render_quicklook(q);
    out.png = encode_png(image.width(), image.height(), image.rgb());
    out.legend = style->title;
    out.grid = q.values.grid();
    return out;
}

// The burden × income map on the burden map's pixels, when the run classed the zones
// ([fairness]: bivariate_class); empty otherwise.
std::vector<std::uint8_t> draw_bivariate_map(const TableData& zones, const report::Table& table, const Grid& grid) {
    if (!table.has("bivariate_class") || grid.size() == 0) return {};
    std::vector<std::optional<double>> classes;
    for (std::size_t r = 0; r < table.rows.size(); ++r) classes.push_back(table.number(r, "bivariate_class"));
    report::QuicklookInput q;
    q.values = report::zone_classes_on(grid, zones.shapes, classes);
    q.style = report::bivariate_raster_style();
    q.legend_title = q.style.title;
    q.outlines = zones.shapes;
    const report::Image image = report::render_quicklook(q);
    return encode_png(image.width(), image.height(), image.rgb());
}

}  // namespace

ReportPaths report_paths(const fs::path& output_dir, const ReportOptions& options) {
    ReportPaths paths;
    paths.report = output_dir / options.report;
    paths.map = output_dir / options.map;
    return paths;
}

ReportPaths write_report(const fs::path& output_dir, const ReportOptions& options) {
    ReportPaths paths = report_paths(output_dir, options);
    const std::vector<fs::path> outputs{paths.report, paths.map};
    const fs::path manifest_path = output_dir / options.manifest;
    // Refuse before reading anything when the report would replace its own input, exists and may
    // not be replaced, or cannot be written.
    refuse_outputs_that_are_inputs(outputs, {{"the run manifest (--manifest)", manifest_path}});
    AtomicOutput::check_writable(paths.report, options.overwrite);
    AtomicOutput::check_writable(paths.map, options.overwrite);
    report::require_map_font();  // the map is drawn last: a missing font is said before any work
    paths.warnings = remove_stale_temporaries(outputs);

    report::ReportInputs in;
    in.manifest_json = read_text(manifest_path);
    nlohmann::json manifest;
    try {
        manifest = nlohmann::json::parse(in.manifest_json);
    } catch (const nlohmann::json::exception& e) {
        throw InputError(manifest_path.string() + ": not valid JSON: " + e.what());
    }
    const fs::path gpkg = output_in(output_dir, manifest, "geopackage", "burden.gpkg");
    const fs::path tif = output_in(output_dir, manifest, "geotiff", "burden.tif");
    refuse_outputs_that_are_inputs(outputs, {{"the run's GeoPackage", gpkg}, {"the run's GeoTIFF", tif}});
    std::string crs;
    if (manifest.contains("grid") && manifest["grid"].contains("crs_wkt") && manifest["grid"]["crs_wkt"].is_string())
        crs = manifest["grid"]["crs_wkt"].get<std::string>();

    std::optional<TableData> zones = read_table(gpkg, "zones", true, crs);
    if (!zones) throw InputError(gpkg.string() + ": has no 'zones' layer");
    std::optional<TableData> codebook = read_table(gpkg, "codebook");
    if (!codebook) throw InputError(gpkg.string() + ": has no 'codebook' table");
    if (std::optional<TableData> groups = read_table(gpkg, "income_groups")) in.income_groups = to_table(std::move(*groups));

    in.codebook = to_table(std::move(*codebook));
    report::Table zone_table{zones->columns, zones->rows};
    const std::vector<report::ColumnInfo> columns = report::zone_column_info(zone_table, in.codebook);
    const std::vector<std::size_t> numbered = report::most_burdened(zone_table, columns, options.numbered_zones);
    std::string preferred;
    if (const auto h = report::headline_column(columns)) preferred = columns[*h].name.substr(0, columns[*h].name.size() - 5);

    const MapResult map = draw_map(tif, *zones, numbered, preferred, options.map_pixels);
    if (!map.png.empty()) in.bivariate_png_base64 = report::base64(draw_bivariate_map(*zones, zone_table, map.grid));
    in.zones = std::move(zone_table);
    in.map_png_base64 = report::base64(map.png);
    in.map_legend = map.legend;
    in.map_problem = map.problem;
    in.output_dir = output_dir.string();

    const std::string html = report::render_report_html(report::build_report_model(in, numbered));
    if (map.png.empty()) {
        paths.map.clear();
    } else {
        AtomicOutput out(paths.map, options.overwrite);
        {
            std::ofstream f(out.temp_path(), std::ios::binary);
            f.write(reinterpret_cast<const char*>(map.png.data()), static_cast<std::streamsize>(map.png.size()));
            f.flush();
            if (!f) throw OutputError(paths.map.string() + ": write failed (disk full?)");
        }
        out.commit();
    }
    AtomicOutput::write_text(paths.report, html, options.overwrite);
    return paths;
}

}  // namespace burdenmap
