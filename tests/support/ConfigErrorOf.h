#pragma once
// The ConfigError that parse_config throws for a config text, written as job.toml into a fresh
// temp folder; fails the test when the text parses. Header-only: only the test programs that link
// burdenmap_config include it.
#include <catch2/catch.hpp>

#include <string>

#include "burdenmap/config/ConfigParser.h"
#include "burdenmap/core/Errors.h"
#include "support/TempDir.h"

namespace burdenmap::test {

inline ConfigError config_error_of(const std::string& text) {
    TempDir dir("config");
    const std::filesystem::path file = dir.write("job.toml", text);
    try {
        parse_config(file);
    } catch (const ConfigError& e) {
        return e;
    }
    FAIL_CHECK("parse_config accepted:\n" << text);
    return ConfigError("(no error)", "parse_config accepted the file");
}

}  // namespace burdenmap::test
