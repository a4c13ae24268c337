#include "burdenmap/io/OutputInputClash.h"

#include <algorithm>
#include <system_error>

#include "burdenmap/core/Errors.h"

namespace fs = std::filesystem;

namespace burdenmap {

// One file, however it is named: equivalent() compares device and inode after following
// symlinks, which covers hard links and symlinks on either side; the canonical form catches the
// same path spelled differently ("out/../out/x") when a file is not there (yet).
bool same_file(const fs::path& a, const fs::path& b) {
    std::error_code ec;
    if (fs::equivalent(a, b, ec) && !ec) return true;
    const fs::path ca = fs::weakly_canonical(fs::absolute(a, ec), ec);
    if (ec) return false;
    const fs::path cb = fs::weakly_canonical(fs::absolute(b, ec), ec);
    return !ec && ca == cb;
}

namespace {

void add_method_folder(std::vector<NamedInput>& inputs, const fs::path& dir) {
    inputs.push_back({"the method-table folder", dir});
    std::error_code ec;
    std::vector<fs::path> tables;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".toml") tables.push_back(it->path());
    std::sort(tables.begin(), tables.end());
    for (const fs::path& t : tables) inputs.push_back({"a method table", t});
}

}  // namespace

std::vector<NamedInput> config_inputs(const Config& config, const std::vector<fs::path>& method_dirs) {
    std::vector<NamedInput> inputs;
    inputs.push_back({"the config file", config.file});
    for (const ConfigBase& b : config.extends) inputs.push_back({"a config it extends", b.file});
    inputs.push_back({"the zones (zones.path)", config.zones.path});
    for (const LayerConfig& l : config.layers) inputs.push_back({"the input of layer '" + l.name + "'", l.path});
    if (!config.population.raster.empty()) inputs.push_back({"the population raster (population.raster)", config.population.raster});
    if (config.zones.table) inputs.push_back({"the joined table (zones.table)", config.zones.table->path});
    if (config.fairness.table) inputs.push_back({"the joined table (fairness.table)", config.fairness.table->path});
    for (const fs::path& dir : method_dirs) add_method_folder(inputs, dir);
    return inputs;
}

void refuse_outputs_that_are_inputs(const std::vector<fs::path>& outputs, const std::vector<NamedInput>& inputs) {
    for (const fs::path& out : outputs) {
        if (out.empty()) continue;
        for (const NamedInput& in : inputs) {
            if (in.path.empty() || !same_file(out, in.path)) continue;
            throw OutputError("the output " + out.string() + " is " + in.role + ", " + in.path.string() +
                              " (the same file): writing it would replace that input; choose another --output-dir, "
                              "or rename the output or the input");
        }
    }
}

}  // namespace burdenmap
