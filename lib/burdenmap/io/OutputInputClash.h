#pragma once
// Refuses a command whose output would be one of its inputs: with --overwrite, a raster named
// burden.tif in the output folder, a hard link to the zones, a symlink at run.json pointing at
// the config, would otherwise be replaced by the output (or read half-written). Checked by every
// command that writes, before any work.
#include <filesystem>
#include <string>
#include <vector>

#include "burdenmap/config/Config.h"

namespace burdenmap {

struct NamedInput {
    std::string role;  // for the message, e.g. "the raster of layer 'noise'"
    std::filesystem::path path;
};

// True when `a` and `b` are one file or folder: the same path however spelled, or reached through
// a symlink or a hard link (same device and inode). Neither needs to exist.
bool same_file(const std::filesystem::path& a, const std::filesystem::path& b);

// Every file a job reads: the config itself, the zones, each layer, the population raster, the
// [fairness.table], and the method-table folders `method_dirs` with each *.toml file in them.
std::vector<NamedInput> config_inputs(const Config& config, const std::vector<std::filesystem::path>& method_dirs);

// Throws OutputError naming both paths when an output is the same file as an input: the same
// path, or the same file reached through a symlink or a hard link (same device and inode). An
// output that does not exist yet is no input, unless a symlink at its path points at one.
void refuse_outputs_that_are_inputs(const std::vector<std::filesystem::path>& outputs, const std::vector<NamedInput>& inputs);

}  // namespace burdenmap
