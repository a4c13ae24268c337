#pragma once
// Runs a planned job: the block pipeline (read in parallel → merge and write in window order),
// then the outputs: burden.tif (COG), burden.gpkg (zones, codebook, manifest), run.json,
// and the zones (with income_groups, fairness_summary) as CSV beside the GeoPackage.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "burdenmap/job/JobPlan.h"

namespace burdenmap {

// Progress in [0, 1] with the current stage's name; return false to cancel the run (it then
// throws Cancelled after removing its temporary files).
using ProgressFn = std::function<bool(double fraction, const std::string& stage)>;

struct RunOptions {
    std::filesystem::path output_dir;  // empty: the config's [output] dir
    int threads = 0;                   // 0: all cores
    bool overwrite = false;
    ProgressFn progress;
};

struct ZoneSummary {
    std::string id;
    std::string name;
    double value = 0;                     // the headline statistic (see RunResult::headline)
    std::optional<double> income;         // the first income field, if any
    // A count with missing = "skip": the share of the zone's area where every counted layer has
    // data (<name>_complete_share). Below 1 the count, and so the zone's rank, may be too low.
    std::optional<double> complete_share;
};

struct RunResult {
    std::filesystem::path geotiff, geopackage, manifest, raw_geotiff;
    std::filesystem::path cog_geotiff;  // merge --cog: the one-file GeoTIFF beside burden.vrt
    std::vector<std::pair<std::string, std::filesystem::path>> csv;  // GeoPackage table → its CSV ([output] csv)
    std::size_t zones = 0;
    std::size_t zones_with_data = 0;
    std::string headline;                 // e.g. "stapeling_mean: mean number of burdened layers"
    std::string income_label;             // the name of ZoneSummary::income (first income field)
    std::string income_unit;              // its unit ([zones] income unit), or empty
    std::vector<ZoneSummary> most_burdened;  // top 5 by the headline statistic, ranked as core/ZoneRanking.h
    std::string tie_break;                // how ties in most_burdened were broken, in words
    std::vector<Diagnostic> warnings;
    std::vector<std::string> fairness;    // plain-language fairness findings (empty without [fairness])
    std::vector<std::string> uncertainty; // how sure the rankings are (empty without [uncertainty])
    double seconds = 0;
};

RunResult run_job(const JobPlan& plan, const RunOptions& options);

// The files a run writes into `output_dir` (empty: the config's [output] dir): the GeoTIFF, its
// QGIS style, the GeoPackage, the manifest and, when configured, the raw GeoTIFF and the CSV tables.
std::vector<std::filesystem::path> run_output_paths(const Config& config, const std::filesystem::path& output_dir);

}  // namespace burdenmap
