#pragma once
// The job, as the config file states it (DESIGN.md §3). Paths are already resolved against the
// config file's folder. Only run-time concerns (threads, block size, overwrite, progress) come
// from the command line instead.
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "burdenmap/core/Box.h"
#include "burdenmap/score/ScoringMethod.h"

namespace burdenmap {

struct StudyConfig {
    std::string name = "burdenmap study";
    std::string crs;                   // empty: the zones' CRS
    std::optional<double> resolution;  // map units; default: the finest input raster
    std::optional<Box> extent;         // default: the zones' extent
};

struct ZonesConfig {
    std::filesystem::path path;
    std::string layer;            // empty: the only / first layer
    std::string id_field;
    std::string name_field;       // optional
    std::string population_field; // optional
    // Output name → input field, e.g. {"low_income_share", "percentage_huishoudens_met_laag_inkomen"}.
    std::vector<std::pair<std::string, std::string>> income_fields;
    std::vector<double> nodata_values;  // CBS sentinels such as -99999999 become NULL
};

struct LayerConfig {
    std::string name;
    std::filesystem::path path;
    std::string vector_layer;   // set for vector layers (OGR layer name); empty for rasters
    std::string value_field;    // vector layers: the numeric field burned into cells
    double background = 0.0;    // vector layers: value of cells outside every polygon
    int band = 1;               // raster layers
    std::string unit;
    std::string group;
    std::string method;         // a method id from the method tables, or "inline:<layer>"
    std::shared_ptr<const ScoringMethod> inline_method;  // `method = { ... }` in the config
    std::string resampling;     // empty: chosen from the resolutions (see AlignedSource)
    bool is_vector() const { return !value_field.empty() || !vector_layer.empty(); }
};

// One outcome of a health_burden cumulation ([[cumulation.outcome]]).
struct HealthOutcomeConfig {
    std::string name;
    std::string layer;
    std::string method;                         // an exposure_response method id
    std::optional<double> counterfactual;       // relative-risk curves: override the method's
    std::optional<double> disability_weight;
    double duration_years = 1;
    std::optional<double> baseline_per_1000;
    std::optional<double> years_lost_per_case;
    std::string source;
};

struct CumulationConfig {
    std::string name;
    std::string rule;
    std::vector<std::string> layers;        // empty with no group: every layer
    std::string group;                      // alternative to layers: every layer of this group
    std::optional<double> at_least;         // count_at_least: one level for every layer
    std::map<std::string, double> at_least_per_layer;
    std::map<std::string, double> weights;  // weighted_sum
    std::vector<HealthOutcomeConfig> outcomes;  // health_burden
};

// Where residents are: a raster of counts per cell (any grid), else the zones' population field
// spread evenly over each zone's area.
struct PopulationConfig {
    std::filesystem::path raster;  // empty: use zones.population (if set)
    int band = 1;
};

struct OutputConfig {
    std::filesystem::path dir;
    std::string geotiff = "burden.tif";
    std::string geopackage = "burden.gpkg";
    std::string manifest = "run.json";
    std::string raw_geotiff;  // optional second GeoTIFF with the aligned raw layers
};

struct Config {
    std::filesystem::path file;      // the config file itself
    std::string text;                // its contents, for the run manifest
    StudyConfig study;
    ZonesConfig zones;
    std::vector<LayerConfig> layers;
    std::vector<CumulationConfig> cumulations;
    OutputConfig output;
    PopulationConfig population;
    std::vector<std::filesystem::path> method_dirs;  // extra method-table folders
};

}  // namespace burdenmap
