// unit_dimension: how people spell the units of noise maps, air-quality grids and risk contours.
#include <catch2/catch.hpp>

#include "burdenmap/score/UnitDimension.h"

using namespace burdenmap;

TEST_CASE("unit_dimension: the spellings of one dimension agree", "[units]") {
    for (const char* u : {"dB", "dB Lden", "dB(A)", "dBA", "db lnight", "DB"}) {
        INFO(u);
        CHECK(unit_dimension(u) == UnitDimension::sound_level);
    }
    // The micro sign (U+00B5) and the Greek mu (U+03BC), with and without a superscript 3.
    for (const char* u : {"µg/m³", "µg/m3", "μg/m³", "μg/m3", "ug/m3", "ug/m³", "UG/M3", "µg/m³ (annual mean)"}) {
        INFO(u);
        CHECK(unit_dimension(u) == UnitDimension::concentration);
    }
    for (const char* u : {"per year", "1/year", "risk /yr", "Per Year"}) {
        INFO(u);
        CHECK(unit_dimension(u) == UnitDimension::risk_per_year);
    }
}

TEST_CASE("unit_dimension: empty and unknown units have none (nothing is compared)", "[units]") {
    for (const char* u : {"", "class", "index", "%", "mg/m3", "ppb"}) {
        INFO(u);
        CHECK_FALSE(unit_dimension(u).has_value());
    }
    CHECK(std::string(to_string(UnitDimension::sound_level)) == "sound levels");
}
