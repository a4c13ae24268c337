// Colour ramps: ends, interpolation, class colours, and the property that makes a sequential
// ramp readable without colour vision: lightness changes monotonically along it.
#include <catch2/catch.hpp>

#include <cmath>
#include <set>

#include "burdenmap/report/ColorRamp.h"

using namespace burdenmap::report;

namespace {

// WCAG relative luminance of an sRGB colour (0 black … 1 white).
double luminance(const Rgb& c) {
    const auto lin = [](std::uint8_t v) {
        const double s = v / 255.0;
        return s <= 0.03928 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

}  // namespace

TEST_CASE("hex colours read and print back", "[report][colour]") {
    CHECK(rgb_from_hex("#bd0026") == Rgb{189, 0, 38});
    CHECK(Rgb{189, 0, 38}.hex() == "#bd0026");
    CHECK(Rgb{189, 0, 38}.qgis() == "189,0,38,255");
    CHECK_THROWS_AS(rgb_from_hex("bd0026"), std::invalid_argument);
    CHECK_THROWS_AS(rgb_from_hex("#bd00zz"), std::invalid_argument);
}

TEST_CASE("blend goes channel by channel from one colour to the other, rounding", "[report][colour]") {
    const Rgb a{0, 100, 255}, b{255, 0, 255};
    CHECK(blend(a, b, 0.0) == a);
    CHECK(blend(a, b, 1.0) == b);
    CHECK(blend(a, b, 0.5) == Rgb{128, 50, 255});  // 127.5 rounds up, 50 exactly, 255 unchanged
    CHECK(blend(a, b, 0.25) == Rgb{64, 75, 255});   // 63.75 -> 64
}

TEST_CASE("a ramp runs from its first to its last stop and interpolates between", "[report][colour]") {
    const ColorRamp ramp("test", {Rgb{0, 0, 0}, Rgb{200, 100, 50}});
    CHECK(ramp.at(0) == Rgb{0, 0, 0});
    CHECK(ramp.at(1) == Rgb{200, 100, 50});
    CHECK(ramp.at(0.5) == Rgb{100, 50, 25});  // halfway: half of each channel
    CHECK(ramp.at(-3) == Rgb{0, 0, 0});       // clamped
    CHECK(ramp.at(7) == Rgb{200, 100, 50});
    CHECK(ramp.at(std::nan("")) == Rgb{0, 0, 0});
    CHECK_THROWS_AS(ColorRamp("one", {Rgb{}}), std::invalid_argument);
}

TEST_CASE("class colours are evenly spread and include both ends", "[report][colour]") {
    const ColorRamp ramp = ColorRamp::yl_or_rd();
    const auto five = ramp.classes(5);
    REQUIRE(five.size() == 5);
    CHECK(five.front().hex() == "#ffffcc");  // ColorBrewer YlOrRd's lightest
    CHECK(five.back().hex() == "#800026");   // and darkest
    CHECK(five[2] == ramp.at(0.5));
    // 9 classes are ColorBrewer's 9 colours themselves.
    CHECK(ramp.classes(9) == ramp.stops());
    CHECK(ramp.classes(1).size() == 1);
    CHECK(ramp.classes(0).empty());
}

TEST_CASE("sequential ramps change lightness monotonically (readable in grey and by colour-blind readers)",
          "[report][colour]") {
    for (const ColorRamp& ramp : {ColorRamp::yl_or_rd(), ColorRamp::viridis(), ColorRamp::cividis()}) {
        INFO(ramp.name());
        const bool darkening = luminance(ramp.stops().front()) > luminance(ramp.stops().back());
        for (int i = 1; i <= 100; ++i) {
            const double a = luminance(ramp.at((i - 1) / 100.0)), b = luminance(ramp.at(i / 100.0));
            if (darkening) CHECK(b <= a + 1e-9);
            else CHECK(b >= a - 1e-9);
        }
    }
}

TEST_CASE("GES classes 0..8 have nine distinct colours from green to purple", "[report][colour]") {
    std::set<std::string> seen;
    for (int k = 0; k <= 8; ++k) seen.insert(ges_class_colour(k).hex());
    CHECK(seen.size() == 9);
    const Rgb zero = ges_class_colour(0), six = ges_class_colour(6), eight = ges_class_colour(8);
    CHECK(zero.g > zero.r);   // green
    CHECK(six.r > six.g);     // red
    CHECK(eight.b > eight.g);  // purple
    CHECK(ges_class_colour(-1) == zero);  // clamped
    CHECK(ges_class_colour(12) == eight);
}

TEST_CASE("bivariate and verdict colours are distinct", "[report][colour]") {
    std::set<std::string> bivariate;
    for (int k = 1; k <= 9; ++k) bivariate.insert(bivariate_colour(k).hex());
    CHECK(bivariate.size() == 9);
    CHECK(luminance(bivariate_colour(9)) < luminance(bivariate_colour(1)));  // the double burden is darkest
    std::set<std::string> verdicts;
    for (const char* v : {"meets standard values", "needs weighing", "exceeds limit value", "unknown"})
        verdicts.insert(verdict_colour(v).hex());
    CHECK(verdicts.size() == 4);
    CHECK(verdict_colour("anything else") == verdict_colour("unknown"));
}
