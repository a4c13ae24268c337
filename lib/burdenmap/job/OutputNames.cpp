#include "burdenmap/job/OutputNames.h"

#include <cctype>

#include "burdenmap/core/Errors.h"
#include "burdenmap/io/OutputInputClash.h"
#include "burdenmap/job/CheckSites.h"
#include "burdenmap/job/JobPlan.h"
#include "burdenmap/report/OutputStyles.h"
#include "burdenmap/report/ReportWriter.h"

namespace fs = std::filesystem;

namespace burdenmap {
namespace {

// The name as a case-insensitive file system sees it (ASCII letters only: that is what Windows
// and macOS fold for every name burdenmap writes).
std::string folded(const std::string& name) {
    std::string out = name;
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// [output] csv only switches the CSV tables on or off; their names are fixed.
bool configurable(const OutputName& n) { return n.key.rfind("output.", 0) == 0 && n.key != "output.csv"; }

[[noreturn]] void refuse_collision(const OutputName& earlier, const OutputName& later) {
    // The error names the config key to change (the later one when both are configurable); a
    // report's or check-sites' name is fixed, so it is always the other one.
    if (earlier.key == later.key)  // a GeoTIFF named *.qml is its own raster style
        throw ConfigError(later.key, "'" + later.name + "' names both " + earlier.what + " and " + later.what +
                                         ": give " + later.key + " a name ending in .tif");
    const OutputName& changed = configurable(later) ? later : earlier;
    const OutputName& other = &changed == &later ? earlier : later;
    std::string message = "'" + changed.name + "' is also the name of " + other.what + " (" + other.key;
    if (other.name != changed.name) message += ", '" + other.name + "'; names that differ only in case are one file on Windows and macOS";
    message += "): one output would overwrite the other in the output folder; give ";
    message += configurable(other) ? "each output its own name" : changed.key + " another name";
    if (other.key == "output.csv") message += " (or set output.csv = false: no CSV tables)";
    throw ConfigError(changed.key, message);
}

}  // namespace

std::vector<std::string> csv_tables(const Config& config) {
    if (!config.output.csv) return {};
    if (!config.fairness.enabled) return {"zones"};
    return {"zones", "income_groups", "fairness_summary"};
}

std::vector<OutputName> run_output_names(const Config& config) {
    const OutputConfig& output = config.output;
    std::vector<OutputName> names{
        {"output.geotiff", "the GeoTIFF", output.geotiff},
        {"output.geotiff", "the raster style written beside the GeoTIFF", raster_style_path(output.geotiff).string()},
        {"output.geopackage", "the GeoPackage", output.geopackage},
        {"output.manifest", "the run manifest", output.manifest}};
    if (!output.raw_geotiff.empty()) names.push_back({"output.raw_geotiff", "the raw GeoTIFF", output.raw_geotiff});
    for (const std::string& table : csv_tables(config))
        names.push_back({"output.csv", "the " + table + " table as CSV", table + ".csv"});
    return names;
}

std::vector<OutputName> output_folder_names(const Config& config) {
    std::vector<OutputName> names = run_output_names(config);
    const ReportPaths report = report_paths({});
    names.push_back({"--report", "the report that `run --report` and `burdenmap report` write", report.report.string()});
    names.push_back({"--report", "the map that `run --report` and `burdenmap report` write", report.map.string()});
    for (const fs::path& p : site_check_output_paths(config, {}))
        names.push_back({"check-sites", "an output of `burdenmap check-sites`", p.filename().string()});
    return names;
}

void refuse_colliding_output_names(const Config& config) {
    const std::vector<OutputName> names = output_folder_names(config);
    for (std::size_t j = 0; j < names.size(); ++j)
        for (std::size_t i = 0; i < j; ++i)
            if (folded(names[i].name) == folded(names[j].name)) refuse_collision(names[i], names[j]);
}

void refuse_output_dir_in_method_dirs(const Config& config, const fs::path& output_dir_override,
                                      const std::vector<fs::path>& method_dir_overrides) {
    const bool dir_given = !output_dir_override.empty();
    const fs::path out = dir_given ? output_dir_override : config.output.dir;
    const std::vector<fs::path> dirs = method_dirs_for(config, method_dir_overrides);
    // method_dirs_for lists --methods-dir (or the default folder), then the [methods] dirs.
    const std::size_t first_config_dir = dirs.size() - config.method_dirs.size();
    for (std::size_t i = 0; i < dirs.size(); ++i) {
        if (!same_file(out, dirs[i])) continue;
        const std::string methods_key = i >= first_config_dir       ? "methods.dirs"
                                        : method_dir_overrides.empty() ? "the default method folder"
                                                                       : "--methods-dir";
        throw ConfigError(dir_given ? "--output-dir" : "output.dir",
                          "the output folder " + out.string() + " is the method-table folder " + dirs[i].string() + " (" +
                              methods_key + "): every *.toml there is read as a method table by the next run, so an "
                              "output could become one; write the outputs into another folder");
    }
}

void refuse_misplaced_outputs(const Config& config, const fs::path& output_dir_override,
                              const std::vector<fs::path>& method_dir_overrides) {
    refuse_colliding_output_names(config);
    refuse_output_dir_in_method_dirs(config, output_dir_override, method_dir_overrides);
}

}  // namespace burdenmap
