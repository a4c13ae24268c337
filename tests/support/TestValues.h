#pragma once
// Small things many tests share: a missing expected value spelled so that tables of expected
// values line up, and a substring test that says what it looked in when it fails. ("No value" in
// cells and statistics is the engine's own: kNoData in core/Raster.h, kNaN in core/NaN.h.)
#include <catch2/catch.hpp>

#include <optional>
#include <string>

namespace burdenmap::test {

// An expected zone value that is missing (a std::optional column), short so tables line up.
inline constexpr auto NUL = std::nullopt;

// True when `text` contains `part`; when not, the failing assertion's report shows the text.
inline bool contains(const std::string& text, const std::string& part) {
    const bool found = text.find(part) != std::string::npos;
    if (!found) UNSCOPED_INFO("'" << part << "' not found in:\n" << text);
    return found;
}

}  // namespace burdenmap::test
