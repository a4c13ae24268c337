#pragma once
#include <filesystem>

#include "burdenmap/config/Config.h"

namespace burdenmap {

// Reads and checks a config file. Throws ConfigError naming the key path (e.g.
// "layer[2].method") for unknown keys, wrong types, missing required keys and bad values.
// Relative paths are resolved against the folder of the file that wrote them. A config with
// `extends = "base.toml"` is merged over the configs it names first (ConfigExtends.cpp), so every
// command sees one resolved config; Config::extends and Config::changes say what it built on.
Config parse_config(const std::filesystem::path& file);

}  // namespace burdenmap
