#pragma once
// Helpers for the end-to-end tests: run the burdenmap binary, make temp folders, read outputs.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "support/TempDir.h"

namespace e2e {

struct CommandResult {
    int exit_code = -1;
    std::string out;  // stdout
    std::string err;  // stderr
};

// Runs the burdenmap binary with the given arguments (each quoted for the shell).
CommandResult run_burdenmap(const std::vector<std::string>& args);
// Runs a shell command line (for ulimit, signals, working directories): stdout, stderr, exit code.
CommandResult run_shell(const std::string& command);
// `s` in single quotes for the shell.
std::string shell_quote(const std::string& s);

std::string source_dir();  // the repository root
std::string demo_config(); // data/demo/demo.toml
// The text of demo_config() with its data files named by absolute path: a copy of it written
// anywhere (a test's own folder, with its own additions) still finds the demo data.
std::string demo_config_text();

// A fresh folder under the system temp dir, removed when the object dies.
using TempDir = burdenmap::test::TempDir;

// The zones layer of a GeoPackage: one map column → value text per feature (doubles printed with
// 17 significant digits, so equal texts mean equal bits), in feature order.
std::vector<std::map<std::string, std::string>> read_zones(const std::filesystem::path& gpkg);
// The same for any layer or attribute table of a GeoPackage (empty when it has none of that name).
std::vector<std::map<std::string, std::string>> read_layer(const std::filesystem::path& gpkg, const std::string& name);

// All bands of a raster as float arrays.
std::vector<std::vector<float>> read_bands(const std::filesystem::path& tif);

std::string read_file(const std::filesystem::path& path);
// A report's text without its embedded images (each "data:" URI up to its closing quote or
// parenthesis): base64 of a PNG may hold any word by chance. (By hand: std::regex recurses per
// character and overflows the stack on a long image.)
std::string without_data_uris(const std::string& html);

// A CSV text as rows of fields, read as pandas would (RFC 4180: quoted fields may hold commas,
// doubled quotes and newlines); NULL and "" are both an empty field.
std::vector<std::vector<std::string>> parse_csv(const std::string& text);

}  // namespace e2e
