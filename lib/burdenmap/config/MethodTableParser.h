#pragma once
#include <filesystem>
#include <vector>

#include "burdenmap/score/MethodRegistry.h"

namespace burdenmap {

// Reads one method-table file (schema in data/methods/README.md) into the registry. Throws
// ConfigError naming the file and the key path (e.g. "method[3].class[2].upper").
void load_method_file(const std::filesystem::path& file, MethodRegistry& registry);

// Reads every *.toml file of each folder, in name order.
MethodRegistry load_method_tables(const std::vector<std::filesystem::path>& dirs);

// The folder of the method tables shipped with burdenmap: $BURDENMAP_METHODS_DIR if set, else the
// data/methods folder of the source tree or the installed share folder.
std::filesystem::path default_methods_dir();

}  // namespace burdenmap
