#pragma once
// `burdenmap check-sites`: candidate housing sites against the values that apply to each layer
// (SiteStandards): per site the values, a verdict in Dutch legal logic, a health advisory, the
// cumulations at the site and where they stand among the study's zones. Writes sites.gpkg (layer
// `sites`, codebook, manifest in gpkg_metadata) and sites.csv, temp-then-rename.
//
// One pass of the block pipeline over the study grid serves everything: polygon sites ride along
// as extra zones (exact coverage, as for zones), point sites are picked out of the windows, and
// the zones' statistics of the same pass give the percentiles. The zones need every window, so a
// check costs about what `run` costs without writing rasters.
#include <filesystem>
#include <string>
#include <vector>

#include "burdenmap/core/Diagnostics.h"
#include "burdenmap/core/FeatureTable.h"
#include "burdenmap/job/JobPlan.h"
#include "burdenmap/job/RunJob.h"
#include "burdenmap/job/SiteTable.h"

namespace burdenmap {

struct SiteCheckOptions {
    std::filesystem::path sites;       // any OGR source
    std::string sites_layer;           // empty: the first layer
    std::string id_field;              // empty: the feature id
    std::filesystem::path output_dir;  // empty: the config's [output] dir
    int threads = 0;
    bool overwrite = false;
    bool bilinear = false;             // points: interpolate layer values between cell centres
    ProgressFn progress;
};

struct SiteCheckResult {
    std::filesystem::path geopackage, csv;
    std::string sites_description;            // "file (layer L)"
    std::vector<FieldSpec> fields;            // the sites table, as written
    std::vector<std::vector<FieldValue>> rows;
    std::vector<SiteOutcome> sites;
    std::size_t zones_compared = 0;           // zones with data, for the percentiles
    std::vector<Diagnostic> warnings;         // about the sites and the standards (not the plan's)
    double seconds = 0;
};

// Throws ConfigError (no legal value configured, unknown or non-threshold method ids), InputError
// (the sites file), OutputError, Cancelled.
SiteCheckResult check_sites(const JobPlan& plan, const SiteCheckOptions& options);

// The files check_sites writes into `output_dir` (empty: the config's [output] dir): sites.gpkg
// and sites.csv.
std::vector<std::filesystem::path> site_check_output_paths(const Config& config, const std::filesystem::path& output_dir);

}  // namespace burdenmap
