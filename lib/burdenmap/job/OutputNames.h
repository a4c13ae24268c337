#pragma once
// The file names the commands write into an output folder, and two refusals about them, checked
// by `run`, `check-sites` and `validate` before any work (ConfigError, exit 2, naming both keys):
// - two outputs with one name (a GeoTIFF named report.html, a GeoPackage named like the GeoTIFF
//   or its burden.qml): one would silently overwrite the other;
// - an output folder that is a method-table folder: every *.toml there is read as a method table
//   by the next run, so an output could turn into a method.
#include <filesystem>
#include <string>
#include <vector>

#include "burdenmap/config/Config.h"

namespace burdenmap {

struct OutputName {
    std::string key;   // the config key or option that names it: "output.geotiff", "--report", "check-sites"
    std::string what;  // for the message: "the GeoTIFF", "the report that `run --report` and `report` write"
    std::string name;  // a plain file name in the output folder
};

// The GeoPackage tables `run` also writes as CSV beside it ([output] csv, on by default), each as
// "<table>.csv": zones, and with [fairness] income_groups and fairness_summary. The names are
// fixed (pandas and R scripts find them); a configurable name that collides is refused instead.
std::vector<std::string> csv_tables(const Config& config);

// `run`'s outputs: the GeoTIFF, its raster style, the GeoPackage, the manifest, the raw GeoTIFF
// (when set), the CSV tables (csv_tables).
std::vector<OutputName> run_output_names(const Config& config);

// Every name written into the output folder: run's, the report and its map (`run --report`,
// `burdenmap report`) and check-sites' sites.gpkg and sites.csv. The report's and check-sites'
// names count even when this command does not write them: they go into the same folder later.
std::vector<OutputName> output_folder_names(const Config& config);

// Throws ConfigError naming both keys when two of output_folder_names are one file: the same name,
// or names differing only in ASCII case (one file on Windows and macOS; the file system is not
// probed, so a config means the same on every machine).
void refuse_colliding_output_names(const Config& config);

// Throws ConfigError naming both keys when the output folder (`output_dir_override`, i.e.
// --output-dir, else [output] dir) is one of the method-table folders (method_dirs_for).
void refuse_output_dir_in_method_dirs(const Config& config, const std::filesystem::path& output_dir_override,
                                      const std::vector<std::filesystem::path>& method_dir_overrides);

// Both refusals: what every command that reads a config checks (validate with no overrides).
void refuse_misplaced_outputs(const Config& config, const std::filesystem::path& output_dir_override,
                              const std::vector<std::filesystem::path>& method_dir_overrides);

}  // namespace burdenmap
