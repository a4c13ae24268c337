#pragma once
#include <filesystem>

#include "burdenmap/config/Config.h"

namespace burdenmap {

// Reads and checks a config file. Throws ConfigError naming the key path (e.g.
// "layer[2].method") for unknown keys, wrong types, missing required keys and bad values.
// Relative paths are resolved against the config file's folder.
Config parse_config(const std::filesystem::path& file);

}  // namespace burdenmap
