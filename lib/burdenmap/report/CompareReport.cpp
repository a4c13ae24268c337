#include "burdenmap/report/CompareReport.h"

#include "burdenmap/core/Errors.h"
#include "burdenmap/io/AtomicOutput.h"
#include "burdenmap/io/OutputInputClash.h"
#include "burdenmap/io/OutputReader.h"
#include "burdenmap/report/Base64.h"
#include "burdenmap/report/CompareReportBuilder.h"
#include "burdenmap/report/CompareReportHtml.h"
#include "burdenmap/report/MapFont.h"
#include "burdenmap/report/Quicklook.h"

namespace fs = std::filesystem;

namespace burdenmap {

namespace {

// Darker than the quicklook's usual light grey: the diverging ramp's middle is near-white, and
// "no data" must not read as "no change".
const report::Rgb delta_nodata{150, 150, 150};

const AlternativeSummary* summary_of(const CompareResult& result, const std::string& label) {
    for (const AlternativeSummary& s : result.summaries)
        if (s.label == label) return &s;
    return nullptr;
}

// Per alternative, the headline's delta band of delta.tif on a map with the zone outlines; every
// map on the same scale (symmetric about 0), so the alternatives can be compared by colour.
std::vector<report::DeltaMapImage> draw_delta_maps(const CompareResult& result, int pixels) {
    std::vector<report::DeltaMapImage> maps(result.plans.size());
    std::error_code ec;
    if (result.delta_tif.empty() || !fs::exists(result.delta_tif, ec)) {
        for (auto& m : maps) m.problem = "delta.tif is not in the output folder.";
        return maps;
    }
    const RasterSummary raster = read_raster_summary(result.delta_tif);
    const std::vector<MultiPolygon> outlines = shapes_from_wkb(
        result.zones.features, result.zones.crs_wkt, raster.crs_wkt, result.delta_tif.string() + ": the compared zones");
    const double extent = report::headline_delta_extent(result);
    for (std::size_t i = 0; i < result.plans.size(); ++i) {
        const AlternativeSummary* summary = summary_of(result, result.plans[i].label);
        const std::optional<DeltaBand> band = summary ? report::headline_delta_band(result, *summary) : std::nullopt;
        if (!band || band->band < 1 || band->band > static_cast<int>(raster.bands.size())) {
            maps[i].problem = result.delta_tif.filename().string() + " has no band of the headline for " +
                              result.plans[i].label + ".";
            continue;
        }
        report::QuicklookInput q;
        q.values = read_band_preview(result.delta_tif, band->band, pixels, false);
        q.legend_title = report::delta_map_legend(result, i);
        q.style = report::diverging_raster_style(band->band, -extent, extent, report::ColorRamp::blue_white_red(),
                                                 q.legend_title);
        q.outlines = outlines;
        q.nodata = delta_nodata;
        const report::Image image = report::render_quicklook(q);
        maps[i].png_base64 = report::base64(encode_png(image.width(), image.height(), image.rgb()));
    }
    return maps;
}

}  // namespace

fs::path write_compare_report(const CompareResult& result, const CompareReportOptions& options) {
    if (result.geopackage.empty())
        throw OutputError(options.report + ": the comparison names no output folder (no compare.gpkg path)");
    const fs::path report = result.geopackage.parent_path() / options.report;
    // Refuse before any work when the report would replace an input, exists without overwrite, or
    // cannot be written; the map font is checked before the maps are drawn.
    std::vector<NamedInput> inputs = {{"the comparison's GeoPackage", result.geopackage}};
    if (!result.delta_tif.empty()) inputs.push_back({"the comparison's delta raster", result.delta_tif});
    refuse_outputs_that_are_inputs({report}, inputs);
    AtomicOutput::check_writable(report, options.overwrite);
    report::require_map_font();
    const std::vector<report::DeltaMapImage> maps = draw_delta_maps(result, options.map_pixels);
    const std::string html =
        report::render_compare_report_html(report::build_compare_report_model(result, maps, options.changed_zones));
    AtomicOutput::write_text(report, html, options.overwrite);
    return report;
}

}  // namespace burdenmap
